import type { Clock } from '../clock.js'
import type { Db } from '../db/database.js'
import {
  type BudgetPool,
  type SharedRateBudget,
  rateLimited,
} from '../adapters/channels/rate-budget.js'
import { rateBudgetRepo } from '../repos/rate-budget-repo.js'

const SLOT_MS = 60_000

/**
 * The rate budget in the database, shared by every process. A spend first adds
 * its points to the current minute's row (which takes that row's lock, so
 * spenders queue on SQLite and PostgreSQL alike), then reads the windows; over
 * the limit, the transaction rolls back and the caller is told when to retry.
 * Counting by the minute makes a window up to a minute longer than the
 * network's, which only errs on the side of waiting.
 */
export function databaseRateBudget(db: Db, clock: Clock): SharedRateBudget {
  class OverBudget extends Error {
    constructor(readonly waitMs: number) {
      super('over budget')
    }
  }
  return {
    async spend(account, pool, points) {
      const key = `${pool.network}:${pool.name}`
      const now = clock.now().getTime()
      const blocked = await rateBudgetRepo(db).blockedUntil(account, key)
      if (blocked > now) throw rateLimited(pool, blocked - now)
      const slot = now - (now % SLOT_MS)
      const longest = Math.max(...pool.windows.map((w) => w.ms))
      try {
        await db.transaction().execute(async (trx) => {
          const repo = rateBudgetRepo(trx)
          await repo.add(account, key, slot, points)
          const slots = await repo.slotsSince(account, key, now - longest - SLOT_MS)
          const wait = waitFor(pool, slots, now)
          if (wait > 0) throw new OverBudget(wait)
          if (slots[0] && slots[0].slot <= now - longest - SLOT_MS / 2)
            await repo.forget(account, key, now - longest - SLOT_MS)
        })
      } catch (error) {
        if (error instanceof OverBudget) throw rateLimited(pool, error.waitMs)
        throw error
      }
    },
    async blockUntil(account, pool, untilMs) {
      await rateBudgetRepo(db).block(account, `${pool.network}:${pool.name}`, untilMs)
    },
  }
}

/** How long until every window of the pool is back within its points; 0 when it is now. */
function waitFor(pool: BudgetPool, slots: { slot: number; points: number }[], now: number): number {
  let wait = 0
  for (const window of pool.windows) {
    const inWindow = slots.filter((s) => s.slot + SLOT_MS > now - window.ms)
    let used = inWindow.reduce((sum, s) => sum + s.points, 0)
    if (used <= window.points) continue
    let until = now + window.ms
    for (const s of inWindow) {
      used -= s.points
      if (used <= window.points) {
        until = s.slot + SLOT_MS + window.ms
        break
      }
    }
    wait = Math.max(wait, until - now)
  }
  return wait
}
