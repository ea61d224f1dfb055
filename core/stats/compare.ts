import type { MonthFigures } from '../schemas/reports.js'
import { median } from './formulas.js'

/*
 * Libraries compared by consent: a library that has opted in sees its own
 * month beside the medians of the other libraries that have. With fewer than
 * three others a median would come too close to one library's own figure,
 * so nothing is shown; a library's own figures never leave it.
 */

export const MIN_PEERS = 3

export const COMPARE_METRICS = [
  'posts_published',
  'followers',
  'follower_growth',
  'engagement_per_post',
  'replies_received',
  'answered_within_target',
  'median_response_minutes',
] as const
export type CompareMetric = (typeof COMPARE_METRICS)[number]

/** Shorter is better for a response time; more is better for everything else here. */
export const LOWER_IS_BETTER: ReadonlySet<CompareMetric> = new Set(['median_response_minutes'])

/** One metric of a month; null where it cannot be told (no followers measured, nothing answered). */
export function metricValue(f: MonthFigures, metric: CompareMetric): number | null {
  switch (metric) {
    case 'posts_published':
      return f.postsPublished
    case 'followers':
      return f.followersEnd
    case 'follower_growth':
      return f.followersStart && f.followersEnd !== null
        ? (100 * (f.followersEnd - f.followersStart)) / f.followersStart
        : null
    case 'engagement_per_post':
      return f.postsPublished > 0 ? f.engagements / f.postsPublished : null
    case 'replies_received':
      return f.replies
    case 'answered_within_target':
      return f.answered > 0 ? (100 * f.answeredWithinTarget) / f.answered : null
    case 'median_response_minutes':
      return f.medianResponseMinutes
  }
}

export interface CompareRow {
  metric: CompareMetric
  own: number | null
  /** Null when fewer than MIN_PEERS others have a value for it. */
  median: number | null
  lowerIsBetter: boolean
}

export function compareWithPeers(
  own: MonthFigures,
  peers: readonly MonthFigures[],
): { shown: boolean; rows: CompareRow[] } {
  const shown = peers.length >= MIN_PEERS
  return {
    shown,
    rows: COMPARE_METRICS.map((metric) => {
      const values = peers.map((p) => metricValue(p, metric)).filter((v): v is number => v !== null)
      return {
        metric,
        own: metricValue(own, metric),
        median: shown && values.length >= MIN_PEERS ? median(values) : null,
        lowerIsBetter: LOWER_IS_BETTER.has(metric),
      }
    }),
  }
}

/** The sum of several libraries' months, for a region's report. */
export function sumFigures(month: string, all: readonly MonthFigures[]): MonthFigures {
  const total = (pick: (f: MonthFigures) => number) => all.reduce((s, f) => s + pick(f), 0)
  const sumKnown = (pick: (f: MonthFigures) => number | null) => {
    const known = all.map(pick).filter((v): v is number => v !== null)
    return known.length ? known.reduce((a, b) => a + b, 0) : null
  }
  return {
    month,
    followersStart: sumKnown((f) => f.followersStart),
    followersEnd: sumKnown((f) => f.followersEnd),
    postsPublished: total((f) => f.postsPublished),
    engagements: total((f) => f.engagements),
    likes: total((f) => f.likes),
    reposts: total((f) => f.reposts),
    replies: total((f) => f.replies),
    quotes: total((f) => f.quotes),
    mentions: total((f) => f.mentions),
    answered: total((f) => f.answered),
    answeredWithinTarget: total((f) => f.answeredWithinTarget),
    // A median of medians is no median; the middle library's is the honest summary here.
    medianResponseMinutes: median(
      all.map((f) => f.medianResponseMinutes).filter((v): v is number => v !== null),
    ),
  }
}
