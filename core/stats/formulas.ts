import type { Network } from '../channels/networks.js'
import type { Granularity, RateBase, TimeOfDay } from '../schemas/stats.js'
import { addDays } from '../time/zoned.js'

/*
 * The arithmetic behind the Statistik page, the same on the server and in the
 * browser. docs/statistics.md says each formula in words; the page shows them
 * beside each figure.
 */

/**
 * What each network's engagement rate is divided by. Neither Bluesky nor
 * Mastodon tells an account how many saw a post (no impressions), so the
 * rate there is per follower; a network that reports views would say 'views'.
 */
export const RATE_BASE: Record<Network, RateBase> = {
  bluesky: 'followers',
  mastodon: 'followers',
  // Meta says how many times each post was seen (its `views`, docs/meta.md).
  facebook: 'views',
  instagram: 'views',
  threads: 'views',
  practice: 'followers',
}

/** The kinds that count as engagement with a post. Mentions and follows are not about one post. */
export const ENGAGEMENT_KINDS = ['like', 'repost', 'reply', 'comment', 'quote'] as const

export interface PostCounts {
  likes: number
  reposts: number
  replies: number
  quotes: number
}

/** Engagements: likes + reposts + replies (and comments) + quotes. */
export function engagementsOf(c: PostCounts): number {
  return c.likes + c.reposts + c.replies + c.quotes
}

/** Engagement per post: engagements ÷ posts; null with no posts. */
export function perPost(engagements: number, posts: number): number | null {
  return posts > 0 ? engagements / posts : null
}

/** Engagement rate in percent: engagement per post ÷ the base (followers or views) × 100. */
export function engagementRate(perPostValue: number | null, base: number | null): number | null {
  if (perPostValue === null || base === null || base <= 0) return null
  return (perPostValue / base) * 100
}

/** Days up to a quarter, ISO weeks up to two years, months beyond. */
export function granularityFor(days: number): Granularity {
  if (days <= 92) return 'day'
  if (days <= 731) return 'week'
  return 'month'
}

/** The first day of the bucket a day falls in: itself, the week's Monday, or the month's 1st. */
export function bucketStart(day: string, granularity: Granularity): string {
  if (granularity === 'day') return day
  if (granularity === 'month') return `${day.slice(0, 7)}-01`
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7
  return addDays(day, -weekday)
}

/** Every bucket of the period, in order (the first may start before `from`). */
export function bucketStarts(from: string, to: string, granularity: Granularity): string[] {
  const out: string[] = []
  let day = bucketStart(from, granularity)
  while (day <= to) {
    out.push(day)
    if (granularity === 'day') day = addDays(day, 1)
    else if (granularity === 'week') day = addDays(day, 7)
    else {
      const [y, m] = day.split('-').map(Number) as [number, number]
      day = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
    }
  }
  return out
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  )
}

/** Night 22–06, morning 06–10, midday 10–14, afternoon 14–18, evening 18–22 (local hours). */
export function timeOfDay(hour: number): TimeOfDay {
  if (hour < 6 || hour >= 22) return 'night'
  if (hour < 10) return 'morning'
  if (hour < 14) return 'midday'
  if (hour < 18) return 'afternoon'
  return 'evening'
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
