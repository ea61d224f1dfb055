import type { Db } from '../db/database.js'

export function invitationsRepo(db: Db) {
  return {
    async insert(i: {
      id: string
      libraryId: string
      tokenHash: string
      email: string | null
      role: string
      invitedBy: string
      now: string
      expiresAt: string
    }) {
      await db
        .insertInto('invitations')
        .values({
          id: i.id,
          library_id: i.libraryId,
          token_hash: i.tokenHash,
          email: i.email,
          role: i.role,
          invited_by: i.invitedBy,
          created_at: i.now,
          expires_at: i.expiresAt,
          accepted_at: null,
          accepted_by: null,
          revoked_at: null,
        })
        .execute()
    },
    /** Looked up by token across libraries: the token itself is the permission. */
    findByTokenHash(tokenHash: string) {
      return db
        .selectFrom('invitations')
        .innerJoin('libraries', 'libraries.id', 'invitations.library_id')
        .innerJoin('users', 'users.id', 'invitations.invited_by')
        .selectAll('invitations')
        .select(['libraries.name as library_name', 'users.name as inviter_name'])
        .where('invitations.token_hash', '=', tokenHash)
        .executeTakeFirst()
    },
    listPending(libraryId: string, now: string) {
      return db
        .selectFrom('invitations')
        .innerJoin('users', 'users.id', 'invitations.invited_by')
        .select([
          'invitations.id',
          'invitations.role',
          'invitations.email',
          'users.name as invitedBy',
          'invitations.created_at as createdAt',
          'invitations.expires_at as expiresAt',
        ])
        .where('invitations.library_id', '=', libraryId)
        .where('invitations.accepted_at', 'is', null)
        .where('invitations.revoked_at', 'is', null)
        .where('invitations.expires_at', '>', now)
        .orderBy('invitations.created_at', 'desc')
        .execute()
    },
    async countPending(libraryId: string, now: string): Promise<number> {
      const row = await db
        .selectFrom('invitations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('library_id', '=', libraryId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
    /** Marks it accepted only if still open: a link used twice at once is used once. */
    async markAccepted(id: string, userId: string, now: string): Promise<boolean> {
      const r = await db
        .updateTable('invitations')
        .set({ accepted_at: now, accepted_by: userId })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async revoke(libraryId: string, id: string, now: string): Promise<boolean> {
      const r = await db
        .updateTable('invitations')
        .set({ revoked_at: now })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
  }
}
