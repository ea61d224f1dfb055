import fc from 'fast-check'
import { expect, it } from 'vitest'
import { scanChunks, scanWords } from './scan.js'
import { HELD_OUT_POSTS, TUNING_POSTS } from './corpus/index.js'
const WORD = /[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*/gu
const ref = (t: string, r: RegExp) =>
  [...t.matchAll(r)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
const pieces = [
  'a',
  'Ö',
  '-',
  "'",
  '’',
  ' ',
  '\u00a0',
  '\u2003',
  '\n',
  '1',
  'é',
  'e\u0301',
  '😀',
  '𝐀',
  '\ud835',
  'Д',
  'مك',
  '图',
  '.',
  '#',
  '@',
  '\u3000',
  '\ufeff',
  '_',
]
it('finds the words and chunks the regular expressions find', () => {
  for (const p of [...TUNING_POSTS, ...HELD_OUT_POSTS]) {
    expect(scanWords(p.text)).toEqual(ref(p.text, WORD))
    expect(scanChunks(p.text)).toEqual(ref(p.text, /\S+/g))
  }
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (a) => {
      const t = a.join('')
      expect(scanWords(t)).toEqual(ref(t, WORD))
      expect(scanChunks(t)).toEqual(ref(t, /\S+/g))
    }),
    { numRuns: 5000 },
  )
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (t) => {
      expect(scanWords(t)).toEqual(ref(t, WORD))
      expect(scanChunks(t)).toEqual(ref(t, /\S+/g))
    }),
    { numRuns: 5000 },
  )
})
