import { sql } from 'kysely'
import type { Db } from '../db/database.js'

export function rateBudgetRepo(db: Db) {
  return {
    /** Adds points to one slot; the row lock this takes orders concurrent spenders on every database. */
    async add(account: string, pool: string, slot: number, points: number) {
      await db
        .insertInto('rate_budget_spends')
        .values({ account, pool, slot, points })
        .onConflict((oc) =>
          oc
            .columns(['account', 'pool', 'slot'])
            .doUpdateSet({ points: sql`rate_budget_spends.points + ${points}` }),
        )
        .execute()
    },
    /** Points per slot since `from`, oldest first. */
    async slotsSince(account: string, pool: string, from: number) {
      const rows = await db
        .selectFrom('rate_budget_spends')
        .select(['slot', 'points'])
        .where('account', '=', account)
        .where('pool', '=', pool)
        .where('slot', '>', from)
        .orderBy('slot')
        .execute()
      return rows.map((r) => ({ slot: Number(r.slot), points: Number(r.points) }))
    },
    async forget(account: string, pool: string, before: number) {
      await db
        .deleteFrom('rate_budget_spends')
        .where('account', '=', account)
        .where('pool', '=', pool)
        .where('slot', '<=', before)
        .execute()
    },
    async blockedUntil(account: string, pool: string): Promise<number> {
      const row = await db
        .selectFrom('rate_budget_blocks')
        .select('until_ms')
        .where('account', '=', account)
        .where('pool', '=', pool)
        .executeTakeFirst()
      return row ? Number(row.until_ms) : 0
    },
    async block(account: string, pool: string, untilMs: number) {
      await db
        .insertInto('rate_budget_blocks')
        .values({ account, pool, until_ms: untilMs })
        .onConflict((oc) =>
          oc.columns(['account', 'pool']).doUpdateSet({
            until_ms: sql`case when rate_budget_blocks.until_ms > ${untilMs} then rate_budget_blocks.until_ms else ${untilMs} end`,
          }),
        )
        .execute()
    },
  }
}
