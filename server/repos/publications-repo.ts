import type { Db } from '../db/database.js'
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
     * Takes a publication for one attempt, atomically: only one worker can win,
     * and only while it is still due. A publication left in flight longer than
     * `stuckBefore` (its worker died) may be taken again; the caller then asks
     * the network before publishing.
     */
    async claim(libraryId: string, id: string, now: string, stuckBefore: string) {
      return db
        .updateTable('publications')
        .set((eb) => ({
          state: 'in_flight',
          attempts: eb('attempts', '+', 1),
          attempt_started_at: now,
          updated_at: now,
        }))
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .where('due_at', '<=', now)
        .where((eb) =>
          eb.or([
            eb('state', 'in', ['pending', 'unknown']),
            eb.and([eb('state', '=', 'in_flight'), eb('attempt_started_at', '<', stuckBefore)]),
          ]),
        )
        .returningAll()
        .executeTakeFirst()
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
    async reschedulePending(libraryId: string, postId: string, dueAt: string, now: string) {
      return db
        .updateTable('publications')
        .set({ due_at: dueAt, updated_at: now })
        .where('library_id', '=', libraryId)
        .where('post_id', '=', postId)
        .where('state', '=', 'pending')
        .returning(['id', 'due_at'])
        .execute()
    },
    /** Back to draft: a worker holding the job will find it no longer pending. */
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
    pendingOnChannel(libraryId: string, channelId: string) {
      return db
        .selectFrom('publications')
        .select(['id', 'post_id'])
        .where('library_id', '=', libraryId)
        .where('channel_id', '=', channelId)
        .where('state', 'in', ['draft', 'pending', 'unknown'])
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
