import { Alert, Stack, Text } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StatsChart, StatsDashboard } from '../../../core/schemas/stats.js'
import { utcToZoned } from '../../../core/time/zoned.js'
import { channelsQuery } from '../../api/channels.js'
import { type StatsFilters, statsCsvUrl, statsQuery } from '../../api/stats.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { networkName } from '../../components/network.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { ActivityChart, ChannelsChart, FollowersChart, KeyFigures } from './overview-sections.js'
import { PeriodFilter, presetPeriod } from './period-filter.js'
import { CampaignsChart, FactorsChart, PostLists } from './post-sections.js'
import { BestTimeChart, ResponseTimesFigure, SplitChart } from './reach-sections.js'
import { useStatsFormat } from './stats-format.js'
import { StatisticsSubnav } from './statistics-subnav.js'
import { ComparePanel } from './compare-panel.js'

export interface SectionProps {
  data: StatsDashboard
  csv: (chart: StatsChart) => string
  channelName: (id: string) => string
}

/**
 * Statistik: a period's figures for the chosen channels, each chart with its
 * numbers as a table and as CSV, and how each figure is counted beside it.
 */
export function StatisticsPage() {
  const { t, i18n } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const { timeZone } = useMembership(libraryId)
  const today = utcToZoned(new Date(), timeZone).date
  const [filters, setFilters] = useState<StatsFilters>(() => ({
    ...presetPeriod('30', today),
    channels: [],
  }))
  const channels = useQuery(channelsQuery(libraryId))
  const stats = useQuery({ ...statsQuery(libraryId, filters), placeholderData: keepPreviousData })
  const format = useStatsFormat()

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading>{t('statistics.title')}</PageHeading>
        <StatisticsSubnav libraryId={libraryId} />
        <Text className="prose">{t('statistics.intro')}</Text>
      </Stack>
      <PeriodFilter
        filters={filters}
        today={today}
        channels={channels.data ?? []}
        onApply={setFilters}
      />
      {stats.isPending ? (
        <Loading />
      ) : stats.isError ? (
        <ErrorAlert error={stats.error} />
      ) : (
        <Stack gap="lg" aria-busy={stats.isFetching}>
          <Text role="status" size="sm">
            {t('statistics.showing', {
              from: format.date(stats.data.period.from),
              to: format.date(stats.data.period.to),
              count: stats.data.channels.length,
            })}
          </Text>
          {stats.data.updatedAt === null && (
            <Alert role="note" variant="light" color="gray" title={t('statistics.noData.title')}>
              {t('statistics.noData.body')}
            </Alert>
          )}
          <Sections
            data={stats.data}
            csv={(chart) => statsCsvUrl(libraryId, chart, filters, i18n.language)}
            channelName={(id) => {
              const c = stats.data.channels.find((ch) => ch.id === id)
              return c
                ? t('statistics.channelName', {
                    handle: c.handle,
                    network: networkName(c.network),
                  })
                : id
            }}
          />
        </Stack>
      )}
      <ComparePanel libraryId={libraryId} />
    </Stack>
  )
}

function Sections(props: SectionProps) {
  return (
    <>
      <KeyFigures {...props} />
      <ActivityChart {...props} />
      <FollowersChart {...props} />
      <ChannelsChart {...props} />
      <PostLists {...props} />
      <FactorsChart {...props} />
      <CampaignsChart {...props} />
      <SplitChart {...props} />
      <BestTimeChart {...props} />
      <ResponseTimesFigure {...props} />
    </>
  )
}
