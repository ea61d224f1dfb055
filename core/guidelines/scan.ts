import type { TextRange } from './types.js'

// Hand-written scanners for the two patterns run over every keystroke's whole
// text. A regular expression's matchAll allocates a match array and an
// iterator result per word; here only the ranges are made.

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u
const SEPARATOR = /\s/
const LATIN = 0x250
const latinWordChar = new Uint8Array(LATIN)
for (let c = 0; c < LATIN; c++) latinWordChar[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0
const elsewhere = new Map<number, boolean>()

/** Whether the code point at i is a letter, mark or digit; 0 when not, else its length (1 or 2). */
function wordCharAt(text: string, i: number): number {
  const code = text.charCodeAt(i)
  if (code < LATIN) return latinWordChar[code]!
  const point = text.codePointAt(i)!
  let known = elsewhere.get(point)
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCodePoint(point))
    elsewhere.set(point, known)
  }
  return known ? (point > 0xffff ? 2 : 1) : 0
}

function wordRunEnd(text: string, i: number): number {
  while (i < text.length) {
    const step = wordCharAt(text, i)
    if (step === 0) break
    i += step
  }
  return i
}

/**
 * Words as /[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*\/gu finds them:
 * letters, marks and digits, with inner hyphens and apostrophes ("e-bok").
 */
export function scanWords(text: string): TextRange[] {
  const words: TextRange[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    const step = wordCharAt(text, i)
    if (step === 0) {
      i++
      continue
    }
    const start = i
    i = wordRunEnd(text, i + step)
    while (i + 1 < n) {
      const c = text[i]
      if (c !== '-' && c !== "'" && c !== '’') break
      if (wordCharAt(text, i + 1) === 0) break
      i = wordRunEnd(text, i + 1)
    }
    words.push({ start, end: i })
  }
  return words
}

const spaceCache = new Map<number, boolean>()

function isSpace(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true
  if (code < 0xa0) return false
  let known = spaceCache.get(code)
  if (known === undefined) {
    known = SEPARATOR.test(String.fromCharCode(code))
    spaceCache.set(code, known)
  }
  return known
}

/** Runs of non-whitespace, as /\S+/g finds them. */
export function scanChunks(text: string): TextRange[] {
  const chunks: TextRange[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++
    if (i === n) break
    const start = i
    while (i < n && !isSpace(text.charCodeAt(i))) i++
    chunks.push({ start, end: i })
  }
  return chunks
}
