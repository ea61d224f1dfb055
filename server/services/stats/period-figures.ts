import type {
  ActivityBucket,
  Granularity,
  RateBase,
  StatsDashboard,
} from '../../../core/schemas/stats.js'
import { bucketStart, bucketStarts, engagementRate, perPost } from '../../../core/stats/formulas.js'
import type { PostFacts } from './post-ranking.js'

type DailyRow = { day: string; kind: string; count: number }
type Counts = Omit<ActivityBucket, 'start' | 'posts'>

/** Which figure each kind of interaction adds to; comments are replies under another name. */
const FIELD: Record<string, keyof Counts> = {
  like: 'likes',
  repost: 'reposts',
  reply: 'replies',
  comment: 'replies',
  quote: 'quotes',
  mention: 'mentions',
  follow: 'follows',
}

const zero = (): Counts => ({
  likes: 0,
  reposts: 0,
  replies: 0,
  quotes: 0,
  mentions: 0,
  follows: 0,
})

/** Interactions and posts per day, week or month of the period; every bucket present, empty or not. */
export function activityBuckets(
  daily: readonly DailyRow[],
  posts: readonly PostFacts[],
  from: string,
  to: string,
  granularity: Granularity,
): ActivityBucket[] {
  const buckets = new Map<string, ActivityBucket>(
    bucketStarts(from, to, granularity).map((start) => [start, { start, posts: 0, ...zero() }]),
  )
  for (const r of daily) {
    const field = FIELD[r.kind]
    const bucket = buckets.get(bucketStart(r.day, granularity))
    if (field && bucket) bucket[field] += Number(r.count)
  }
  for (const p of posts) {
    const bucket = buckets.get(bucketStart(p.date, granularity))
    if (bucket) bucket.posts += 1
  }
  return [...buckets.values()]
}

type SeriesRow = { channel_id: string; day: string; followers: number | null }

/**
 * Followers per channel: the last sample in each bucket of the period, the
 * count at its start (the last sample before it, else its first) and at its
 * end (the last sample up to its last day). Counts that go down are shown as
 * they are: people unfollow.
 */
export function followerFigures(
  rows: readonly SeriesRow[],
  channelIds: readonly string[],
  from: string,
  granularity: Granularity,
) {
  const series = channelIds.map((channelId) => {
    const known = rows.filter((r) => r.channel_id === channelId && r.followers !== null)
    const before = known.filter((r) => r.day < from).at(-1)
    const within = known.filter((r) => r.day >= from)
    const points = new Map<string, number>()
    for (const r of within) points.set(bucketStart(r.day, granularity), r.followers!)
    return {
      channelId,
      points: [...points.entries()].map(([start, followers]) => ({ start, followers })),
      first: (before ?? within[0])?.followers ?? null,
      last: (within.at(-1) ?? before)?.followers ?? null,
    }
  })
  return { series }
}

/** The period's totals, each channel's engagement, campaigns and the owned / paid / earned split. */
export function periodFigures(input: {
  daily: readonly DailyRow[]
  posts: readonly PostFacts[]
  followers: ReturnType<typeof followerFigures>
  channels: readonly { id: string; rateBase: RateBase }[]
  views: ReadonlyMap<string, number | null>
  campaigns: readonly { id: string; name: string; goal: string; peak_at: string }[]
}) {
  const counts = zero()
  for (const r of input.daily) {
    const field = FIELD[r.kind]
    if (field) counts[field] += Number(r.count)
  }
  const sum = (list: readonly PostFacts[]) => list.reduce((n, p) => n + p.engagements, 0)
  const engagements = sum(input.posts)
  const known = input.followers.series.filter((s) => s.last !== null)
  const followers = known.length ? known.reduce((n, s) => n + s.last!, 0) : null
  const changing = input.followers.series.filter((s) => s.first !== null && s.last !== null)
  const followerChange = changing.length
    ? changing.reduce((n, s) => n + s.last! - s.first!, 0)
    : null
  const perPostAll = perPost(engagements, input.posts.length)

  const byChannel = input.channels.map(({ id, rateBase }) => {
    const mine = input.posts.filter((p) => p.channelId === id)
    const total = sum(mine)
    const each = perPost(total, mine.length)
    if (rateBase === 'views') {
      const views = mine.reduce((n, p) => n + (input.views.get(p.publicationId) ?? 0), 0)
      return {
        channelId: id,
        rateBase,
        posts: mine.length,
        engagements: total,
        perPost: each,
        base: views || null,
        rate: views ? (total / views) * 100 : null,
      }
    }
    const base = input.followers.series.find((s) => s.channelId === id)?.last ?? null
    return {
      channelId: id,
      rateBase,
      posts: mine.length,
      engagements: total,
      perPost: each,
      base,
      rate: engagementRate(each, base),
    }
  })

  const outside = input.posts.filter((p) => !p.campaign)
  const campaigns: StatsDashboard['campaigns'] = input.campaigns
    .map((c) => {
      const mine = input.posts.filter((p) => p.campaign?.id === c.id)
      return {
        id: c.id,
        name: c.name,
        goal: c.goal,
        peakAt: c.peak_at,
        posts: mine.length,
        engagements: sum(mine),
        perPost: perPost(sum(mine), mine.length),
        comparedTo: perPost(sum(outside), outside.length),
      }
    })
    .sort((a, b) => a.peakAt.localeCompare(b.peakAt))

  const paid = input.posts.filter((p) => p.paid)
  const owned = input.posts.filter((p) => !p.paid)
  return {
    totals: {
      postsPublished: input.posts.length,
      ...counts,
      engagements,
      engagementPerPost: perPostAll,
      engagementRate: engagementRate(perPostAll, followers),
      followers,
      followerChange,
    },
    byChannel,
    campaigns,
    split: {
      owned: { posts: owned.length, engagements: sum(owned) },
      paid: { posts: paid.length, engagements: sum(paid) },
      earned: {
        mentions: counts.mentions,
        quotes: counts.quotes,
        total: counts.mentions + counts.quotes,
      },
    },
  }
}
