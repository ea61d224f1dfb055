import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { isPostgres } from '../db/dialect.js'
import type { AccountMetricsTable, PostMetricStateTable } from '../db/schema/metrics.js'

/** What the networks give for a post, in Torget's names; null where a network did not say. */
export interface PostCountsRow {
  likes: number | null
  reposts: number | null
  replies: number | null
  quotes: number | null
  views: number | null
  reach?: number | null
  saves?: number | null
}

/** A post whose counts are due, leased to one sampler. */
export interface ClaimedPost {
  publication_id: string
  library_id: string
  channel_id: string
  published_at: string
  stage: number
  failures: number
  remote_id: string | null
}

/** One read of a post's counts, and when to look next. */
export interface PostSample {
  post: Pick<ClaimedPost, 'publication_id' | 'library_id' | 'channel_id' | 'published_at'>
  sampledAt: string
  counts: PostCountsRow
  next: { stage: number; nextAt: string | null }
}

export type NewPostState = Pick<
  PostMetricStateTable,
  'publication_id' | 'library_id' | 'channel_id' | 'published_at' | 'next_at' | 'stage'
>

/** A channel whose own counts are due, leased to one sampler. */
export interface ClaimedAccount {
  channel_id: string
  library_id: string
  failures: number
  time_zone: string
}

/**
 * When the networks' counts are read next: one row per published post
 * (post_metric_state, whose counts columns hold the latest sample) and one per
 * channel (account_metric_state). Due rows are leased in one statement, so
 * two samplers never take the same row; on PostgreSQL the rows another is
 * taking are skipped (FOR UPDATE SKIP LOCKED), on SQLite its one writer orders them.
 */
