/**
 * When a publication that failed transiently (or with an unknown outcome) is
 * tried again.
 *
 * Most outages are short: a PDS restarting, a proxy answering 503 for a few
 * minutes, a rate limit. While a publication has failed for less than
 * `SHORT_OUTAGE_MS`, it is tried at least every 30 s, so the first attempt
 * after the network answers again comes within half a minute; the first
 * success then brings the channel's other waiting publications forward
 * (`publications.bringForward`). A network that stays away longer is asked
 * less often: the delay grows with how long it has been away (a quarter of
 * it, at most 30 minutes), so a long outage costs at most a quarter of its
 * length in recovery and the network is not hammered while it is down.
 */

/** Failing for less than this counts as a short outage. */
export const SHORT_OUTAGE_MS = 10 * 60_000
/** Longest delay during a short outage. */
export const SHORT_OUTAGE_DELAY_MS = 30_000
/** Longest delay of all. */
export const LONGEST_DELAY_MS = 30 * 60_000
/** Transient failures are retried for this long; then the publication fails and a person is told. */
export const RETRY_BUDGET_MS = 6 * 60 * 60_000
/** How many waiting publications of a channel one success brings forward; their successes bring the next. */
export const BRING_FORWARD_LIMIT = 25

export function retryDelayMs(input: {
  /** The attempt that failed, 1 for the first. */
  attempt: number
  /** How long the publication has been failing, 0 on its first failure. */
  failingForMs: number
  /** What the network (or the adapter's rate budget) asked for: kept, never cut short. */
  retryAfterMs?: number
  /** The first delay; doubles per attempt up to the short-outage cap. Tests shorten it. */
  baseMs?: number
  random?: () => number
}): number {
  const random = input.random ?? Math.random
  // As asked, not later: these are not brought forward. A little spread, so that what was
  // refused together is not sent together; at least a second, so "0" cannot make a busy loop.
  if (input.retryAfterMs !== undefined && Number.isFinite(input.retryAfterMs))
    return Math.max(1_000, input.retryAfterMs) * (1 + random() * 0.1)
  const base = input.baseMs ?? SHORT_OUTAGE_DELAY_MS
  const backoff =
    input.failingForMs < SHORT_OUTAGE_MS
      ? Math.min(base * 2 ** Math.max(0, input.attempt - 1), SHORT_OUTAGE_DELAY_MS)
      : Math.min(Math.max(SHORT_OUTAGE_DELAY_MS, input.failingForMs / 4), LONGEST_DELAY_MS)
  // Half fixed, half random: publications that failed together do not all come back together.
  return backoff / 2 + random() * (backoff / 2)
}
