import type { Db } from '../db/database.js'

export function sessionsRepo(db: Db) {
  return {
    async insert(s: {
      idHash: string
      userId: string
      csrfToken: string
      now: string
      expiresAt: string
    }) {
      await db
        .insertInto('sessions')
        .values({
          id_hash: s.idHash,
          user_id: s.userId,
          csrf_token: s.csrfToken,
          created_at: s.now,
          expires_at: s.expiresAt,
          last_seen_at: s.now,
        })
        .execute()
    },
    /** The session with its user, if it exists and has not expired. */
    findLive(idHash: string, now: string) {
      return db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.id_hash',
          'sessions.csrf_token',
          'sessions.expires_at',
          'sessions.last_seen_at',
          'users.id as user_id',
          'users.email',
          'users.name',
          'users.locale',
          'users.is_instance_admin',
        ])
        .where('sessions.id_hash', '=', idHash)
        .where('sessions.expires_at', '>', now)
        .executeTakeFirst()
    },
    async touch(idHash: string, now: string, expiresAt: string) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: now, expires_at: expiresAt })
        .where('id_hash', '=', idHash)
        .execute()
    },
    async delete(idHash: string) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
    },
    async deleteForUser(userId: string) {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
    },
    async deleteExpired(now: string): Promise<number> {
      const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst()
      return Number(r.numDeletedRows)
    },
  }
}
