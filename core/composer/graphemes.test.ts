import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countGraphemes, eachGrapheme, utf8Length } from './graphemes.js'

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
const reference = (text: string) => [...segmenter.segment(text)].map((s) => s.index)

function starts(text: string): number[] {
  const found: number[] = []
  eachGrapheme(text, (start) => void found.push(start))
  return found
}

// Pieces that sit on both sides of the fast path's boundary, and the sequences UAX #29 joins.
const PIECES = [
  'a',
  'Å',
  'ö',
  ' ',
  '\r',
  '\n',
  '\r\n',
  '©',
  '®',
  '\u00ad',
  'e\u0301',
  '\u0301',
  '\u200d',
  '\ufe0f',
  '👨‍👩‍👧‍👦',
  '👍🏽',
  '🏽',
  '🇸🇪',
  '🇸',
  '©\u200d😀',
  '\u0600',
  '각',
  '\u1100\u1161',
  'क्ष',
  'مكتبة',
  '\ud83d',
  '#',
  '1\ufe0f\u20e3',
]

describe('graphemes without the segmenter where it is not needed', () => {
  it('splits exactly as Intl.Segmenter does', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (pieces) => {
        const text = pieces.join('')
        expect(starts(text)).toEqual(reference(text))
        expect(countGraphemes(text)).toBe(reference(text).length)
      }),
      { numRuns: 2000 },
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(starts(text)).toEqual(reference(text))
        expect(countGraphemes(text)).toBe(reference(text).length)
      }),
      { numRuns: 2000 },
    )
  })

  it('counts UTF-8 bytes as TextEncoder writes them', () => {
    const encoder = new TextEncoder()
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(utf8Length(text)).toBe(encoder.encode(text).length)
      }),
    )
    expect(utf8Length('\ud83d!')).toBe(4)
  })
})
