/**
 * One row per thing sign-in attempts are counted against: an account
 * (`account:<email>`), a client address (`client:<ip>`) or both
 * (`pair:<email> <ip>`). Rows quiet for a day are deleted.
 */
export interface SignInThrottlesTable {
  key: string
  /** Attempts not yet proven right, counted when they start (before the password is checked). */
  failures: number
  /** The next attempt is answered 429 until then. */
  blocked_until: string
  last_at: string
}
