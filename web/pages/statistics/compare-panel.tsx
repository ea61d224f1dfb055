import { Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Comparison } from '../../../core/schemas/reports.js'
import { can } from '../../../core/roles.js'
import { comparisonQuery } from '../../api/reports.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { Loading } from '../../components/route-states.js'
import { intlLocale } from '../../i18n/format.js'
import { durationInWords } from '../inbox-settings/duration.js'
import { monthName } from '../reports/month-name.js'
import { ScrollTable } from '../../components/scroll-table.js'

type Metric = Comparison['rows'][number]['metric']

/**
 * The library's month beside the medians of the installation's other
 * libraries that take part: only for a library that takes part itself, and
 * only once at least three others do, so no library's own figures show.
 */
export function ComparePanel({ libraryId, month }: { libraryId: string; month?: string }) {
  const { t, i18n } = useTranslation()
  const membership = useMembership(libraryId)
  const comparison = useQuery(comparisonQuery(libraryId, month))
  const number = (digits: number) =>
    new Intl.NumberFormat(intlLocale(i18n.language), { maximumFractionDigits: digits })
  const show = (metric: Metric, value: number | null): string => {
    if (value === null) return '–'
    switch (metric) {
      case 'follower_growth':
        return `${value > 0 ? '+' : ''}${number(1).format(value)} %`
      case 'answered_within_target':
        return `${number(0).format(value)} %`
      case 'engagement_per_post':
        return number(1).format(value)
      case 'median_response_minutes':
        return durationInWords(t, value)
      case 'posts_published':
      case 'followers':
      case 'replies_received':
        return number(0).format(value)
    }
  }

  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="compare-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="compare-title">
          {t('reports.compare.title')}
        </Title>
        {comparison.isPending ? (
          <Loading />
        ) : comparison.isError ? (
          <ErrorAlert error={comparison.error} />
        ) : !comparison.data.optedIn ? (
          <Stack gap="xs" className="prose">
            <Text>{t('reports.compare.notOptedIn')}</Text>
            {can(membership.role, 'reports.manage') ? (
              <Text>
                <AnchorLink
                  to="/bibliotek/$libraryId/installningar/rapporter"
                  params={{ libraryId }}
                >
                  {t('reports.compare.optInLink')}
                </AnchorLink>
              </Text>
            ) : (
              <Text>{t('reports.compare.askManager')}</Text>
            )}
          </Stack>
        ) : !comparison.data.shown ? (
          <Text className="prose">
            {t('reports.compare.tooFew', {
              min: comparison.data.minPeers,
              count: comparison.data.peers,
            })}
          </Text>
        ) : (
          <>
            <Text className="prose" size="sm">
              {t('reports.compare.how', {
                month: monthName(comparison.data.month, i18n.language),
                count: comparison.data.peers,
              })}
            </Text>
            <ScrollTable minWidth={480} labelledBy="compare-title">
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('reports.compare.metric')}</Table.Th>
                    <Table.Th scope="col">{t('reports.compare.own')}</Table.Th>
                    <Table.Th scope="col">
                      {t('reports.compare.median', { count: comparison.data.peers })}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {comparison.data.rows.map((row) => (
                    <Table.Tr key={row.metric}>
                      <Table.Th scope="row" fw={400}>
                        {t(`reports.compare.metrics.${row.metric}`)}
                        {row.lowerIsBetter && (
                          <Text span size="sm" c="dimmed">
                            {` (${t('reports.compare.lowerIsBetter')})`}
                          </Text>
                        )}
                      </Table.Th>
                      <Table.Td>{show(row.metric, row.own)}</Table.Td>
                      <Table.Td>{show(row.metric, row.median)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </>
        )}
      </Stack>
    </Paper>
  )
}
