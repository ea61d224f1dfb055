import { ChannelError } from '../channels/channel-adapter.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export type BudgetedAction = 'create' | 'delete' | 'login'
type Pool = 'writes' | 'logins'

interface Window {
  ms: number
  points: number
}

/**
 * Bluesky's published limits per account: 5,000 write points an hour and
 * 35,000 a day (create 3, delete 1), and 30 logins per 5 minutes and 300 a
 * day. We keep to 90 % of them: people also post from the Bluesky app with
 * the same account, and a 429 is worse than waiting a little here.
 */
const WINDOWS: Record<Pool, Window[]> = {
  writes: [
    { ms: HOUR, points: 4_500 },
    { ms: DAY, points: 31_500 },
  ],
  logins: [
    { ms: 5 * MINUTE, points: 27 },
    { ms: DAY, points: 270 },
  ],
}

const COST: Record<BudgetedAction, { pool: Pool; points: number }> = {
  create: { pool: 'writes', points: 3 },
  delete: { pool: 'writes', points: 1 },
  login: { pool: 'logins', points: 1 },
}

/**
 * An in-memory, per-account budget so that normal use never meets a 429. It
 * is per process: enough for one Torget server, the common case.
 */
export class RateBudget {
  readonly #spent = new Map<string, { at: number; points: number }[]>()
  readonly #blockedUntil = new Map<string, number>()

  constructor(private readonly now: () => number = Date.now) {}

  /** Spends the action's points, or throws a transient `rate_limited` error saying when to retry. */
  spend(account: string, action: BudgetedAction): void {
    const { pool, points } = COST[action]
    const key = `${pool}:${account}`
    const now = this.now()
    const blockedUntil = this.#blockedUntil.get(key) ?? 0
    if (blockedUntil > now) throw rateLimited(action, blockedUntil - now)

    const windows = WINDOWS[pool]
    const longest = Math.max(...windows.map((w) => w.ms))
    const entries = (this.#spent.get(key) ?? []).filter((e) => e.at > now - longest)
    for (const window of windows) {
      const inWindow = entries.filter((e) => e.at > now - window.ms)
      let used = inWindow.reduce((sum, e) => sum + e.points, 0)
      if (used + points <= window.points) continue
      // Wait until enough of the oldest spending in this window has aged out.
      let waitMs = window.ms
      for (const entry of inWindow) {
        used -= entry.points
        if (used + points <= window.points) {
          waitMs = entry.at + window.ms - now
          break
        }
      }
      this.#spent.set(key, entries)
      throw rateLimited(action, Math.max(1, waitMs))
    }
    entries.push({ at: now, points })
    this.#spent.set(key, entries)
  }

  /** Remembers Bluesky's own 429 so that nothing more is sent before its reset time. */
  blockUntil(account: string, action: BudgetedAction, untilMs: number): void {
    const key = `${COST[action].pool}:${account}`
    this.#blockedUntil.set(key, Math.max(untilMs, this.#blockedUntil.get(key) ?? 0))
  }
}

function rateLimited(action: BudgetedAction, retryAfterMs: number): ChannelError {
  const what = action === 'login' ? 'sign-ins' : 'posts and deletions'
  return new ChannelError(
    'transient',
    'rate_limited',
    `Bluesky limits ${what} per account; Torget waits ${Math.ceil(retryAfterMs / 1000)} s before trying again`,
    retryAfterMs,
  )
}
