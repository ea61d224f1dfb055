import { describe, expect, it } from 'vitest'
import { INSTAGRAM_LIMITS, THREADS_LIMITS } from './limits.js'
import { countHashtags, countMentions, fitProblems } from './post-fit.js'

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
})
