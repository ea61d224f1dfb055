import type { BudgetPool, SharedRateBudget } from '../channels/rate-budget.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * Bluesky's published limits per account, kept to 90 %: people also post from
 * the Bluesky app with the same account, and a 429 is worse than waiting a
 * little here.
 */
export const BLUESKY_POOLS = {
  /** 5,000 write points an hour and 35,000 a day; see WRITE_POINTS. */
  writes: {
    name: 'writes',
    network: 'Bluesky',
    what: 'posts, deletions and other writes',
    windows: [
      { ms: HOUR, points: 4_500 },
      { ms: DAY, points: 31_500 },
    ],
  },
  /** createSession: 30 per 5 minutes and 300 a day. */
  logins: {
    name: 'logins',
    network: 'Bluesky',
    what: 'sign-ins',
    windows: [
      { ms: 5 * MINUTE, points: 27 },
      { ms: DAY, points: 270 },
    ],
  },
  /**
   * Reads of the AppView through the PDS (notifications, threads, posts).
   * Bluesky limits all requests at 3,000 per 5 minutes per IP address, not per
   * account, and one Torget serves many libraries from one address: each
   * account takes at most a tenth of it, which an inbox read every minute
   * (a few requests) never comes near.
   */
  reads: {
    name: 'reads',
    network: 'Bluesky',
    what: 'reads',
    windows: [
      { ms: 5 * MINUTE, points: 300 },
      { ms: HOUR, points: 2_400 },
    ],
  },
  /**
   * The counts Torget collects (profiles, posts), within the reads: at most
   * a quarter of them an hour, so catching up on years of old posts never
   * holds up the inbox or a look-up before publishing.
   */
  metrics: {
    name: 'metrics',
    network: 'Bluesky',
    what: 'reads of counts',
    windows: [
      { ms: 5 * MINUTE, points: 100 },
      { ms: HOUR, points: 600 },
    ],
  },
} as const satisfies Record<string, BudgetPool>

/** Bluesky counts a created record as 3 points, an updated one as 2 and a deletion as 1. */
const WRITE_POINTS = { create: 3, update: 2, delete: 1 } as const

export type BudgetedAction = keyof typeof WRITE_POINTS | 'login' | 'read' | 'metrics'

function costOf(action: BudgetedAction): { pool: BudgetPool; points: number } {
  if (action === 'login') return { pool: BLUESKY_POOLS.logins, points: 1 }
  if (action === 'read') return { pool: BLUESKY_POOLS.reads, points: 1 }
  if (action === 'metrics') return { pool: BLUESKY_POOLS.metrics, points: 1 }
  return { pool: BLUESKY_POOLS.writes, points: WRITE_POINTS[action] }
}

/** Spends an action's points on the account (a DID, or the identifier when signing in). */
export function spend(
  budget: SharedRateBudget,
  account: string,
  action: BudgetedAction,
): Promise<void> {
  const { pool, points } = costOf(action)
  return budget.spend(account, pool, points)
}

/** Remembers Bluesky's own 429 so that nothing more of the pool goes out before it resets. */
export function blockUntil(
  budget: SharedRateBudget,
  account: string,
  action: BudgetedAction,
  untilMs: number,
): Promise<void> {
  return budget.blockUntil(account, costOf(action).pool, untilMs)
}
