import type { Insertable } from 'kysely'
import type { Db } from '../db/database.js'
import type { ModerationActionsTable } from '../db/schema/inbox.js'

/**
 * Who acts on an item besides answering it: moderation with its reason, kept as it was
 * done, and who is looking at or answering an item right now. Part of the inbox repository
 * (inbox-repo.ts).
 */
export function inboxModerationRepo(db: Db) {
  return {
    async insertModeration(row: Insertable<ModerationActionsTable>) {
      await db.insertInto('moderation_actions').values(row).execute()
    },
    findModeration(libraryId: string, id: string) {
      return db
        .selectFrom('moderation_actions')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
    },
    async settleModeration(
      id: string,
      changes: { state: string; error_code: string | null; done_at: string | null },
    ) {
      await db.updateTable('moderation_actions').set(changes).where('id', '=', id).execute()
    },
    moderation(libraryId: string, itemId: string) {
      return db
        .selectFrom('moderation_actions')
        .select([
          'id',
          'action',
          'reason_category',
          'reason',
          'actor_id',
          'actor_name',
          'state',
          'error_code',
          'created_at',
        ])
        .where('library_id', '=', libraryId)
        .where('item_id', '=', itemId)
        .orderBy('created_at')
        .execute()
    },
    async setPresence(row: {
      item_id: string
      user_id: string
      library_id: string
      mode: string
      expires_at: string
    }) {
      await db
        .insertInto('inbox_presence')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['item_id', 'user_id'])
            .doUpdateSet({ mode: row.mode, expires_at: row.expires_at }),
        )
        .execute()
    },
    /** Everyone on any item of the library right now. */
    presenceInLibrary(libraryId: string, now: string) {
      return db
        .selectFrom('inbox_presence as p')
        .innerJoin('users as u', 'u.id', 'p.user_id')
        .select(['p.item_id', 'p.user_id', 'u.name', 'p.mode'])
        .where('p.library_id', '=', libraryId)
        .where('p.expires_at', '>', now)
        .orderBy('p.item_id')
        .orderBy('u.name')
        .execute()
    },
    async clearPresence(libraryId: string, itemId: string, userId: string) {
      await db
        .deleteFrom('inbox_presence')
        .where('library_id', '=', libraryId)
        .where('item_id', '=', itemId)
        .where('user_id', '=', userId)
        .execute()
    },
    presence(libraryId: string, itemId: string, now: string) {
      return db
        .selectFrom('inbox_presence as p')
        .innerJoin('users as u', 'u.id', 'p.user_id')
        .select(['p.user_id', 'u.name', 'p.mode'])
        .where('p.library_id', '=', libraryId)
        .where('p.item_id', '=', itemId)
        .where('p.expires_at', '>', now)
        .orderBy('u.name')
        .execute()
    },
  }
}
