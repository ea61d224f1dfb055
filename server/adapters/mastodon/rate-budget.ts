import { ChannelError } from '../channels/channel-adapter.js'

/**
 * Mastodon's documented per-account limits (https://docs.joinmastodon.org/api/rate-limits/):
 * every API call 300 per 5 minutes, media uploads 30 per 30 minutes, status deletions
 * 30 per 30 minutes.
 */
export const MASTODON_RATE_LIMITS = {
  api: { limit: 300, periodMs: 5 * 60_000 },
  media: { limit: 30, periodMs: 30 * 60_000 },
  deletion: { limit: 30, periodMs: 30 * 60_000 },
} as const
export type BucketName = keyof typeof MASTODON_RATE_LIMITS

interface Bucket {
  tokens: number
  at: number
}

export interface RateBudgetOptions {
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  /** Waits up to this long for a token; beyond it, throws `rate_limited` for the job to retry. */
  maxWaitMs?: number
}

/**
 * An in-memory token bucket per account and limit, so that normal use never meets a 429.
 *
 * Mastodon counts in fixed windows (Rack::Attack). A bucket that holds `limit / 2`
 * and refills `limit / 2` per period can never spend more than `limit` inside one
 * window, wherever the window starts; the other half also leaves room for the
 * person using the same account in Mastodon's own app.
 */
export class RateBudget {
  private readonly buckets = new Map<string, Bucket>()
  private readonly blockedUntil = new Map<string, number>()
  private readonly now: () => number
  private readonly sleep: (ms: number) => Promise<void>
  private readonly maxWaitMs: number

  constructor(options: RateBudgetOptions = {}) {
    this.now = options.now ?? Date.now
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    this.maxWaitMs = options.maxWaitMs ?? 2_000
  }

  /** Takes one request from each named bucket of the account, waiting briefly if needed. */
  async take(account: string, names: readonly BucketName[]): Promise<void> {
    for (;;) {
      const wait = this.waitFor(account, names)
      if (wait === 0) {
        for (const name of names) this.bucket(account, name).tokens -= 1
        return
      }
      if (wait > this.maxWaitMs) {
        throw new ChannelError(
          'transient',
          'rate_limited',
          "Torget is holding back to stay within Mastodon's rate limit for this account",
          wait,
        )
      }
      await this.sleep(wait)
    }
  }

  /** Mastodon said a limit is spent (429, or X-RateLimit-Remaining: 0) until `until`. */
  block(account: string, name: BucketName, until: number): void {
    const key = `${name} ${account}`
    this.blockedUntil.set(key, Math.max(until, this.blockedUntil.get(key) ?? 0))
  }

  private waitFor(account: string, names: readonly BucketName[]): number {
    const now = this.now()
    let wait = 0
    for (const name of names) {
      wait = Math.max(wait, (this.blockedUntil.get(`${name} ${account}`) ?? 0) - now)
      const { limit, periodMs } = MASTODON_RATE_LIMITS[name]
      const perMs = limit / 2 / periodMs
      const bucket = this.bucket(account, name)
      if (bucket.tokens < 1) wait = Math.max(wait, Math.ceil((1 - bucket.tokens) / perMs))
    }
    return wait
  }

  private bucket(account: string, name: BucketName): Bucket {
    const key = `${name} ${account}`
    const { limit, periodMs } = MASTODON_RATE_LIMITS[name]
    const capacity = limit / 2
    const now = this.now()
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now }
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) * capacity) / periodMs)
    bucket.at = now
    this.buckets.set(key, bucket)
    return bucket
  }
}

/** Mastodon budgets per account; `accountId` may stand for a token while the account is not yet known. */
export function budgetKey(credentials: { instanceUrl: string; accountId: string }): string {
  return `${credentials.instanceUrl} ${credentials.accountId}`
}
