import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { ChartFigure } from '../../components/charts/chart-figure.js'
import { HorizontalBars, Legend, Lines, StackedBars } from '../../components/charts/charts.js'
import type { SectionProps } from './statistics-page.js'
import { useStatsFormat } from './stats-format.js'
import type { StatsDashboard } from '../../../core/schemas/stats.js'

/** The period in a few figures, each with how it is counted. */
export function KeyFigures({ data }: SectionProps) {
  const { t } = useTranslation()
  const f = useStatsFormat()
  const id = useId()
  const x = data.totals
  const figures: [key: Exclude<keyof StatsDashboard['totals'], 'engagements'>, value: string][] = [
    ['postsPublished', f.whole(x.postsPublished)],
    ['likes', f.whole(x.likes)],
    ['reposts', f.whole(x.reposts)],
    ['replies', f.whole(x.replies)],
    ['quotes', f.whole(x.quotes)],
    ['mentions', f.whole(x.mentions)],
    ['follows', f.whole(x.follows)],
    ['followers', x.followers === null ? f.decimal(null) : f.whole(x.followers)],
    ['followerChange', f.signed(x.followerChange)],
    ['engagementPerPost', f.decimal(x.engagementPerPost)],
    ['engagementRate', f.percent(x.engagementRate)],
  ]
  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-labelledby={`${id}-title`}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={`${id}-title`}>
          {t('statistics.totals.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" component="dl" m={0}>
          {figures.map(([key, value]) => (
            <div key={key} className="stats-figure">
              <Text component="dt" size="sm" fw={600}>
                {t(`statistics.totals.${key}`)}
              </Text>
              <Text component="dd" m={0} size="xl" fw={700} data-figure={key}>
                {value}
              </Text>
              <Text component="dd" m={0} size="xs" c="dimmed">
                {t(`statistics.formulas.${key}`)}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      </Stack>
    </Paper>
  )
}

const KINDS = ['likes', 'reposts', 'replies', 'quotes', 'mentions', 'follows'] as const

export function ActivityChart({ data, csv }: SectionProps) {
  const { t } = useTranslation()
  const f = useStatsFormat()
  const labels = data.activity.map((b) => f.bucket(b.start, data.period.granularity))
  const names = KINDS.map((k) => t(`statistics.totals.${k}`))
  const any = data.activity.some((b) => b.posts > 0 || KINDS.some((k) => b[k] > 0))
  return (
    <ChartFigure
      title={t('statistics.activity.title')}
      formula={t(`statistics.activity.formula.${data.period.granularity}`)}
      csvHref={csv('activity')}
      empty={any ? undefined : t('statistics.emptyPeriod')}
      table={{
        columns: [
          { label: t('statistics.activity.from') },
          { label: t('statistics.totals.postsPublished'), numeric: true },
          ...names.map((label) => ({ label, numeric: true })),
        ],
        rows: data.activity.map((b) => [
          f.date(b.start),
          f.whole(b.posts),
          ...KINDS.map((k) => f.whole(b[k])),
        ]),
      }}
    >
      <StackedBars
        labels={labels}
        series={KINDS.map((k, n) => ({ name: names[n]!, values: data.activity.map((b) => b[k]) }))}
        format={f.whole}
      />
      <Legend names={names} />
    </ChartFigure>
  )
}

export function FollowersChart({ data, csv, channelName }: SectionProps) {
  const { t } = useTranslation()
  const f = useStatsFormat()
  const starts = [...new Set(data.followers.flatMap((s) => s.points.map((p) => p.start)))].sort()
  const series = data.followers
    .filter((s) => s.points.length > 0)
    .map((s) => ({
      name: channelName(s.channelId),
      values: starts.map((start) => s.points.find((p) => p.start === start)?.followers ?? null),
    }))
  return (
    <ChartFigure
      title={t('statistics.followers.title')}
      formula={t('statistics.followers.formula')}
      csvHref={csv('followers')}
      empty={series.length ? undefined : t('statistics.followers.empty')}
      table={{
        columns: [
          { label: t('statistics.channel') },
          { label: t('statistics.followers.first'), numeric: true },
          { label: t('statistics.followers.last'), numeric: true },
          { label: t('statistics.totals.followerChange'), numeric: true },
          { label: t('statistics.followers.samples') },
        ],
        rows: data.followers.map((s) => [
          channelName(s.channelId),
          s.first === null ? f.decimal(null) : f.whole(s.first),
          s.last === null ? f.decimal(null) : f.whole(s.last),
          f.signed(s.first !== null && s.last !== null ? s.last - s.first : null),
          s.points.map((p) => `${f.date(p.start)}: ${f.whole(p.followers)}`).join('; ') ||
            f.decimal(null),
        ]),
      }}
    >
      <Lines
        labels={starts.map((s) => f.bucket(s, data.period.granularity))}
        series={series}
        format={f.whole}
      />
      <Legend names={series.map((s) => s.name)} />
    </ChartFigure>
  )
}

export function ChannelsChart({ data, csv, channelName }: SectionProps) {
  const { t } = useTranslation()
  const f = useStatsFormat()
  return (
    <ChartFigure
      title={t('statistics.channels.title')}
      formula={t('statistics.channels.formula')}
      csvHref={csv('channels')}
      empty={data.byChannel.some((c) => c.posts > 0) ? undefined : t('statistics.noPosts')}
      table={{
        columns: [
          { label: t('statistics.channel') },
          { label: t('statistics.totals.postsPublished'), numeric: true },
          { label: t('statistics.channels.engagements'), numeric: true },
          { label: t('statistics.totals.engagementPerPost'), numeric: true },
          { label: t('statistics.channels.base') },
          { label: t('statistics.totals.engagementRate'), numeric: true },
        ],
        rows: data.byChannel.map((c) => [
          channelName(c.channelId),
          f.whole(c.posts),
          f.whole(c.engagements),
          f.decimal(c.perPost),
          c.base === null
            ? t(`statistics.channels.noBase.${c.rateBase}`)
            : t(`statistics.channels.baseCount.${c.rateBase}`, { count: c.base }),
          f.percent(c.rate),
        ]),
      }}
    >
      <HorizontalBars
        rows={data.byChannel.map((c) => ({
          label: channelName(c.channelId),
          value: c.perPost ?? 0,
        }))}
        format={(n) => f.decimal(n)}
      />
    </ChartFigure>
  )
}
