import type { Db } from '../db/database.js'
import { isPostgres } from '../db/dialect.js'

const NEVER = '1970-01-01T00:00:00.000Z'

export function signInThrottlesRepo(db: Db) {
  return {
    /**
     * Inside a transaction: the rows of these keys, created when missing and held until the
     * transaction ends, so that attempts at the same moment (in any process) are counted one
     * after another. The insert comes first: on SQLite it takes the write lock at once.
     */
    async lock(keys: readonly string[], now: string) {
      const sorted = [...new Set(keys)].sort()
      await db
        .insertInto('sign_in_throttles')
        .values(sorted.map((key) => ({ key, failures: 0, blocked_until: NEVER, last_at: now })))
        .onConflict((oc) => oc.column('key').doNothing())
        .execute()
      let q = db
        .selectFrom('sign_in_throttles')
        .select(['key', 'failures', 'blocked_until', 'last_at'])
        .where('key', 'in', sorted)
        .orderBy('key')
      if (isPostgres(db)) q = q.forUpdate()
      return q.execute()
    },
    async set(key: string, row: { failures: number; blockedUntil: string; lastAt: string }) {
      await db
        .updateTable('sign_in_throttles')
        .set({ failures: row.failures, blocked_until: row.blockedUntil, last_at: row.lastAt })
        .where('key', '=', key)
        .execute()
    },
    async delete(keys: readonly string[]) {
      if (keys.length) await db.deleteFrom('sign_in_throttles').where('key', 'in', keys).execute()
    },
    async deleteQuietSince(before: string) {
      await db.deleteFrom('sign_in_throttles').where('last_at', '<', before).execute()
    },
  }
}
