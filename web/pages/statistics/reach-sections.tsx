import { Alert, Text } from '@mantine/core'
import { useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import { useMembership } from '../../api/use-session.js'
import { ChartFigure } from '../../components/charts/chart-figure.js'
import { HorizontalBars, StackedBars } from '../../components/charts/charts.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import type { SectionProps } from './statistics-page.js'
import { useStatsFormat } from './stats-format.js'

/** Owned, paid and earned: the library's own posts, those it paid to spread, and what others said. */
export function SplitChart({ data, csv }: SectionProps) {
  const { t } = useTranslation()
  const f = useStatsFormat()
  const { owned, paid, earned } = data.split
  return (
    <ChartFigure
      title={t('statistics.split.title')}
      formula={t('statistics.split.formula')}
      csvHref={csv('split')}
      table={{
        columns: [
          { label: t('statistics.split.part') },
          { label: t('statistics.totals.postsPublished'), numeric: true },
          { label: t('statistics.split.value'), numeric: true },
        ],
        rows: [
          [t('statistics.split.owned'), f.whole(owned.posts), f.whole(owned.engagements)],
          [t('statistics.split.paid'), f.whole(paid.posts), f.whole(paid.engagements)],
          [
            t('statistics.split.earned'),
            t('statistics.split.notPosts'),
            t('statistics.split.earnedCount', {
              total: f.whole(earned.total),
              mentions: f.whole(earned.mentions),
              quotes: f.whole(earned.quotes),
            }),
          ],
        ],
      }}
    >
      <HorizontalBars
        rows={[
          { label: t('statistics.split.owned'), value: owned.engagements },
          { label: t('statistics.split.paid'), value: paid.engagements },
          { label: t('statistics.split.earned'), value: earned.total },
        ]}
        format={f.whole}
      />
    </ChartFigure>
  )
}

/** When to post, from the library's own history, and on what that advice rests. */
export function BestTimeChart({ data, csv }: SectionProps) {
  const { t } = useTranslation()
  const f = useStatsFormat()
  const b = data.bestTime
  const valueLabel = t(`statistics.bestTime.value.${b.basis}`)
  return (
    <ChartFigure
      title={t('statistics.bestTime.title')}
      formula={t('statistics.bestTime.formula', { minimum: b.minimumPosts })}
      csvHref={csv('best-time')}
      table={{
        columns: [
          { label: t('statistics.bestTime.hour') },
          { label: t('statistics.totals.postsPublished'), numeric: true },
          { label: valueLabel, numeric: true },
        ],
        rows: b.hours.map((h) => [
          f.hour(h.hour),
          f.whole(h.posts),
          b.basis === 'own_posts'
            ? f.decimal(h.value)
            : h.value === null
              ? f.decimal(null)
              : f.whole(h.value),
        ]),
      }}
    >
      <Alert role="note" variant="light" color={b.basis === 'own_posts' ? 'torget' : 'gray'}>
        <Text size="sm" fw={600}>
          {t('statistics.bestTime.recommended', { hours: b.recommended.map(f.hour).join(', ') })}
        </Text>
        <Text size="sm">
          {t(`statistics.bestTime.basis.${b.basis}`, {
            posts: b.postsConsidered,
            interactions: b.interactionsConsidered,
            minimum: b.minimumPosts,
          })}
        </Text>
      </Alert>
      {b.basis !== 'general' && (
        <StackedBars
          labels={b.hours.map((h) => f.hour(h.hour))}
          series={[{ name: valueLabel, values: b.hours.map((h) => h.value ?? 0) }]}
          format={(n) => f.decimal(n)}
        />
      )}
    </ChartFigure>
  )
}

export function ResponseTimesFigure({ data, csv }: SectionProps) {
  const { t } = useTranslation()
  const f = useStatsFormat()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const { role } = useMembership(libraryId)
  const r = data.responseTimes
  return (
    <ChartFigure
      title={t('statistics.responseTimes.title')}
      formula={t('statistics.responseTimes.formula', { target: r.target })}
      csvHref={csv('response-times')}
      empty={r.received ? undefined : t('statistics.responseTimes.empty')}
      table={{
        columns: [
          { label: t('statistics.responseTimes.measure') },
          { label: t('statistics.responseTimes.value'), numeric: true },
        ],
        rows: [
          [t('statistics.responseTimes.received'), f.whole(r.received)],
          [t('statistics.responseTimes.answered'), f.whole(r.answered)],
          [t('statistics.responseTimes.median'), f.minutes(r.medianMinutes)],
          [t('statistics.responseTimes.p90'), f.minutes(r.p90Minutes)],
          [
            t('statistics.responseTimes.within'),
            f.percent(r.withinTarget === null ? null : r.withinTarget * 100),
          ],
        ],
      }}
    >
      <Text>
        {t('statistics.responseTimes.summary', {
          answered: f.whole(r.answered),
          received: f.whole(r.received),
          median: f.minutes(r.medianMinutes),
        })}
      </Text>
      {can(role, 'inbox.stats') && (
        <AnchorLink to="/bibliotek/$libraryId/inkorg/svarstider" params={{ libraryId }} size="sm">
          {t('statistics.responseTimes.more')}
        </AnchorLink>
      )}
    </ChartFigure>
  )
}
