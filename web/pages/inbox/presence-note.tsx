import { Alert, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { presenceKey, type Presence } from '../../api/inbox.js'

type Props = { libraryId: string; itemId: string; initial: Presence[]; meId: string }

/** Who else has the item open, and whether someone is already writing an answer. */
export function PresenceNote({ libraryId, itemId, initial, meId }: Props) {
  const { t, i18n } = useTranslation()
  const presence = useQuery({
    queryKey: presenceKey(libraryId, itemId),
    queryFn: () => initial,
    initialData: initial,
    staleTime: Infinity,
  }).data
  const others = presence.filter((p) => p.user.id !== meId)
  const list = new Intl.ListFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', {
    type: 'conjunction',
  })
  const writing = others.filter((p) => p.mode === 'writing').map((p) => p.user.name)
  const viewing = others.filter((p) => p.mode === 'viewing').map((p) => p.user.name)
  return (
    <div aria-live="polite">
      {writing.length > 0 && (
        <Alert variant="light" color="orange" p="xs">
          <Text size="sm" fw={500}>
            {t('inbox.presence.writing', { names: list.format(writing), count: writing.length })}
          </Text>
        </Alert>
      )}
      {viewing.length > 0 && (
        <Text size="sm" c="gray.8" mt={writing.length > 0 ? 'xs' : 0}>
          {t('inbox.presence.viewing', { names: list.format(viewing), count: viewing.length })}
        </Text>
      )}
    </div>
  )
}
