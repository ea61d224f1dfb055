import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { isPostgres } from '../db/dialect.js'

export interface PostTotals {
  publicationId: string
  likes: number
  reposts: number
  replies: number
  quotes: number
}

/** What the Statistik page reads: the rollups, the period's posts and the networks' own counts. */
export function statsRepo(db: Db) {
  return {
    /** Interactions per day (the library's days, both included) and kind, on these channels. */
    async daily(libraryId: string, from: string, to: string, channelIds: readonly string[]) {
      if (channelIds.length === 0) return []
      const rows = await db
        .selectFrom('stats_daily')
        .select(['day', 'kind', (eb) => eb.fn.sum<number>('count').as('n')])
        .where('library_id', '=', libraryId)
        .where('day', '>=', from)
        .where('day', '<=', to)
        .where('channel_id', 'in', [...channelIds])
        .groupBy(['day', 'kind'])
        .execute()
      return rows.map((r) => ({ day: r.day, kind: r.kind, count: Number(r.n) }))
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
    /**
     * Interactions so far with each publication `published` lists for the same arguments,
     * summed into what the page counts (a reply and a comment are both answers). Joined by
     * the period rather than sent a year of ids: one statement, prepared once.
     */
    async postTotals(libraryId: string, from: string, to: string, channelIds: readonly string[]) {
      if (channelIds.length === 0) return []
      const sumOf = (kinds: string[]) =>
        sql<number>`sum(case when t.kind in (${sql.join(kinds)}) then t.count else 0 end)`
      const rows = await db
        .selectFrom('publications as p')
        .innerJoin('stats_post_totals as t', (join) =>
          join.onRef('t.library_id', '=', 'p.library_id').onRef('t.publication_id', '=', 'p.id'),
        )
        .select([
          't.publication_id',
          sumOf(['like']).as('likes'),
          sumOf(['repost']).as('reposts'),
          sumOf(['reply', 'comment']).as('replies'),
          sumOf(['quote']).as('quotes'),
        ])
        .where('p.library_id', '=', libraryId)
        .where('p.published_at', '>=', from)
        .where('p.published_at', '<', to)
        .where('p.channel_id', 'in', [...channelIds])
        .groupBy('t.publication_id')
        .execute()
      return rows.map((r): PostTotals => ({
        publicationId: r.publication_id,
        likes: Number(r.likes),
        reposts: Number(r.reposts),
        replies: Number(r.replies),
        quotes: Number(r.quotes),
      }))
    },
    /**
     * Each channel's last follower count before `day`, for those the weeks
     * before a period held none (account_metrics is read through metrics-repo).
     */
    followersBefore(libraryId: string, channelIds: readonly string[], day: string) {
      return Promise.all(
        channelIds.map((channelId) =>
          db
            .selectFrom('account_metrics')
            .select(['channel_id', 'day', 'followers'])
            .where('library_id', '=', libraryId)
            .where('channel_id', '=', channelId)
            .where('day', '<', day)
            .where('followers', 'is not', null)
            .orderBy('day', 'desc')
            .limit(1)
            .executeTakeFirst(),
        ),
      ).then((rows) => rows.filter((r) => r !== undefined))
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
    /**
     * The answer target of the policy in force (the one approved last, as
     * strategy-repo's currentVersion), read out of the document by the
     * database: the page needs that part only, not the whole policy sent over.
     */
    async responseTarget(libraryId: string): Promise<unknown> {
      const target = isPostgres(db)
        ? sql<string | null>`document::jsonb #>> '{responses,target}'`
        : sql<string | null>`json_extract(document, '$.responses.target')`
      const row = await db
        .selectFrom('strategy_versions')
        .select(target.as('target'))
        .where('library_id', '=', libraryId)
        .where('approved_at', 'is not', null)
        .orderBy('approved_at', 'desc')
        .orderBy('number', 'desc')
        .limit(1)
        .executeTakeFirst()
      return row?.target ? JSON.parse(row.target) : null
    },
    /**
     * One read before the page's figures: the library's time zone, what its figures were made
     * from (a tag that changes with any change to it: migration 036's counter, and 015's for
     * the library's settings and channels), and when the rollups last moved. None without the library.
     */
    async state(libraryId: string, consumer: string) {
      const row = await db
        .selectFrom('libraries as l')
        .select((eb) => [
          'l.time_zone',
          eb.selectFrom('cache_generation').select('value').where('id', '=', 1).as('settings'),
          eb
            .selectFrom('stats_generations as g')
            .select('g.value')
            .whereRef('g.library_id', '=', 'l.id')
            .as('figures'),
          eb
            .selectFrom('stats_positions')
            .select('updated_at')
            .where('consumer', '=', consumer)
            .where('seq', '>', 0)
            .as('updated_at'),
        ])
        .where('l.id', '=', libraryId)
        .executeTakeFirst()
      return (
        row && {
          timeZone: row.time_zone,
          generation: `${row.settings ?? 0}:${row.figures ?? 0}`,
          updatedAt: row.updated_at ?? null,
        }
      )
    },
  }
}
export type StatsRepo = ReturnType<typeof statsRepo>
