import type { Db } from '../db/database.js'

export function calendarFeedsRepo(db: Db) {
  return {
    find(libraryId: string, userId: string) {
      return db
        .selectFrom('calendar_feeds')
        .select(['id', 'created_at', 'last_used_at'])
        .where('library_id', '=', libraryId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
    },
    /** The feed behind a token, with what serving it needs; nothing once the member has left. */
    findByTokenHash(tokenHash: string) {
      return db
        .selectFrom('calendar_feeds')
        .innerJoin('memberships', (j) =>
          j
            .onRef('memberships.library_id', '=', 'calendar_feeds.library_id')
            .onRef('memberships.user_id', '=', 'calendar_feeds.user_id'),
        )
        .innerJoin('libraries', 'libraries.id', 'calendar_feeds.library_id')
        .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
        .select([
          'calendar_feeds.id',
          'calendar_feeds.library_id',
          'calendar_feeds.user_id',
          'calendar_feeds.last_used_at',
          'memberships.role',
          'libraries.name as library_name',
          'libraries.time_zone',
          'users.locale',
        ])
        .where('calendar_feeds.token_hash', '=', tokenHash)
        .executeTakeFirst()
    },
    /** One feed per member and library: a new token replaces the old one, which stops working. */
    async replace(feed: {
      id: string
      libraryId: string
      userId: string
      tokenHash: string
      now: string
    }) {
      await db
        .insertInto('calendar_feeds')
        .values({
          id: feed.id,
          library_id: feed.libraryId,
          user_id: feed.userId,
          token_hash: feed.tokenHash,
          created_at: feed.now,
          last_used_at: null,
        })
        .onConflict((oc) =>
          oc.columns(['library_id', 'user_id']).doUpdateSet({
            id: feed.id,
            token_hash: feed.tokenHash,
            created_at: feed.now,
            last_used_at: null,
          }),
        )
        .execute()
    },
    async delete(libraryId: string, userId: string): Promise<boolean> {
      const r = await db
        .deleteFrom('calendar_feeds')
        .where('library_id', '=', libraryId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
      return Number(r.numDeletedRows) > 0
    },
    async touch(libraryId: string, id: string, now: string) {
      await db
        .updateTable('calendar_feeds')
        .set({ last_used_at: now })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },
  }
}
