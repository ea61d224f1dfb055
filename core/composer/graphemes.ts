const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

// Below U+0300 there are no combining marks, joiners, regional indicators,
// Hangul or prepended marks, so by UAX #29 two such characters in a row are
// always two graphemes, except CR LF. Most of a Swedish post is such
// characters, and Intl.Segmenter costs an object per grapheme: it is kept for
// the stretches around anything else (emoji, accents written as marks, other
// scripts).
const SIMPLE = 0x300
const CR = 13
const LF = 10

/** Whether a grapheme boundary surely lies between positions i - 1 and i. */
function safeBoundary(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1)
  const after = text.charCodeAt(i)
  return before < SIMPLE && after < SIMPLE && !(before === CR && after === LF)
}

/** Where the stretch that needs the segmenter, starting at `start`, ends. */
function stretchEnd(text: string, start: number): number {
  let end = start + 1
  while (end < text.length && !safeBoundary(text, end)) end++
  return end
}

/**
 * Calls `visit(start, end)` for each grapheme of the text in order, exactly
 * as Intl.Segmenter splits it; stops when `visit` returns true.
 */
export function eachGrapheme(
  text: string,
  visit: (start: number, end: number) => boolean | void,
): void {
  const n = text.length
  let i = 0
  while (i < n) {
    const code = text.charCodeAt(i)
    if (code < SIMPLE && (i + 1 === n || text.charCodeAt(i + 1) < SIMPLE)) {
      const end = code === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1
      if (visit(i, end)) return
      i = end
      continue
    }
    const end = stretchEnd(text, i)
    for (const { index, segment } of segmenter.segment(text.slice(i, end))) {
      if (visit(i + index, i + index + segment.length)) return
    }
    i = end
  }
}

/** Graphemes (user-perceived characters) in the text, as Intl.Segmenter counts them. */
export function countGraphemes(text: string): number {
  const n = text.length
  let count = 0
  let i = 0
  while (i < n) {
    const code = text.charCodeAt(i)
    if (code < SIMPLE && (i + 1 === n || text.charCodeAt(i + 1) < SIMPLE)) {
      i += code === CR && text.charCodeAt(i + 1) === LF ? 2 : 1
      count++
      continue
    }
    const end = stretchEnd(text, i)
    for (const _ of segmenter.segment(text.slice(i, end))) count++
    i = end
  }
  return count
}

/** UTF-8 bytes of the text, a lone surrogate counted as TextEncoder writes it (U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}
