import { Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { InboxItem } from '../../../core/schemas/inbox.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { atHandle, channelName } from '../../components/network.js'
import { StatusLabel } from '../../components/status-label.js'
import { useFormat } from '../../i18n/format.js'

const EXCERPT = 160

/** Open items about to miss the target, soonest first: what to answer before reading statistics. */
export function AtRiskList({
  libraryId,
  items,
  timeZone,
}: {
  libraryId: string
  items: InboxItem[]
  timeZone: string
}) {
  const { t } = useTranslation()
  const format = useFormat(timeZone)
  return (
    <Stack gap="sm" component="section" aria-labelledby="at-risk-heading">
      <Title order={2} size="h3" id="at-risk-heading">
        {t('inboxSettings.times.atRiskTitle', { count: items.length })}
      </Title>
      {items.length === 0 ? (
        <Text>{t('inboxSettings.times.atRiskNone')}</Text>
      ) : (
        <Stack gap="sm" component="ul" className="plain-list">
          {items.map((item) => {
            const late = item.dueAt !== null && Date.parse(item.dueAt) <= Date.now()
            const name = item.author.displayName || atHandle(item.author.handle)
            return (
              <li key={item.id}>
                <Paper withBorder p="md" radius="md">
                  <Stack gap={6}>
                    {item.dueAt && (
                      <StatusLabel tone={late ? 'bad' : 'warn'}>
                        {t(late ? 'inboxSettings.times.overdue' : 'inboxSettings.times.dueBy', {
                          when: format.shortDateTime(item.dueAt),
                        })}
                      </StatusLabel>
                    )}
                    <Text size="sm">
                      {t('inboxSettings.times.from', {
                        name,
                        channel: channelName(item.channel),
                      })}
                    </Text>
                    <Text size="sm" c="dark.6" style={{ overflowWrap: 'anywhere' }}>
                      {item.text.length > EXCERPT ? `${item.text.slice(0, EXCERPT)}…` : item.text}
                    </Text>
                    <AnchorLink
                      to="/bibliotek/$libraryId/inkorg"
                      params={{ libraryId }}
                      search={{ arende: item.id }}
                      size="sm"
                      fw={600}
                    >
                      {t('inboxSettings.times.open', { name })}
                    </AnchorLink>
                  </Stack>
                </Paper>
              </li>
            )
          })}
        </Stack>
      )}
    </Stack>
  )
}
