import type { CompiledQuery } from 'kysely'
import type { Db } from '../db/database.js'

/**
 * The counter that migration 015's triggers bump whenever sessions, memberships, users,
 * libraries, invitations or channel names change. Read on every signed-in request, so the
 * statement is built once rather than per call.
 */
export function cacheGenerationRepo(db: Db) {
  let query: CompiledQuery<{ value: number | string }> | undefined
  return {
    async current(): Promise<number> {
      query ??= db.selectFrom('cache_generation').select('value').where('id', '=', 1).compile()
      const { rows } = await db.executeQuery(query)
      return Number(rows[0]?.value ?? 0)
    },
  }
}
