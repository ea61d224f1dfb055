import type { Db } from '../db/database.js'

export function policyRepo(db: Db) {
  return {
    /** Every member with when they confirmed the given version, if they did. */
    readers(libraryId: string, versionId: string) {
      return db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .leftJoin('policy_reads as r', (join) =>
          join
            .onRef('r.user_id', '=', 'm.user_id')
            .on('r.version_id', '=', versionId)
            .on('r.library_id', '=', libraryId),
        )
        .select(['u.id as user_id', 'u.name', 'm.role', 'r.read_at'])
        .where('m.library_id', '=', libraryId)
        .orderBy('u.name')
        .execute()
    },
    async readAt(libraryId: string, versionId: string, userId: string) {
      const row = await db
        .selectFrom('policy_reads')
        .select('read_at')
        .where('library_id', '=', libraryId)
        .where('version_id', '=', versionId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
      return row?.read_at ?? null
    },
    /** Confirming twice keeps the first time. */
    async recordRead(libraryId: string, versionId: string, userId: string, now: string) {
      await db
        .insertInto('policy_reads')
        .values({ library_id: libraryId, version_id: versionId, user_id: userId, read_at: now })
        .onConflict((oc) => oc.columns(['version_id', 'user_id']).doNothing())
        .execute()
    },

    findLink(libraryId: string) {
      return db
        .selectFrom('policy_links')
        .select(['token', 'enabled'])
        .where('library_id', '=', libraryId)
        .executeTakeFirst()
    },
    /** The public page's library, when the page is turned on: the one lookup by token, not by library. */
    findEnabledLink(token: string) {
      return db
        .selectFrom('policy_links')
        .select('library_id')
        .where('token', '=', token)
        .where('enabled', '=', 1)
        .executeTakeFirst()
    },
    async upsertLink(libraryId: string, token: string, enabled: boolean, now: string) {
      await db
        .insertInto('policy_links')
        .values({ library_id: libraryId, token, enabled: enabled ? 1 : 0, updated_at: now })
        .onConflict((oc) =>
          oc.column('library_id').doUpdateSet({ token, enabled: enabled ? 1 : 0, updated_at: now }),
        )
        .execute()
    },
  }
}
