import { describe, expect, it } from 'vitest'
import { ChannelError } from '../channels/channel-adapter.js'
import { memoryRateBudget } from '../channels/rate-budget.js'
import { spend, blockUntil } from './rate-budget.js'

const MINUTE = 60_000

async function refusal(action: () => Promise<void>): Promise<ChannelError> {
  try {
    await action()
  } catch (error) {
    if (error instanceof ChannelError) return error
    throw error
  }
  throw new Error('expected the budget to refuse')
}

describe('the per-account Bluesky rate budget', () => {
  it('allows 27 sign-ins per 5 minutes and says when the next one may go', async () => {
    let now = 1_000_000
    const budget = memoryRateBudget(() => now)
    for (let i = 0; i < 27; i++) {
      await spend(budget, 'bibliotek.test', 'login')
      now += 1_000
    }
    const error = await refusal(() => spend(budget, 'bibliotek.test', 'login'))
    expect(error).toMatchObject({ kind: 'transient', code: 'rate_limited' })
    expect(error.message).toMatch(/Bluesky limits sign-ins/)
    // The first sign-in was 27 s ago; it leaves the window in 5 min − 27 s.
    expect(error.retryAfterMs).toBe(5 * MINUTE - 27_000)
    await spend(budget, 'anna.test', 'login') // other accounts have their own budget
    now += error.retryAfterMs! + 1
    await spend(budget, 'bibliotek.test', 'login')
  })

  it('counts a post as 3 points and a deletion as 1 of 4,500 an hour', async () => {
    let now = 0
    const budget = memoryRateBudget(() => now)
    for (let i = 0; i < 1_499; i++) await spend(budget, 'did:plc:a', 'create')
    // 4,497 spent: one deletion fits, a post does not.
    await spend(budget, 'did:plc:a', 'delete')
    expect((await refusal(() => spend(budget, 'did:plc:a', 'create'))).code).toBe('rate_limited')
    await spend(budget, 'did:plc:a', 'delete')
    await spend(budget, 'did:plc:a', 'delete')
    expect((await refusal(() => spend(budget, 'did:plc:a', 'delete'))).code).toBe('rate_limited')
    now += 60 * MINUTE + 1
    await spend(budget, 'did:plc:a', 'create')
  })

  it('keeps reads apart from writes, and stops reading at 300 per 5 minutes', async () => {
    let now = 0
    const budget = memoryRateBudget(() => now)
    for (let i = 0; i < 1_500; i++) await spend(budget, 'did:plc:a', 'create')
    for (let i = 0; i < 300; i++) await spend(budget, 'did:plc:a', 'read')
    const error = await refusal(() => spend(budget, 'did:plc:a', 'read'))
    expect(error.message).toMatch(/Bluesky limits reads/)
    now += 5 * MINUTE + 1
    await spend(budget, 'did:plc:a', 'read')
  })

  it('sends nothing until a 429 from Bluesky has reset', async () => {
    let now = 0
    const budget = memoryRateBudget(() => now)
    await blockUntil(budget, 'did:plc:a', 'create', 30_000)
    expect((await refusal(() => spend(budget, 'did:plc:a', 'delete'))).retryAfterMs).toBe(30_000)
    await spend(budget, 'did:plc:a', 'login') // sign-ins are a separate limit
    now = 30_000
    await spend(budget, 'did:plc:a', 'create')
  })
})
