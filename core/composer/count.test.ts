import { describe, expect, it } from 'vitest'
import { countGraphemes, countText } from './count.js'
import { BLUESKY_LIMITS, MASTODON_DEFAULT_LIMITS, THREADS_LIMITS } from './limits.js'

describe('counting text as each network does', () => {
  it('counts emoji sequences as one character each (ZWJ families, skin tones, flags)', () => {
    expect(countGraphemes('👨‍👩‍👧‍👦')).toBe(1)
    expect(countGraphemes('👍🏽')).toBe(1)
    expect(countGraphemes('🇸🇪')).toBe(1)
    expect(countGraphemes('Läs 📚!')).toBe(6)
    expect(countGraphemes('e\u0301')).toBe(1)
  })

  it('holds Bluesky to 300 graphemes and 3,000 bytes', () => {
    expect(countText('å'.repeat(300), BLUESKY_LIMITS)).toMatchObject({
      used: 300,
      remaining: 0,
      fits: true,
      bytes: 600,
    })
    expect(countText('å'.repeat(301), BLUESKY_LIMITS).fits).toBe(false)
    // 300 family emoji are 300 graphemes but 7,500 bytes: over the byte limit.
    const families = countText('👨‍👩‍👧‍👦'.repeat(300), BLUESKY_LIMITS)
    expect(families).toMatchObject({ used: 300, fits: false })
    expect(families.bytes).toBeGreaterThan(3000)
  })

  it('counts every Mastodon link as the instance says, and remote mentions by user name only', () => {
    const text =
      'Nytt på biblioteket: https://bibliotek.example.se/evenemang/sommarlov-2026?utm=x hälsningar @anna@mastodon.nu'
    const counted = countText(text, MASTODON_DEFAULT_LIMITS)
    const expected =
      countGraphemes('Nytt på biblioteket: ') + 23 + countGraphemes(' hälsningar @anna')
    expect(counted.used).toBe(expected)
    expect(
      countText('https://a.se', { ...MASTODON_DEFAULT_LIMITS, charactersReservedPerUrl: 30 }).used,
    ).toBe(30)
    expect(counted.bytes).toBeUndefined()
  })

  it('counts Threads text as Meta documents it: 500 characters, each emoji as its UTF-8 bytes', () => {
    // Letters, å and ä included, are one character each, however many bytes they take.
    expect(countText('å'.repeat(500), THREADS_LIMITS)).toMatchObject({ used: 500, fits: true })
    expect(countText('å'.repeat(501), THREADS_LIMITS).fits).toBe(false)
    // 📚 is 4 bytes, 👍🏽 8, the Swedish flag 8, a ZWJ family 25, ❤️ (with VS16) 6.
    expect(countText('Läs 📚!', THREADS_LIMITS).used).toBe(5 + 4)
    expect(countText('👍🏽🇸🇪', THREADS_LIMITS).used).toBe(16)
    expect(countText('👨‍👩‍👧‍👦', THREADS_LIMITS).used).toBe(25)
    expect(countText('❤️', THREADS_LIMITS).used).toBe(6)
    // 125 books are 500: they fit; one more letter does not.
    expect(countText('📚'.repeat(125), THREADS_LIMITS).fits).toBe(true)
    expect(countText(`${'📚'.repeat(125)}a`, THREADS_LIMITS).fits).toBe(false)
    // Digits and # are not emoji on their own.
    expect(countText('#1 © 2026', THREADS_LIMITS).used).toBe(9)
  })
})