export function metricSamplingRepo(db: Db) {
  const pg = isPostgres(db)

  return {
    /** Starts the schedule of newly published posts; a post already scheduled is left as it is. */
    async startPosts(rows: readonly NewPostState[]) {
      if (rows.length === 0) return
      await db
        .insertInto('post_metric_state')
        .values(rows.map((r) => ({ ...r, failures: 0 })))
        .onConflict((oc) => oc.column('publication_id').doNothing())
        .execute()
    },

    /** Published posts (with their network id) that have no schedule yet, oldest first. */
    unscheduledPosts(limit: number) {
      return db
        .selectFrom('publications as p')
        .select(['p.id', 'p.library_id', 'p.channel_id', 'p.published_at'])
        .where('p.state', '=', 'published')
        .where('p.remote_id', 'is not', null)
        .where('p.published_at', 'is not', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('post_metric_state as s')
                .select(sql.lit(1).as('one'))
                .whereRef('s.publication_id', '=', 'p.id'),
            ),
          ),
        )
        .orderBy('p.published_at')
        .limit(limit)
        .execute() as Promise<
        { id: string; library_id: string; channel_id: string; published_at: string }[]
      >
    },

    /** Takes up to `limit` due posts on live channels whose access works, earliest due first. */
    async claimDuePosts(now: string, leaseUntil: string, limit: number): Promise<ClaimedPost[]> {
      let due = db
        .selectFrom('post_metric_state as s')
        .innerJoin('channels as c', 'c.id', 's.channel_id')
        .select('s.publication_id')
        .where('s.next_at', '<=', now)
        .where((eb) => eb.or([eb('s.leased_until', 'is', null), eb('s.leased_until', '<', now)]))
        .where('c.deleted_at', 'is', null)
        .where('c.health', '!=', 'needs_reconnect')
        .orderBy('s.next_at')
        .limit(limit)
      if (pg) due = due.forUpdate('s').skipLocked()
      const claimed = await db
        .updateTable('post_metric_state')
        .set({ leased_until: leaseUntil })
        .where('publication_id', 'in', due)
        .returning([
          'publication_id',
          'library_id',
          'channel_id',
          'published_at',
          'stage',
          'failures',
        ])
        .execute()
      if (claimed.length === 0) return []
      const remote = new Map(
        (
          await db
            .selectFrom('publications')
            .select(['id', 'remote_id'])
            .where(
              'id',
              'in',
              claimed.map((c) => c.publication_id),
            )
            .execute()
        ).map((p) => [p.id, p.remote_id]),
      )
      return claimed.map((c) => ({ ...c, remote_id: remote.get(c.publication_id) ?? null }))
    },

    /**
     * Stores a round's samples: a history row each, and the latest counts, the
     * next look and the lease let go beside each post. Two statements for the
     * whole round rather than two a post; the latest counts go in as an upsert,
     * the one way to give each row its own values that both dialects share.
     */
    async recordPostSamples(samples: readonly PostSample[]) {
      if (samples.length === 0) return
      const rows = samples.map(({ post, sampledAt, counts, next }) => ({
        publication_id: post.publication_id,
        library_id: post.library_id,
        channel_id: post.channel_id,
        sampled_at: sampledAt,
        ...counts,
        reach: counts.reach ?? null,
        saves: counts.saves ?? null,
        published_at: post.published_at,
        stage: next.stage,
        next_at: next.nextAt,
      }))
      await db
        .insertInto('post_metrics')
        .values(rows.map(({ published_at: _, stage: __, next_at: ___, ...row }) => row))
        .onConflict((oc) => oc.columns(['publication_id', 'sampled_at']).doNothing())
        .execute()
      await db
        .insertInto('post_metric_state')
        .values(rows.map((row) => ({ ...row, failures: 0, leased_until: null })))
        .onConflict((oc) =>
          oc.column('publication_id').doUpdateSet((eb) => ({
            likes: eb.ref('excluded.likes'),
            reposts: eb.ref('excluded.reposts'),
            replies: eb.ref('excluded.replies'),
            quotes: eb.ref('excluded.quotes'),
            views: eb.ref('excluded.views'),
            reach: eb.ref('excluded.reach'),
            saves: eb.ref('excluded.saves'),
            sampled_at: eb.ref('excluded.sampled_at'),
            stage: eb.ref('excluded.stage'),
            next_at: eb.ref('excluded.next_at'),
            failures: 0,
            leased_until: null,
          })),
        )
        .execute()
    },

    /** The network says the post is gone: no more looks, its last counts kept. */
    async markPostGone(publicationId: string, at: string) {
      await db
        .updateTable('post_metric_state')
        .set({ gone_at: at, next_at: null, leased_until: null })
        .where('publication_id', '=', publicationId)
        .execute()
    },

    /** A look that failed: when to try again (null: not at all) and the failures so far. */
    async reschedulePost(publicationId: string, nextAt: string | null, failures: number) {
      await db
        .updateTable('post_metric_state')
        .set({ next_at: nextAt, failures, leased_until: null })
        .where('publication_id', '=', publicationId)
        .execute()
    },

    /** Lets leased posts go untouched: they are due again at once (for when access returns). */
    async releasePosts(publicationIds: readonly string[]) {
      if (publicationIds.length === 0) return
      await db
        .updateTable('post_metric_state')
        .set({ leased_until: null })
        .where('publication_id', 'in', [...publicationIds])
        .execute()
    },

    /** Every live channel gets a schedule for its own counts, due at `now` (a new channel soon after connecting). */
    async enrollAccounts(now: string) {
      await sql`insert into account_metric_state (channel_id, library_id, next_at, failures)
        select c.id, c.library_id, ${now}, 0 from channels c
        where c.deleted_at is null
          and not exists (select 1 from account_metric_state a where a.channel_id = c.id)`.execute(
        db,
      )
    },

    /** Removed channels are read no more: their accounts forgotten, their posts' schedules ended. */
    async endRemovedChannels() {
      const removed = db.selectFrom('channels').select('id').where('deleted_at', 'is not', null)
      await db.deleteFrom('account_metric_state').where('channel_id', 'in', removed).execute()
      await db
        .updateTable('post_metric_state')
        .set({ next_at: null, leased_until: null })
        .where('next_at', 'is not', null)
        .where('channel_id', 'in', removed)
        .execute()
    },

    /** Takes up to `limit` channels whose daily counts are due, with their library's time zone. */
    async claimDueAccounts(
      now: string,
      leaseUntil: string,
      limit: number,
    ): Promise<ClaimedAccount[]> {
      let due = db
        .selectFrom('account_metric_state as a')
        .innerJoin('channels as c', 'c.id', 'a.channel_id')
        .select('a.channel_id')
        .where('a.next_at', '<=', now)
        .where((eb) => eb.or([eb('a.leased_until', 'is', null), eb('a.leased_until', '<', now)]))
        .where('c.deleted_at', 'is', null)
        .where('c.health', '!=', 'needs_reconnect')
        .orderBy('a.next_at')
        .limit(limit)
      if (pg) due = due.forUpdate('a').skipLocked()
      const claimed = await db
        .updateTable('account_metric_state')
        .set({ leased_until: leaseUntil })
        .where('channel_id', 'in', due)
        .returning(['channel_id', 'library_id', 'failures'])
        .execute()
      if (claimed.length === 0) return []
      const zones = new Map(
        (
          await db
            .selectFrom('libraries')
            .select(['id', 'time_zone'])
            .where('id', 'in', [...new Set(claimed.map((c) => c.library_id))])
            .execute()
        ).map((l) => [l.id, l.time_zone]),
      )
      return claimed.map((c) => ({
        ...c,
        time_zone: zones.get(c.library_id) ?? 'Europe/Stockholm',
      }))
    },

    /** Stores the day's counts (a later sample that day replaces the earlier) and the next look. */
    async recordAccountSample(row: AccountMetricsTable, nextAt: string) {
      const { channel_id, day, ...rest } = row
      await db
        .insertInto('account_metrics')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['channel_id', 'day']).doUpdateSet({
            sampled_at: rest.sampled_at,
            followers: rest.followers,
            following: rest.following,
            posts: rest.posts,
          }),
        )
        .execute()
      await db
        .updateTable('account_metric_state')
        .set({
          next_at: nextAt,
          sampled_at: row.sampled_at,
          failures: 0,
          error_code: null,
          leased_until: null,
        })
        .where('channel_id', '=', channel_id)
        .execute()
      return day
    },

    /** A read that failed: when to try again, the failures so far and why. */
    async rescheduleAccount(
      channelId: string,
      nextAt: string,
      failures: number,
      errorCode: string | null,
    ) {
      await db
        .updateTable('account_metric_state')
        .set({ next_at: nextAt, failures, error_code: errorCode, leased_until: null })
        .where('channel_id', '=', channelId)
        .execute()
    },

    /** Lets a leased channel go untouched, due as before (for when access returns). */
    async releaseAccount(channelId: string, errorCode: string | null) {
      await db
        .updateTable('account_metric_state')
        .set({ leased_until: null, error_code: errorCode })
        .where('channel_id', '=', channelId)
        .execute()
    },

    /** The schedule of one channel's own counts (tests, the channel page). */
    accountState(channelId: string) {
      return db
        .selectFrom('account_metric_state')
        .selectAll()
        .where('channel_id', '=', channelId)
        .executeTakeFirst()
    },

    /** The schedule and latest counts of one post (tests, the post page). */
    postState(publicationId: string) {
      return db
        .selectFrom('post_metric_state')
        .selectAll()
        .where('publication_id', '=', publicationId)
        .executeTakeFirst()
    },
  }
}
export type MetricSamplingRepo = ReturnType<typeof metricSamplingRepo>
