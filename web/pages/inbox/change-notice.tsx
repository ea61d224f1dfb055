import { Alert, Stack, Text } from '@mantine/core'
import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { InboxItemDetail } from '../../../core/schemas/inbox.js'
import { READABLE_ALERT } from './item-facts.js'
import { changesSince, lastChangedBy, type Change, type Snapshot } from './changes.js'

type Props = {
  before: Snapshot
  now: InboxItemDetail
  meId: string
  /** What the person can do next, below the list of changes. */
  children?: ReactNode
}

/** A colleague's change that came first: what it was, in words, and that nothing was lost. */
export function ChangeNotice({ before, now, meId, children }: Props) {
  const { t } = useTranslation()
  const changes = changesSince(before, now)
  const name = lastChangedBy(now, meId)
  return (
    <Alert
      color="orange"
      variant="light"
      role="alert"
      title={t('inbox.conflict.title')}
      styles={READABLE_ALERT}
    >
      <Stack gap="xs">
        <Text size="sm">
          {name ? t('inbox.conflict.by', { name }) : t('inbox.conflict.unknown')}
        </Text>
        {changes.length > 0 && (
          <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
            {changes.map((change, i) => (
              <li key={i}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {describe(change, t)}
                </Text>
              </li>
            ))}
          </ul>
        )}
        {children}
      </Stack>
    </Alert>
  )
}

function describe(change: Change, t: TFunction): string {
  switch (change.kind) {
    case 'reply':
      return t('inbox.conflict.reply', { name: change.author, text: change.text })
    case 'state':
      return t('inbox.conflict.state', { state: t(`inbox.state.${change.state}`) })
    case 'assignee':
      return change.name
        ? t('inbox.conflict.assignee', { name: change.name })
        : t('inbox.conflict.unassigned')
    case 'tags':
      return change.names.length > 0
        ? t('inbox.conflict.tags', { tags: change.names.join(', ') })
        : t('inbox.conflict.noTags')
    case 'flagged':
      return t(change.flagged ? 'inbox.conflict.flagged' : 'inbox.conflict.unflagged')
    case 'moderated':
      return t('inbox.conflict.moderated')
  }
}
