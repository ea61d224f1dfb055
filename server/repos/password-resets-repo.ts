import type { Db } from '../db/database.js'

export function passwordResetsRepo(db: Db) {
  return {
    async insert(r: { tokenHash: string; userId: string; now: string; expiresAt: string }) {
      await db
        .insertInto('password_resets')
        .values({
          token_hash: r.tokenHash,
          user_id: r.userId,
          created_at: r.now,
          expires_at: r.expiresAt,
          used_at: null,
        })
        .execute()
    },
    /** Whether a token is live, without using it up. */
    async isLive(tokenHash: string, now: string): Promise<boolean> {
      const row = await db
        .selectFrom('password_resets')
        .select('user_id')
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst()
      return row !== undefined
    },
    /** Consumes a live token once; returns its user, or undefined. */
    async consume(tokenHash: string, now: string): Promise<string | undefined> {
      const row = await db
        .updateTable('password_resets')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('user_id')
        .executeTakeFirst()
      return row?.user_id
    },
    async deleteExpired(now: string) {
      await db.deleteFrom('password_resets').where('expires_at', '<=', now).execute()
    },
  }
}
