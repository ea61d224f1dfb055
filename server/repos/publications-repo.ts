import type { Db } from '../db/database.js'
import { isPostgres } from '../db/dialect.js'
import type { PublicationsTable } from '../db/schema/publications.js'

export type PublicationRow = PublicationsTable

/** A publication not yet attempted. */
export function newPublicationRow(p: {
  id: string
  libraryId: string
  postId: string
  channelId: string
  state: 'draft' | 'pending'
  dueAt: string
  now: string
}): PublicationRow {
  return {
    id: p.id,
    library_id: p.libraryId,
    post_id: p.postId,
    channel_id: p.channelId,
    state: p.state,
    due_at: p.dueAt,
    attempts: 0,
    remote_id: null,
    remote_url: null,
    error_kind: null,
    error_code: null,
    error_message: null,
    attempt_started_at: null,
    published_at: null,
    first_attempt_at: null,
    retrying_since: null,
    updated_at: p.now,
  }
}

export function publicationsRepo(db: Db) {
  return {
    forPosts(libraryId: string, postIds: string[]) {
      if (postIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('publications')
        .innerJoin('channels', 'channels.id', 'publications.channel_id')
        .selectAll('publications')
        .select(['channels.network', 'channels.handle'])
        .where('publications.library_id', '=', libraryId)
        .where('publications.post_id', 'in', postIds)
        .execute()
    },
    find(libraryId: string, id: string) {
      return db
        .selectFrom('publications')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
    },
    async insert(row: PublicationRow) {
      await db.insertInto('publications').values(row).execute()
    },
    async deleteForPost(libraryId: string, postId: string, channelIds?: string[]) {
      let q = db
        .deleteFrom('publications')
        .where('library_id', '=', libraryId)
        .where('post_id', '=', postId)
      if (channelIds) q = q.where('channel_id', 'in', channelIds)
      await q.execute()
    },
    /**
     * Takes up to `limit` due publications across all libraries for one
     * attempt each, in one statement: the worker's way in. Due ones first,
     * oldest first; then retries whose outcome is unknown; then those in
     * flight since before `stuckBefore` (their worker died). Each kind is its
     * own index range, so a claim costs the same with 10 or 100,000 waiting
     * (one OR over them made SQLite sort them all every time).
     *
     * No row is taken twice: on SQLite the one statement is atomic; on
     * PostgreSQL the rows are locked as they are chosen, rows another worker
     * is claiming are skipped, and a row changed since the statement began is
     * re-tested against its kind before it is taken. (Repeating the test in
     * the outer WHERE would be redundant, and made SQLite scan every due row.)
     */
    async claimDue(now: string, stuckBefore: string, limit: number) {
      const pg = isPostgres(db)
      const kind = (state: string, column: 'due_at' | 'attempt_started_at', before: string) => {
        let q = db
          .selectFrom('publications')
          .select('id')
          .where('state', '=', state)
          .where(column, column === 'due_at' ? '<=' : '<', before)
          .orderBy(column)
          .limit(limit)
        if (pg) q = q.forUpdate().skipLocked()
        return db.selectFrom(q.as(state)).select(`${state}.id` as 'id')
      }
      const ids = db
        .selectFrom(
          kind('pending', 'due_at', now)
            .unionAll(kind('unknown', 'due_at', now))
            .unionAll(kind('in_flight', 'attempt_started_at', stuckBefore))
            .as('ids'),
        )
        .select('ids.id')
        .limit(limit)
      return db
        .updateTable('publications')
        .set((eb) => ({
          state: 'in_flight',
          attempts: eb('attempts', '+', 1),
          attempt_started_at: now,
          first_attempt_at: eb.fn.coalesce('first_attempt_at', eb.val(now)),
          updated_at: now,
        }))
        .where('id', 'in', ids)
        .returningAll()
        .execute()
    },
    /**
     * Remote ids recorded for the channel's other publications since `since`:
     * what a look-up for this publication must never answer.
     */
    async remoteIdsOnChannel(
      libraryId: string,
      channelId: string,
      exceptId: string,
      since: string,
    ): Promise<Set<string>> {
      const rows = await db
        .selectFrom('publications')
        .select('remote_id')
        .where('library_id', '=', libraryId)
        .where('channel_id', '=', channelId)
        .where('id', '!=', exceptId)
        .where('remote_id', 'is not', null)
        .where('published_at', '>=', since)
        .execute()
      return new Set(rows.map((r) => r.remote_id!))
    },
    /** Whether another publication of the library holds this remote post (unique per channel). */
    async remoteIdTaken(libraryId: string, channelId: string, remoteId: string, exceptId: string) {
      const row = await db
        .selectFrom('publications')
        .select('id')
        .where('library_id', '=', libraryId)
        .where('channel_id', '=', channelId)
        .where('remote_id', '=', remoteId)
        .where('id', '!=', exceptId)
        .executeTakeFirst()
      return row !== undefined
    },
    /** When the next waiting publication falls due, if any. */
    async nextDueAt(): Promise<string | undefined> {
      const row = await db
        .selectFrom('publications')
        .select((eb) => eb.fn.min('due_at').as('next'))
        .where('state', 'in', ['pending', 'unknown'])
        .executeTakeFirst()
      return row?.next ? String(row.next) : undefined
    },
    /** Records an attempt's outcome, but only if this attempt still owns the publication. */
    async settle(
      libraryId: string,
      id: string,
      attempt: number,
      patch: Partial<
        Pick<
          PublicationRow,
          | 'state'
          | 'remote_id'
          | 'remote_url'
          | 'error_kind'
          | 'error_code'
          | 'error_message'
          | 'published_at'
          | 'due_at'
          | 'retrying_since'
        >
      >,
      now: string,
    ): Promise<boolean> {
      const r = await db
        .updateTable('publications')
        .set({ ...patch, updated_at: now })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .where('attempts', '=', attempt)
        .where('state', '=', 'in_flight')
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    /**
     * The channel answers again: up to `limit` of its publications waiting
     * for a retry become due now, soonest first. Those the network (or the
     * rate budget) told to wait keep their time, and so does everything
     * not in retry, such as posts scheduled for later. Returns how many.
     */
    async bringForward(libraryId: string, channelId: string, now: string, limit: number) {
      let waiting = db
        .selectFrom('publications')
        .select('id')
        .where('library_id', '=', libraryId)
        .where('channel_id', '=', channelId)
        .where('retrying_since', 'is not', null)
        .where('due_at', '>', now)
        .where('state', 'in', ['pending', 'unknown'])
        .where((eb) =>
          eb.or([eb('error_code', 'is', null), eb('error_code', '!=', 'rate_limited')]),
        )
        .orderBy('due_at')
        .limit(limit)
      if (isPostgres(db)) waiting = waiting.forUpdate().skipLocked()
      const r = await db
        .updateTable('publications')
        .set({ due_at: now, updated_at: now })
        .where('id', 'in', db.selectFrom(waiting.as('w')).select('w.id'))
        .executeTakeFirst()
      return Number(r.numUpdatedRows)
    },
    async setState(
      libraryId: string,
      id: string,
      fromStates: string[],
      patch: Partial<PublicationRow>,
      now: string,
    ): Promise<boolean> {
      const r = await db
        .updateTable('publications')
        .set({ ...patch, updated_at: now })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .where('state', 'in', fromStates)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    /** Back to draft: the dispatcher no longer finds it due. */
    async cancelPending(libraryId: string, postId: string, now: string) {
      return db
        .updateTable('publications')
        .set({ state: 'draft', updated_at: now })
        .where('library_id', '=', libraryId)
        .where('post_id', '=', postId)
        .where('state', 'in', ['pending', 'unknown'])
        .returning(['id', 'due_at'])
        .execute()
    },
    /** When the channel's other posts went or go out, within a span: for a network's posts-per-day limit. */
    async timesOnChannel(
      libraryId: string,
      channelId: string,
      from: string,
      to: string,
      exceptId: string,
    ) {
      const rows = await db
        .selectFrom('publications')
        .select(['due_at', 'published_at'])
        .where('library_id', '=', libraryId)
        .where('channel_id', '=', channelId)
        .where('id', '!=', exceptId)
        .where('state', 'in', ['pending', 'in_flight', 'unknown', 'published'])
        .where((eb) =>
          eb.or([
            eb.and([eb('due_at', '>=', from), eb('due_at', '<', to)]),
            eb.and([eb('published_at', '>=', from), eb('published_at', '<', to)]),
          ]),
        )
        .execute()
      return rows.map((r) => new Date(r.published_at ?? r.due_at))
    },
    pendingOnChannel(libraryId: string, channelId: string) {
      return db
        .selectFrom('publications')
        .select(['id', 'post_id'])
        .where('library_id', '=', libraryId)
        .where('channel_id', '=', channelId)
        .where('state', 'in', ['draft', 'pending', 'unknown'])
        .execute()
    },
    statesForPosts(libraryId: string, postIds: string[]) {
      if (postIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('publications')
        .select(['post_id', 'state'])
        .where('library_id', '=', libraryId)
        .where('post_id', 'in', postIds)
        .execute()
    },
    states(libraryId: string, postId: string) {
      return db
        .selectFrom('publications')
        .select('state')
        .where('library_id', '=', libraryId)
        .where('post_id', '=', postId)
        .execute()
    },
  }
}
