import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { secretBox } from './secret-box.js'

describe('sealing channel credentials', () => {
  const box = secretBox(crypto.randomBytes(32))

  it('round-trips, and never seals the same text the same way twice', () => {
    const a = box.seal('app-password-123', 'channel-1')
    const b = box.seal('app-password-123', 'channel-1')
    expect(a).not.toBe(b)
    expect(a).not.toContain('app-password')
    expect(box.open(a, 'channel-1')).toBe('app-password-123')
  })

  it('refuses a value moved to another row, tampered with, or sealed with another key', () => {
    const sealed = box.seal('hemligt', 'channel-1')
    expect(() => box.open(sealed, 'channel-2')).toThrow()
    const parts = sealed.split('.')
    parts[3] = Buffer.from('x' + Buffer.from(parts[3]!, 'base64url').toString('latin1')).toString(
      'base64url',
    )
    expect(() => box.open(parts.join('.'), 'channel-1')).toThrow()
    expect(() => secretBox(crypto.randomBytes(32)).open(sealed, 'channel-1')).toThrow(/another key/)
  })
})
