import { describe, expect, it } from 'vitest'
import { retryDelayMs } from './publication-retry.js'

const MINUTE = 60_000
const lowest = () => 0
const highest = () => 0.999_999

describe('when a publication that failed is tried again', () => {
  it('every 15–30 s while the outage is short, however many attempts failed', () => {
    for (const attempt of [1, 2, 5, 20])
      for (const failingForMs of [0, 2 * MINUTE, 9.9 * MINUTE]) {
        expect(retryDelayMs({ attempt, failingForMs, random: lowest })).toBe(15_000)
        expect(retryDelayMs({ attempt, failingForMs, random: highest })).toBeCloseTo(30_000, -1)
      }
  })

  it('after a quarter of the outage so far once it has lasted ten minutes, at most 30 minutes', () => {
    const delay = (failingForMs: number) =>
      retryDelayMs({ attempt: 30, failingForMs, random: highest })
    expect(delay(10 * MINUTE)).toBeCloseTo(2.5 * MINUTE, -2)
    expect(delay(60 * MINUTE)).toBeCloseTo(15 * MINUTE, -2)
    expect(delay(5 * 60 * MINUTE)).toBeCloseTo(30 * MINUTE, -2)
  })

  it('when the network said when, then and not later, and never sooner than a second', () => {
    const at = (retryAfterMs: number, random: () => number) =>
      retryDelayMs({ attempt: 3, failingForMs: 0, retryAfterMs, random })
    expect(at(5_000, lowest)).toBe(5_000)
    expect(at(5_000, highest)).toBeLessThanOrEqual(5_500)
    expect(at(2 * 60 * MINUTE, lowest)).toBe(2 * 60 * MINUTE)
    expect(at(0, lowest)).toBe(1_000)
  })

  it('doubles from the base the tests shorten, up to the short-outage cap', () => {
    const at = (attempt: number) =>
      retryDelayMs({ attempt, failingForMs: 0, baseMs: 200, random: highest })
    expect([1, 2, 3].map((a) => Math.round(at(a)))).toEqual([200, 400, 800])
  })
})
