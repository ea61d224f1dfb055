import type { BudgetPool } from '../channels/rate-budget.js'

const MINUTE = 60_000

/**
 * Mastodon's documented per-account limits (https://docs.joinmastodon.org/api/rate-limits/):
 * every API call 300 per 5 minutes, media uploads 30 per 30 minutes, status deletions
 * 30 per 30 minutes. Torget spends at most half of each: Mastodon counts in fixed
 * windows, and half in any sliding window can never reach the whole in a fixed one,
 * wherever it starts; the other half is left for the person using the same account
 * in Mastodon's own app.
 */
export const MASTODON_POOLS = {
  api: pool('api', 'API calls', 300, 5 * MINUTE),
  media: pool('media', 'image uploads', 30, 30 * MINUTE),
  deletion: pool('deletion', 'deletions', 30, 30 * MINUTE),
  /**
   * Not Mastodon's: the counts Torget collects take at most a third of its
   * half of the API calls, so catching up on old posts never holds up
   * publishing or the inbox. Spent before `api`.
   */
  metrics: {
    name: 'metrics',
    what: 'reads of counts',
    network: 'Mastodon',
    windows: [{ ms: 5 * MINUTE, points: 50 }],
  },
} as const satisfies Record<string, BudgetPool>
export type PoolName = keyof typeof MASTODON_POOLS

function pool(name: string, what: string, limit: number, ms: number): BudgetPool {
  return { name, what, network: 'Mastodon', windows: [{ ms, points: limit / 2 }] }
}

/** Mastodon budgets per account; `accountId` may stand for a token while the account is not yet known. */
export function budgetKey(credentials: { instanceUrl: string; accountId: string }): string {
  return `${credentials.instanceUrl} ${credentials.accountId}`
}
