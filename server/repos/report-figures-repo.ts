import type { Db } from '../db/database.js'

const DAY_MS = 86_400_000
const before = (iso: string, days: number) =>
  new Date(new Date(iso).getTime() - days * DAY_MS).toISOString()

/**
 * The raw figures the goals and the monthly report are counted from: the
 * networks' own counts (migration 022), posts published, and what the inbox
 * received and answered. Each query names its library and a time range its
 * indexes can find; bucketing into the library's days is left to the caller.
 * `channelIds` null: every channel, removed ones included.
 */
export function reportFiguresRepo(db: Db) {
  return {
    /** Each channel's follower count on the days it was read. */
    followerSamples(libraryId: string, channelIds: readonly string[], from: string, to: string) {
      if (channelIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('account_metrics')
        .select(['channel_id', 'day', 'followers'])
        .where('library_id', '=', libraryId)
        .where('day', '>=', from)
        .where('day', '<=', to)
        .where('channel_id', 'in', [...channelIds])
        .where('followers', 'is not', null)
        .orderBy('day')
        .execute()
    },

    /** Posts (not inbox answers) published in [from, to), each with when it first went out. */
    async publishedPosts(
      libraryId: string,
      channelIds: readonly string[] | null,
      from: string,
      to: string,
    ) {
      if (channelIds?.length === 0) return []
      let query = db
        .selectFrom('posts as p')
        .innerJoin('publications as pub', 'pub.post_id', 'p.id')
        .select(['p.id', (eb) => eb.fn.min('pub.published_at').as('published_at')])
        .where('p.library_id', '=', libraryId)
        // A post's calendar time is its first publication: the index narrows, the join decides.
        .where('p.calendar_at', '>=', before(from, 7))
        .where('p.calendar_at', '<', to)
        .where('p.reply_to_item_id', 'is', null)
        .where('pub.state', '=', 'published')
        .where('pub.published_at', '>=', from)
        .where('pub.published_at', '<', to)
      if (channelIds) query = query.where('pub.channel_id', 'in', [...channelIds])
      const rows = await query.groupBy('p.id').execute()
      return rows.map((r) => ({ id: r.id, publishedAt: String(r.published_at) }))
    },

    /** The latest counts of every post published in [from, to), with its text and channel. */
    postCounts(libraryId: string, from: string, to: string) {
      return db
        .selectFrom('post_metric_state as s')
        .innerJoin('publications as pub', 'pub.id', 's.publication_id')
        .innerJoin('posts as p', 'p.id', 'pub.post_id')
        .innerJoin('channels as c', 'c.id', 's.channel_id')
        .select([
          's.publication_id',
          'pub.post_id',
          's.published_at',
          's.likes',
          's.reposts',
          's.replies',
          's.quotes',
          's.views',
          'p.text',
          'pub.remote_url',
          'c.network',
          'c.handle',
        ])
        .where('s.library_id', '=', libraryId)
        .where('s.published_at', '>=', from)
        .where('s.published_at', '<', to)
        .execute()
    },

    /** What the inbox received in [from, to): its kind, channel and time. */
    inboxReceived(
      libraryId: string,
      channelIds: readonly string[] | null,
      from: string,
      to: string,
    ) {
      if (channelIds?.length === 0) return Promise.resolve([])
      let query = db
        .selectFrom('inbox_items')
        .select(['kind', 'received_at'])
        .where('library_id', '=', libraryId)
        .where('received_at', '>=', from)
        .where('received_at', '<', to)
      if (channelIds) query = query.where('channel_id', 'in', [...channelIds])
      return query.execute()
    },

    /**
     * Items first answered in [from, to). Only those received up to 90 days
     * before are looked at, so the library's received-time index bounds the read.
     */
    answered(libraryId: string, channelIds: readonly string[] | null, from: string, to: string) {
      if (channelIds?.length === 0) return Promise.resolve([])
      let query = db
        .selectFrom('inbox_items')
        .select(['received_at', 'first_response_at'])
        .where('library_id', '=', libraryId)
        .where('received_at', '>=', before(from, 90))
        .where('received_at', '<', to)
        .where('first_response_at', '>=', from)
        .where('first_response_at', '<', to)
      if (channelIds) query = query.where('channel_id', 'in', [...channelIds])
      return query.execute() as Promise<{ received_at: string; first_response_at: string }[]>
    },
  }
}
export type ReportFiguresRepo = ReturnType<typeof reportFiguresRepo>
