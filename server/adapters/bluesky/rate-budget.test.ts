import { describe, expect, it } from 'vitest'
import { ChannelError } from '../channels/channel-adapter.js'
import { RateBudget } from './rate-budget.js'

const MINUTE = 60_000

function refusal(action: () => void): ChannelError {
  try {
    action()
  } catch (error) {
    if (error instanceof ChannelError) return error
    throw error
  }
  throw new Error('expected the budget to refuse')
}

describe('the per-account Bluesky rate budget', () => {
  it('allows 27 sign-ins per 5 minutes and says when the next one may go', () => {
    let now = 1_000_000
    const budget = new RateBudget(() => now)
    for (let i = 0; i < 27; i++) {
      budget.spend('bibliotek.test', 'login')
      now += 1_000
    }
    const error = refusal(() => budget.spend('bibliotek.test', 'login'))
    expect(error).toMatchObject({ kind: 'transient', code: 'rate_limited' })
    // The first sign-in was 27 s ago; it leaves the window in 5 min − 27 s.
    expect(error.retryAfterMs).toBe(5 * MINUTE - 27_000)
    budget.spend('anna.test', 'login') // other accounts have their own budget
    now += error.retryAfterMs! + 1
    budget.spend('bibliotek.test', 'login')
  })

  it('counts a post as 3 points and a deletion as 1 of 4,500 an hour', () => {
    let now = 0
    const budget = new RateBudget(() => now)
    for (let i = 0; i < 1_500; i++) budget.spend('did:plc:a', 'create')
    expect(refusal(() => budget.spend('did:plc:a', 'create')).code).toBe('rate_limited')
    expect(refusal(() => budget.spend('did:plc:a', 'delete')).code).toBe('rate_limited')
    now += 60 * MINUTE + 1
    budget.spend('did:plc:a', 'create')
    budget.spend('did:plc:a', 'delete')
  })

  it('sends nothing until a 429 from Bluesky has reset', () => {
    let now = 0
    const budget = new RateBudget(() => now)
    budget.blockUntil('did:plc:a', 'create', 30_000)
    expect(refusal(() => budget.spend('did:plc:a', 'delete')).retryAfterMs).toBe(30_000)
    budget.spend('did:plc:a', 'login') // sign-ins are a separate limit
    now = 30_000
    budget.spend('did:plc:a', 'create')
  })
})
