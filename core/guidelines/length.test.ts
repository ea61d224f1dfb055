import { describe, expect, it } from 'vitest'
import { BLUESKY_LIMITS } from '../composer/limits.js'
import { check, marked, of } from './testing.js'

describe('length per channel', () => {
  it('blocks a post over Bluesky’s 300 characters and marks what does not fit', () => {
    const text = 'Läs! '.repeat(61) // 305 characters
    const [over] = of(check(text), 'length', 'over')
    expect(over).toMatchObject({ severity: 'block', network: 'bluesky' })
    expect(over!.message).toBe('För lång för Bluesky: 305 av 300 tecken')
    expect(over!.range).toEqual({ start: 300, end: 305 })
    // Mastodon allows 500 characters: nothing to say there.
    expect(of(check(text), 'length').map((f) => f.network)).toEqual(['bluesky'])
  })

  it('counts an emoji family as one character when marking the overflow', () => {
    const text = '👨‍👩‍👧‍👦'.repeat(2) + 'a'.repeat(299)
    const [over] = of(
      check(text, {
        channels: [{ network: 'bluesky', limits: { ...BLUESKY_LIMITS, maxBytes: 100_000 } }],
      }),
      'length',
      'over',
    )
    expect(marked(text, over)).toBe('a')
  })

  it('blocks on Bluesky’s byte limit even when the characters fit', () => {
    const text = '👨‍👩‍👧‍👦'.repeat(130) // 130 characters, 3,250 bytes
    const [over] = of(check(text), 'length', 'over')
    expect(over!.message).toBe('För lång för Bluesky: 3250 av 3000 byte')
    expect(over!.range!.start).toBe(120 * '👨‍👩‍👧‍👦'.length)
  })

  it('counts a Mastodon link as 23 characters, so a long link does not push the post over', () => {
    const url = 'https://exempelbiblioteket.se/evenemang/' + 'x'.repeat(200)
    const text = 'a'.repeat(460) + ' ' + url
    const mastodon = of(check(text), 'length').filter((f) => f.network === 'mastodon')
    expect(mastodon).toHaveLength(1)
    expect(mastodon[0]).toMatchObject({ kind: 'near', severity: 'hint' })
    expect(mastodon[0]!.message).toBe('16 tecken kvar på Mastodon')
  })

  it('hints near the limit and says nothing well below it', () => {
    expect(of(check('a'.repeat(280)), 'length', 'near')[0]!.message).toBe(
      '20 tecken kvar på Bluesky',
    )
    expect(of(check('a'.repeat(200)), 'length')).toEqual([])
  })

  it('speaks English when asked', () => {
    const [over] = of(check('a'.repeat(301), { locale: 'en' }), 'length')
    expect(over!.message).toBe('Too long for Bluesky: 301 of 300 characters')
  })
})
