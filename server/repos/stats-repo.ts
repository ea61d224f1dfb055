import type { Db } from '../db/database.js'

const CHUNK = 1_000

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size))
  return out
}

/** What the Statistik page reads: the rollups, the period's posts and the networks' own counts. */
export function statsRepo(db: Db) {
  return {
    /** Interactions per day (the library's days, both included), channel and kind. */
    daily(libraryId: string, from: string, to: string, channelIds: readonly string[]) {
      if (channelIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('stats_daily')
        .select(['day', 'channel_id', 'kind', 'count'])
        .where('library_id', '=', libraryId)
        .where('day', '>=', from)
        .where('day', '<=', to)
        .where('channel_id', 'in', [...channelIds])
        .execute()
    },
    /** Interactions of every kind per UTC hour in [from, to). */
    async hourly(libraryId: string, from: string, to: string, channelIds: readonly string[]) {
      if (channelIds.length === 0) return []
      const rows = await db
        .selectFrom('stats_hourly')
        .select(['hour', (eb) => eb.fn.sum<number>('count').as('n')])
        .where('library_id', '=', libraryId)
        .where('hour', '>=', from)
        .where('hour', '<', to)
        .where('channel_id', 'in', [...channelIds])
        .groupBy('hour')
        .execute()
      return rows.map((r) => ({ hour: r.hour, count: Number(r.n) }))
    },
    /**
     * The library's own posts published on these channels in [from, to), one
     * row per publication. Answers from the inbox are conversation, not posts,
     * and are left out.
     */
    published(libraryId: string, from: string, to: string, channelIds: readonly string[]) {
      if (channelIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('publications as p')
        .innerJoin('posts', 'posts.id', 'p.post_id')
        .select([
          'p.id',
          'p.post_id',
          'p.channel_id',
          'p.remote_url',
          'p.published_at',
          'p.state',
          'posts.text',
          'posts.variants',
          'posts.campaign_id',
          'posts.paid_boost',
        ])
        .where('p.library_id', '=', libraryId)
        .where('p.published_at', '>=', from)
        .where('p.published_at', '<', to)
        .where('p.channel_id', 'in', [...channelIds])
        .where('posts.reply_to_item_id', 'is', null)
        .orderBy('p.published_at')
        .execute()
    },
    /** Interactions with each of these publications so far, per kind. */
    async postTotals(libraryId: string, publicationIds: readonly string[]) {
      const out: { publication_id: string; kind: string; count: number }[] = []
      for (const part of chunks(publicationIds, CHUNK)) {
        const rows = await db
          .selectFrom('stats_post_daily')
          .select(['publication_id', 'kind', (eb) => eb.fn.sum<number>('count').as('n')])
          .where('library_id', '=', libraryId)
          .where('publication_id', 'in', part)
          .groupBy(['publication_id', 'kind'])
          .execute()
        out.push(...rows.map((r) => ({ ...r, count: Number(r.n) })))
      }
      return out
    },
    /** The networks' latest counts of these publications, where Torget has sampled them (migration 022). */
    async latestPostCounts(libraryId: string, publicationIds: readonly string[]) {
      const out = []
      for (const part of chunks(publicationIds, CHUNK))
        out.push(
          ...(await db
            .selectFrom('post_metric_state')
            .select([
              'publication_id',
              'sampled_at',
              'likes',
              'reposts',
              'replies',
              'quotes',
              'views',
              'gone_at',
            ])
            .where('library_id', '=', libraryId)
            .where('publication_id', 'in', part)
            .where('sampled_at', 'is not', null)
            .execute()),
        )
      return out
    },
    /**
     * Each channel's followers per day in the period, and the last sample
     * before it (the start of a change over the period).
     */
    async accountSeries(
      libraryId: string,
      channelIds: readonly string[],
      from: string,
      to: string,
    ) {
      if (channelIds.length === 0) return []
      const inPeriod = await db
        .selectFrom('account_metrics')
        .select(['channel_id', 'day', 'followers', 'posts'])
        .where('library_id', '=', libraryId)
        .where('channel_id', 'in', [...channelIds])
        .where('day', '>=', from)
        .where('day', '<=', to)
        .orderBy('day')
        .execute()
      const before = await Promise.all(
        channelIds.map((channelId) =>
          db
            .selectFrom('account_metrics')
            .select(['channel_id', 'day', 'followers', 'posts'])
            .where('channel_id', '=', channelId)
            .where('day', '<', from)
            .where('followers', 'is not', null)
            .orderBy('day', 'desc')
            .limit(1)
            .executeTakeFirst(),
        ),
      )
      return [...before.filter((r) => r !== undefined), ...inPeriod]
    },
    campaigns(libraryId: string, ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([])
      return db
        .selectFrom('campaigns')
        .select(['id', 'name', 'goal', 'peak_at'])
        .where('library_id', '=', libraryId)
        .where('id', 'in', [...new Set(ids)])
        .execute()
    },
    /**
     * Inbox items received on these channels in [from, to), the latest
     * `limit`: when each came, and when it was first answered.
     */
    inboxItems(
      libraryId: string,
      from: string,
      to: string,
      channelIds: readonly string[],
      limit: number,
    ) {
      if (channelIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('inbox_items')
        .select(['received_at', 'first_response_at'])
        .where('library_id', '=', libraryId)
        .where('received_at', '>=', from)
        .where('received_at', '<', to)
        .where('channel_id', 'in', [...channelIds])
        .orderBy('received_at', 'desc')
        .limit(limit)
        .execute()
    },
    /** When the rollups last took in new interactions. */
    async rolledUpAt(consumer: string): Promise<string | null> {
      const row = await db
        .selectFrom('stats_positions')
        .select('updated_at')
        .where('consumer', '=', consumer)
        .where('seq', '>', 0)
        .executeTakeFirst()
      return row?.updated_at ?? null
    },
  }
}
export type StatsRepo = ReturnType<typeof statsRepo>
