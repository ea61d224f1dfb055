import type { Db } from '../db/database.js'

export function emailConfirmationsRepo(db: Db) {
  return {
    async insert(r: {
      tokenHash: string
      invitationId: string
      email: string
      now: string
      expiresAt: string
    }) {
      await db
        .insertInto('email_confirmations')
        .values({
          token_hash: r.tokenHash,
          invitation_id: r.invitationId,
          email: r.email,
          created_at: r.now,
          expires_at: r.expiresAt,
          used_at: null,
        })
        .execute()
    },
    async countSince(invitationId: string, since: string): Promise<number> {
      const row = await db
        .selectFrom('email_confirmations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('invitation_id', '=', invitationId)
        .where('created_at', '>', since)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
    /** A live, unused confirmation for this invitation, or undefined. */
    findLive(tokenHash: string, invitationId: string, now: string) {
      return db
        .selectFrom('email_confirmations')
        .select(['email', 'expires_at'])
        .where('token_hash', '=', tokenHash)
        .where('invitation_id', '=', invitationId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst()
    },
    /** Uses a live confirmation once; returns its address, or undefined. */
    async consume(tokenHash: string, invitationId: string, now: string) {
      const row = await db
        .updateTable('email_confirmations')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('invitation_id', '=', invitationId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('email')
        .executeTakeFirst()
      return row?.email
    },
    async deleteExpired(now: string) {
      await db.deleteFrom('email_confirmations').where('expires_at', '<=', now).execute()
    },
  }
}
