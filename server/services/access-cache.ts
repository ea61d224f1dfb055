import crypto from 'node:crypto'
import type { Store } from '../repos/index.js'
import type { AccessService, LibraryAccess } from './access.js'
import type { AuthService, CurrentUser } from './auth-service.js'
import { generationCache } from './generation-cache.js'

// Bounds what no trigger announces: a session that runs out, and the hourly touch that
// slides its expiry forward (auth-service), which happens on a miss.
const TTL_MS = 60_000
const MAX_ENTRIES = 10_000

/** One request's view of who is signed in and where they are a member. */
export interface AccessView {
  currentUser(token: string | undefined): Promise<CurrentUser | undefined>
  membership(userId: string, libraryId: string): Promise<LibraryAccess>
}

/**
 * Sessions and memberships kept in the process, so that a signed-in request reads one
 * counter instead of its session and membership rows. The counter is read for each request
 * after it arrived, before anything is looked up: a sign-out, a password reset, a role change
 * or a removal in any process bumps it in the same transaction, and the next request
 * everywhere finds its entries stale.
 *
 * Requests that arrive in the same turn of the event loop share one read, sent once the
 * turn's arrivals have been handled (setImmediate): it still starts after each of them
 * arrived, so it sees every change committed before any of them was sent, and under load
 * the counter costs one round trip and pooled connection per turn instead of per request.
 */
export function accessCache({
  store,
  auth,
  access,
}: {
  store: Store
  auth: Pick<AuthService, 'currentUser'>
  access: AccessService
}) {
  const users = generationCache<CurrentUser>({ ttlMs: TTL_MS, maxEntries: MAX_ENTRIES })
  const members = generationCache<LibraryAccess>({ ttlMs: TTL_MS, maxEntries: MAX_ENTRIES })
  let turn: Promise<number> | undefined
  const thisTurn = () =>
    (turn ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      // Whoever asks from here on arrived after the read below was sent: a read of its own.
      turn = undefined
      return store.repos.cacheGeneration.current()
    }))
  return {
    view(): AccessView {
      let generation: Promise<number> | undefined
      const current = () => (generation ??= thisTurn())
      return {
        async currentUser(token) {
          if (!token || token.length > 100) return undefined
          // Keyed by a digest, so the cookie values themselves are not kept in memory.
          const key = crypto.hash('sha256', token, 'base64')
          return users.get(key, await current(), () => auth.currentUser(token))
        },
        async membership(userId, libraryId) {
          const key = `${userId} ${libraryId}`
          const found = await members.get(key, await current(), () =>
            access.membership(userId, libraryId),
          )
          return found!
        },
      }
    },
  }
}
export type AccessCache = ReturnType<typeof accessCache>
