import { describe, expect, it } from 'vitest'
import type { Store } from '../repos/index.js'
import { accessCache } from './access-cache.js'
import type { AccessService } from './access.js'
import type { CurrentUser } from './auth-service.js'

// The cache-generation counter as the database holds it, and how often it was read.
function counter() {
  const state = { value: 1, reads: 0 }
  const store = {
    repos: {
      cacheGeneration: {
        current: async () => {
          state.reads++
          return state.value
        },
      },
    },
  } as unknown as Store
  return { state, store }
}

function cacheOver(store: Store) {
  const loads = { users: 0 }
  const cache = accessCache({
    store,
    auth: {
      currentUser: async () => {
        loads.users++
        return { id: 'u1' } as CurrentUser
      },
    },
    access: { membership: async () => undefined } as unknown as AccessService,
  })
  return { cache, loads }
}

describe('access cache: the generation counter', () => {
  it('is read once for the requests that arrive in the same turn', async () => {
    const { state, store } = counter()
    const { cache } = cacheOver(store)
    await Promise.all(Array.from({ length: 5 }, () => cache.view().currentUser('token')))
    expect(state.reads).toBe(1)
  })

  it('is read again for a request that arrives after the read was sent', async () => {
    const { state, store } = counter()
    const { cache, loads } = cacheOver(store)
    await cache.view().currentUser('token')
    // A sign-out elsewhere bumps the counter: the next request must not use the old entry.
    state.value = 2
    await cache.view().currentUser('token')
    expect(state.reads).toBe(2)
    expect(loads.users).toBe(2)
  })

  it('is not shared with a request that arrives while a read is under way', async () => {
    const { state, store } = counter()
    const { cache, loads } = cacheOver(store)
    const first = cache.view().currentUser('token')
    // The first read has been sent once the turn ends; then the counter moves on.
    await new Promise((resolve) => setImmediate(resolve))
    state.value = 2
    const second = cache.view().currentUser('token')
    await Promise.all([first, second])
    expect(state.reads).toBe(2)
    expect(loads.users).toBe(2)
  })
})
