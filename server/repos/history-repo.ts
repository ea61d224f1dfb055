import type { Insertable } from 'kysely'
import type { Db } from '../db/database.js'
import type { PostEventsTable } from '../db/schema/post-events.js'

/** A post's history: an append-only list of events. */
export function historyRepo(db: Db) {
  return {
    async insert(row: Insertable<PostEventsTable>) {
      await db.insertInto('post_events').values(row).execute()
    },
    async insertMany(rows: readonly Insertable<PostEventsTable>[]) {
      if (rows.length === 0) return
      await db
        .insertInto('post_events')
        .values([...rows])
        .execute()
    },
    /** Oldest first, with the actor's name (null for Torget itself). */
    list(libraryId: string, postId: string) {
      return db
        .selectFrom('post_events')
        .leftJoin('users', 'users.id', 'post_events.actor_id')
        .selectAll('post_events')
        .select('users.name as actor_name')
        .where('post_events.library_id', '=', libraryId)
        .where('post_events.post_id', '=', postId)
        .orderBy('post_events.created_at')
        .orderBy('post_events.id')
        .execute()
    },
  }
}
