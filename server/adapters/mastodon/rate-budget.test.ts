import { describe, expect, it } from 'vitest'
import { RateBudget } from './rate-budget.js'

function clock() {
  let t = 1_000_000
  const slept: number[] = []
  return {
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms)
      t += ms
    },
    advance: (ms: number) => (t += ms),
    slept,
  }
}

describe('the per-account rate budget', () => {
  it('never lets more than 30 uploads into any 30-minute window', async () => {
    const c = clock()
    const budget = new RateBudget({ ...c, maxWaitMs: Infinity })
    const times: number[] = []
    for (let i = 0; i < 60; i++) {
      await budget.take('a', ['media'])
      times.push(c.now())
    }
    for (const start of times) {
      expect(times.filter((t) => t >= start && t < start + 30 * 60_000).length).toBeLessThanOrEqual(
        30,
      )
    }
  })

  it('waits briefly, and beyond that throws rate_limited with the wait', async () => {
    const c = clock()
    const patient = new RateBudget({ ...c, maxWaitMs: 2_000 })
    const hasty = new RateBudget({ ...c, maxWaitMs: 1_000 })
    for (let i = 0; i < 150; i++) {
      await patient.take('a', ['api'])
      await hasty.take('a', ['api'])
    }
    // One api token refills every 2 s (150 per 5 minutes).
    await expect(hasty.take('a', ['api'])).rejects.toMatchObject({
      kind: 'transient',
      code: 'rate_limited',
      retryAfterMs: 2_000,
    })
    await patient.take('a', ['api'])
    expect(c.slept).toEqual([2_000])
    // Another account has its own budget.
    await hasty.take('b', ['api'])
  })

  it('holds back what Mastodon says is spent until it resets', async () => {
    const c = clock()
    const budget = new RateBudget({ ...c, maxWaitMs: 2_000 })
    budget.block('a', 'media', c.now() + 60_000)
    await expect(budget.take('a', ['api', 'media'])).rejects.toMatchObject({ retryAfterMs: 60_000 })
    // Spent uploads do not hold back other calls.
    await budget.take('a', ['api'])
    c.advance(60_000)
    await budget.take('a', ['api', 'media'])
  })
})
