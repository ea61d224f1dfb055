import { RetryLaterError } from '../../core/errors.js'
import type { Store } from '../repos/index.js'

/**
 * Growing waits instead of a lock. A lock after five failures let anyone who knew a
 * colleague's address keep them out of Torget; a wait slows a guesser down as much while a
 * person who knows their password gets in. Attempts are counted against three keys:
 *
 * - `pair`: one account from one client address. A person mistyping, or one machine guessing.
 * - `client`: one address, any account. One machine trying many accounts; generous, since a
 *   library's staff often share one address.
 * - `account`: one account from every address. It slows only clients that have already failed
 *   on this account: a guesser with many addresses gets one try from each, while the account's
 *   owner, arriving from an address that has not failed here, is let through at once.
 */
export const SIGN_IN_LIMITS = {
  freeFailures: { pair: 3, account: 10, client: 20 },
  firstDelaySeconds: 2,
  maxDelaySeconds: 15 * 60,
  /** A key left alone this long starts from zero again. */
  forgetAfterMs: 60 * 60 * 1000,
} as const

type Kind = keyof typeof SIGN_IN_LIMITS.freeFailures

/** After `free` failures, each further attempt waits 2, 4, 8 … seconds, up to 15 minutes. */
export function delaySeconds(failures: number, free: number): number {
  if (failures < free) return 0
  return Math.min(
    SIGN_IN_LIMITS.firstDelaySeconds * 2 ** (failures - free),
    SIGN_IN_LIMITS.maxDelaySeconds,
  )
}

export interface SignInAttempt {
  keys: { kind: Kind; key: string }[]
}

export function signInThrottle(store: Store, now: () => Date = () => new Date()) {
  const iso = (ms: number) => new Date(ms).toISOString()

  /** Changes each key's count by `by`, the wait following the new count; in one transaction. */
  async function adjust(keys: SignInAttempt['keys'], by: number) {
    if (keys.length === 0) return
    const at = now().getTime()
    await store.transaction(async (repos) => {
      const rows = await repos.signInThrottles.lock(
        keys.map((k) => k.key),
        iso(at),
      )
      for (const { kind, key } of keys) {
        const row = rows.find((r) => r.key === key)!
        const failures = Math.max(0, row.failures + by)
        await repos.signInThrottles.set(key, {
          failures,
          blockedUntil: iso(
            Date.parse(row.last_at) +
              delaySeconds(failures, SIGN_IN_LIMITS.freeFailures[kind]) * 1000,
          ),
          lastAt: row.last_at,
        })
      }
    })
  }

  return {
    /**
     * Counts the attempt as failed before the password is checked, so that attempts sent at
     * once are counted one after another, in every process, and all but the allowed ones wait.
     * Throws `too_many_attempts` with the wait when this one must wait; a refused attempt
     * changes nothing.
     */
    async begin(email: string, ip: string | null): Promise<SignInAttempt> {
      const keys: SignInAttempt['keys'] = [
        { kind: 'pair', key: `pair:${email} ${ip ?? '-'}` },
        { kind: 'account', key: `account:${email}` },
      ]
      if (ip) keys.push({ kind: 'client', key: `client:${ip}` })
      const at = now().getTime()
      await store.transaction(async (repos) => {
        const rows = await repos.signInThrottles.lock(
          keys.map((k) => k.key),
          iso(at),
        )
        const state = keys.map(({ kind, key }) => {
          const row = rows.find((r) => r.key === key)!
          const forgotten = at - Date.parse(row.last_at) > SIGN_IN_LIMITS.forgetAfterMs
          return {
            kind,
            key,
            failures: forgotten ? 0 : row.failures,
            blockedUntil: forgotten ? 0 : Date.parse(row.blocked_until),
          }
        })
        const pairFailures = state.find((s) => s.kind === 'pair')!.failures
        const until = Math.max(
          ...state
            .filter((s) => s.kind !== 'account' || pairFailures > 0)
            .map((s) => s.blockedUntil),
        )
        if (until > at) throw new RetryLaterError('too_many_attempts', (until - at) / 1000)
        for (const s of state) {
          const failures = s.failures + 1
          await repos.signInThrottles.set(s.key, {
            failures,
            blockedUntil: iso(
              at + delaySeconds(failures, SIGN_IN_LIMITS.freeFailures[s.kind]) * 1000,
            ),
            lastAt: iso(at),
          })
        }
      })
      return { keys }
    },

    /**
     * The right password: the account and this client start from zero on it. The client's
     * count only takes this attempt back, or one good account would clear the way to guess at
     * every other.
     */
    async succeeded(attempt: SignInAttempt): Promise<void> {
      await store.repos.signInThrottles.delete(
        attempt.keys.filter((k) => k.kind !== 'client').map((k) => k.key),
      )
      await adjust(
        attempt.keys.filter((k) => k.kind === 'client'),
        -1,
      )
    },

    /** The password was never checked (the server was too busy): the attempt is taken back. */
    async abandoned(attempt: SignInAttempt): Promise<void> {
      await adjust(attempt.keys, -1)
    },

    async purge(): Promise<void> {
      await store.repos.signInThrottles.deleteQuietSince(iso(now().getTime() - 24 * 60 * 60 * 1000))
    },
  }
}
export type SignInThrottle = ReturnType<typeof signInThrottle>
