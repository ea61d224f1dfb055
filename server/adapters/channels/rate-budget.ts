import { ChannelError } from './channel-adapter.js'

export interface BudgetWindow {
  ms: number
  points: number
}

/** One of a network's limits: a name and the windows it is counted in (e.g. an hour and a day). */
export interface BudgetPool {
  name: string
  windows: readonly BudgetWindow[]
  /** How the refusal reads in logs and on the channel, e.g. 'posts and deletions'. */
  what: string
  network: string
}

/**
 * A per-account budget shared by every process of one Torget (web, workers):
 * reading the inbox and publishing draw on the same limits, so neither meets
 * a 429 because of the other. Implemented over the database in production
 * (server/services/rate-budget-store.ts) and in memory for adapter unit tests.
 */
export interface SharedRateBudget {
  /** Spends the points in every window of the pool, or throws a transient `rate_limited` saying when to retry. */
  spend(account: string, pool: BudgetPool, points: number): Promise<void>
  /** Remembers the network's own 429: nothing more from the pool before `untilMs`. */
  blockUntil(account: string, pool: BudgetPool, untilMs: number): Promise<void>
}

export function rateLimited(pool: BudgetPool, retryAfterMs: number): ChannelError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
  return new ChannelError(
    'transient',
    'rate_limited',
    `${pool.network} limits ${pool.what} per account; Torget waits ${seconds} s before trying again`,
    Math.max(1, retryAfterMs),
  )
}

/** The same budget for one process, for tests of an adapter on its own. */
export function memoryRateBudget(now: () => number = Date.now): SharedRateBudget {
  const spent = new Map<string, { at: number; points: number }[]>()
  const blocked = new Map<string, number>()
  return {
    async spend(account, pool, points) {
      const key = `${pool.network}:${pool.name}:${account}`
      const at = now()
      const until = blocked.get(key) ?? 0
      if (until > at) throw rateLimited(pool, until - at)
      const longest = Math.max(...pool.windows.map((w) => w.ms))
      const entries = (spent.get(key) ?? []).filter((e) => e.at > at - longest)
      spent.set(key, entries)
      for (const window of pool.windows) {
        const inWindow = entries.filter((e) => e.at > at - window.ms)
        let used = inWindow.reduce((sum, e) => sum + e.points, 0)
        if (used + points <= window.points) continue
        let waitMs = window.ms
        for (const entry of inWindow) {
          used -= entry.points
          if (used + points <= window.points) {
            waitMs = entry.at + window.ms - at
            break
          }
        }
        throw rateLimited(pool, waitMs)
      }
      entries.push({ at, points })
    },
    async blockUntil(account, pool, untilMs) {
      const key = `${pool.network}:${pool.name}:${account}`
      blocked.set(key, Math.max(untilMs, blocked.get(key) ?? 0))
    },
  }
}
