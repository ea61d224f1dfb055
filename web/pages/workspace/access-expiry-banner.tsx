import { Alert, List } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { accessEndingSoon } from '../../../core/channels/access-expiry.js'
import { channelsQuery } from '../../api/channels.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { channelName } from '../../components/network.js'
import { useFormat } from '../../i18n/format.js'

/**
 * Across the whole library, not only on the channel's card: a channel whose
 * access to its network ends within two weeks (Meta's tokens), or has ended.
 */
export function AccessExpiryBanner({
  libraryId,
  timeZone,
}: {
  libraryId: string
  timeZone: string
}) {
  const { t } = useTranslation()
  const format = useFormat(timeZone)
  const channels = useQuery(channelsQuery(libraryId)).data ?? []
  const now = Date.now()
  const ending = channels.filter((c) => accessEndingSoon(c.accessExpiresAt, now))
  if (ending.length === 0) return null
  return (
    <Alert color="red" variant="light" title={t('meta.bannerTitle')} mb="md" role="alert">
      <List size="sm" spacing={4}>
        {ending.map((c) => (
          <List.Item key={c.id}>
            {t(Date.parse(c.accessExpiresAt!) <= now ? 'meta.bannerEnded' : 'meta.bannerEnds', {
              name: channelName(c),
              date: format.date(c.accessExpiresAt!),
            })}
          </List.Item>
        ))}
      </List>
      <AnchorLink
        to="/bibliotek/$libraryId/kanaler"
        params={{ libraryId }}
        size="sm"
        mt="xs"
        display="inline-block"
      >
        {t('meta.bannerLink')}
      </AnchorLink>
    </Alert>
  )
}
