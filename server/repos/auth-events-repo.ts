import type { Db } from '../db/database.js'

export type AuthEventKind =
  'sign_in' | 'sign_in_failed' | 'reset_requested' | 'reset_completed' | 'invitation_accepted'

export function authEventsRepo(db: Db) {
  return {
    async record(e: {
      id: string
      kind: AuthEventKind
      email: string | null
      userId: string | null
      ip: string | null
      now: string
    }) {
      await db
        .insertInto('auth_events')
        .values({
          id: e.id,
          kind: e.kind,
          email: e.email,
          user_id: e.userId,
          ip: e.ip,
          created_at: e.now,
        })
        .execute()
    },
    async countSince(
      kind: AuthEventKind,
      by: { email: string } | { ip: string },
      since: string,
    ): Promise<number> {
      let q = db
        .selectFrom('auth_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', '=', kind)
        .where('created_at', '>', since)
      q = 'email' in by ? q.where('email', '=', by.email) : q.where('ip', '=', by.ip)
      return Number((await q.executeTakeFirstOrThrow()).n)
    },
    async deleteOlderThan(before: string) {
      await db.deleteFrom('auth_events').where('created_at', '<', before).execute()
    },
  }
}
