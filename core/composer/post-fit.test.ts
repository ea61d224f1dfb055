import { describe, expect, it } from 'vitest'
import { INSTAGRAM_LIMITS, THREADS_LIMITS } from './limits.js'
import { countHashtags, countMentions, exceedsDailyLimit, fitProblems } from './post-fit.js'

const square = { width: 1080, height: 1080 }

describe("Instagram's rules in the composer", () => {
  it('counts hashtags and mentions as words, not inside addresses', () => {
    expect(countHashtags('#läslov på #bibliotek, se https://exempel.se/#ankare')).toBe(2)
    expect(countMentions('Hej @stadsbiblioteket och @ex.empel! Skriv till info@bibliotek.se')).toBe(
      2,
    )
  })

  it('allows 30 hashtags and refuses the 31st', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#t${i}`).join(' ')
    expect(fitProblems(tags(30), [square], INSTAGRAM_LIMITS)).toEqual([])
    expect(fitProblems(tags(31), [square], INSTAGRAM_LIMITS)).toEqual([
      { code: 'too_many_hashtags', used: 31, limit: 30 },
    ])
  })

  it('needs an image, and an image between 4:5 and 1.91:1', () => {
    expect(fitProblems('Text', [], INSTAGRAM_LIMITS)).toEqual([
      { code: 'image_required', limit: 1 },
    ])
    expect(fitProblems('Text', [{ width: 1080, height: 1350 }], INSTAGRAM_LIMITS)).toEqual([])
    expect(fitProblems('Text', [{ width: 1910, height: 1000 }], INSTAGRAM_LIMITS)).toEqual([])
    expect(fitProblems('Text', [square, { width: 1000, height: 1300 }], INSTAGRAM_LIMITS)).toEqual([
      { code: 'aspect_ratio', position: 2, min: 0.8, max: 1.91 },
    ])
  })

  it('lets Threads post text alone, up to 500 characters', () => {
    expect(fitProblems('x'.repeat(500), [], THREADS_LIMITS)).toEqual([])
    expect(fitProblems('x'.repeat(501), [], THREADS_LIMITS)).toEqual([{ code: 'text_too_long' }])
  })

  it("refuses the 26th post in any 24 hours, Instagram's rolling limit", () => {
    const at = new Date('2026-12-07T12:00:00Z')
    const hours = (h: number) => new Date(at.getTime() + h * 3_600_000)
    const earlier = Array.from({ length: 25 }, (_, i) => hours(-23 + i * 0.5))
    expect(exceedsDailyLimit(earlier, at, 25)).toBe(true)
    expect(exceedsDailyLimit(earlier.slice(1), at, 25)).toBe(false)
    // 25 spread over the day before yesterday's noon and tomorrow: no 24 hours holds 26.
    const apart = [
      ...Array.from({ length: 12 }, (_, i) => hours(-23.5 + i)),
      ...Array.from({ length: 13 }, (_, i) => hours(12 + i * 0.5)),
    ]
    expect(exceedsDailyLimit(apart, at, 25)).toBe(false)
  })
})
