import { describe, expect, it } from 'vitest'
import { recordKeyFor } from './record-key.js'

const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/
const ALPHABET = '234567abcdefghijklmnopqrstuvwxyz'

function tidMicros(key: string): number {
  let value = 0n
  for (const char of key) value = (value << 5n) | BigInt(ALPHABET.indexOf(char))
  return Number(value >> 10n)
}

describe('the record key of a publication', () => {
  it('is the same on every attempt, so the PDS can hold only one post per publication', () => {
    const id = '6f1c2b9e-4a8d-4c1e-9b7a-2f3d4e5a6b7c'
    expect(recordKeyFor(id)).toBe(recordKeyFor(id))
    expect(recordKeyFor(id)).not.toBe(recordKeyFor('6f1c2b9e-4a8d-4c1e-9b7a-2f3d4e5a6b7d'))
  })

  it('is a valid TID dated in the past, for many different publications', () => {
    const keys = new Set<string>()
    for (let i = 0; i < 5_000; i++) {
      const key = recordKeyFor(crypto.randomUUID())
      expect(key).toMatch(TID)
      // A leading digit and no "n": no key is ever refused by the PDS's slur filter.
      expect(key).not.toContain('n')
      const when = new Date(tidMicros(key) / 1000)
      expect(when.getUTCFullYear()).toBeGreaterThanOrEqual(2005)
      expect(when.getTime()).toBeLessThan(Date.UTC(2023, 7))
      keys.add(key)
    }
    expect(keys.size).toBe(5_000)
  })
})
