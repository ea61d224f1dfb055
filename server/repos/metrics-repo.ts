import type { Db } from '../db/database.js'

/** One channel's own counts on one day of the library's (null: the network did not say). */
export interface AccountDay {
  channelId: string
  /** YYYY-MM-DD in the library's time zone. */
  day: string
  sampledAt: string
  followers: number | null
  following: number | null
  posts: number | null
}

/** A published post's latest counts as the network gave them, and where its sampling stands. */
export interface LatestPostCounts {
  publicationId: string
  channelId: string
  publishedAt: string
  /** Null until the first sample (an hour after publishing). */
  sampledAt: string | null
  likes: number | null
  reposts: number | null
  replies: number | null
  quotes: number | null
  views: number | null
  reach: number | null
  saves: number | null
  /** When the network said the post no longer exists; the counts are its last ones. */
  goneAt: string | null
  /** How many of the thinning intervals (1 h, 6 h, 1 d, 7 d, 30 d) are behind it. */
  stage: number
}

/** One sample of a post's counts. */
export interface PostSample {
  publicationId: string
  sampledAt: string
  likes: number | null
  reposts: number | null
  replies: number | null
  quotes: number | null
  views: number | null
  reach: number | null
  saves: number | null
}

// Well below both dialects' limits on bound parameters (SQLite 32,766; PostgreSQL 65,535).
const CHUNK = 1_000

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

/**
 * What the networks counted, as the dashboard and reports read it. Every
 * query names the library and walks a primary key: account_metrics by
 * (channel_id, day), post_metric_state and post_metrics by publication_id.
 */
export function metricsRepo(db: Db) {
  return {
    /** Each channel's days from `fromDay` to `toDay` (inclusive), oldest first per channel. */
    async accountSeries(
      libraryId: string,
      channelIds: readonly string[],
      fromDay: string,
      toDay: string,
    ): Promise<AccountDay[]> {
      if (channelIds.length === 0) return []
      const rows = await db
        .selectFrom('account_metrics')
        .select(['channel_id', 'day', 'sampled_at', 'followers', 'following', 'posts'])
        .where('library_id', '=', libraryId)
        .where('channel_id', 'in', [...new Set(channelIds)])
        .where('day', '>=', fromDay)
        .where('day', '<=', toDay)
        .orderBy('channel_id')
        .orderBy('day')
        .execute()
      return rows.map((r) => ({
        channelId: r.channel_id,
        day: r.day,
        sampledAt: r.sampled_at,
        followers: r.followers,
        following: r.following,
        posts: r.posts,
      }))
    },

    /** The latest counts of these publications; those never published (or not the library's) are left out. */
    async latestPostCounts(
      libraryId: string,
      publicationIds: readonly string[],
    ): Promise<LatestPostCounts[]> {
      const out: LatestPostCounts[] = []
      for (const ids of chunks([...new Set(publicationIds)])) {
        const rows = await db
          .selectFrom('post_metric_state')
          .select([
            'publication_id',
            'channel_id',
            'published_at',
            'sampled_at',
            'likes',
            'reposts',
            'replies',
            'quotes',
            'views',
            'reach',
            'saves',
            'gone_at',
            'stage',
          ])
          .where('library_id', '=', libraryId)
          .where('publication_id', 'in', ids)
          .execute()
        for (const r of rows)
          out.push({
            publicationId: r.publication_id,
            channelId: r.channel_id,
            publishedAt: r.published_at,
            sampledAt: r.sampled_at,
            likes: r.likes,
            reposts: r.reposts,
            replies: r.replies,
            quotes: r.quotes,
            views: r.views,
            reach: r.reach,
            saves: r.saves,
            goneAt: r.gone_at,
            stage: r.stage,
          })
      }
      return out
    },

    /** Every sample of these publications, oldest first per publication. */
    async postSamples(libraryId: string, publicationIds: readonly string[]): Promise<PostSample[]> {
      const out: PostSample[] = []
      for (const ids of chunks([...new Set(publicationIds)])) {
        const rows = await db
          .selectFrom('post_metrics')
          .select([
            'publication_id',
            'sampled_at',
            'likes',
            'reposts',
            'replies',
            'quotes',
            'views',
            'reach',
            'saves',
          ])
          .where('library_id', '=', libraryId)
          .where('publication_id', 'in', ids)
          .orderBy('publication_id')
          .orderBy('sampled_at')
          .execute()
        for (const r of rows)
          out.push({
            publicationId: r.publication_id,
            sampledAt: r.sampled_at,
            likes: r.likes,
            reposts: r.reposts,
            replies: r.replies,
            quotes: r.quotes,
            views: r.views,
            reach: r.reach,
            saves: r.saves,
          })
      }
      return out
    },
  }
}
export type MetricsRepo = ReturnType<typeof metricsRepo>
