import bidiFactory, { type EmbeddingLevels } from 'bidi-js'
import type { Face, FontStyle } from './pdf-fonts.js'

/*
 * Lines of text in any script for pdfkit, which draws one font per call and
 * knows nothing of right-to-left: each character gets the first font that
 * has it (a character none has, such as an emoji, is left out), lines are
 * broken here, and each line is put in visual order by the Unicode
 * bidirectional algorithm (bidi-js). Runs are drawn in reading order at
 * their visual places, so a PDF reader copies and searches the text as
 * written. fontkit shapes Arabic and turns a right-to-left run around itself.
 */

const bidi = bidiFactory()

export interface Span {
  text: string
  style: FontStyle
}

export interface Paragraph {
  text: string
  /** The face of each UTF-16 unit of `text`. */
  faces: Face[]
  levels: EmbeddingLevels
}

/** A run of one face and direction: `start` to `end` (exclusive) in `text`, and where it is drawn. */
export interface PlacedRun {
  start: number
  end: number
  face: Face
  rtl: boolean
  x: number
  width: number
  /** What to hand pdfkit: fontkit turns runs of a right-to-left script around itself. */
  draw: string
}

export interface Line {
  runs: PlacedRun[]
  /** Whether the line belongs to a right-to-left paragraph (set to the right edge). */
  rtl: boolean
  width: number
}

export type Measure = (text: string, face: Face) => number

export const RTL_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u
const FIRST_OF_A_SCRIPT = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u
const NEUTRAL = /[\s\p{P}\p{S}\p{M}]/u

/** Chooses a face for every character and resolves the bidi levels. */
export function prepare(spans: Span[], fonts: Record<FontStyle, Face[]>): Paragraph {
  let text = ''
  const faces: Face[] = []
  let previous: Face | undefined
  for (const span of spans) {
    for (const char of span.text.normalize('NFC').replace(/\t/g, ' ')) {
      const cp = char.codePointAt(0)!
      if (char === '\n' || char === ' ') {
        if (char === ' ' && (text.endsWith(' ') || text.endsWith('\n') || text === '')) continue
        const face =
          previous && previous.font.hasGlyphForCodePoint(cp) ? previous : fonts[span.style][0]!
        text += char
        faces.push(face)
        continue
      }
      // Spaces, punctuation and marks stay in the face around them, so a run of one script stays whole.
      const keep = previous && NEUTRAL.test(char) && previous.font.hasGlyphForCodePoint(cp)
      const face = keep ? previous : fonts[span.style].find((f) => f.font.hasGlyphForCodePoint(cp))
      if (!face) continue
      text += char
      for (let i = 0; i < char.length; i++) faces.push(face)
      previous = face
    }
  }
  text = text.trimEnd()
  faces.length = text.length
  const levels = bidi.getEmbeddingLevels(text, 'auto')
  // A space between runs of two directions joins the run it reads with, so the runs' own
  // words keep their spaces when a reader copies the line.
  for (let i = 1; i < text.length - 1; i++) {
    const level = levels.levels[i]
    if (text[i] !== ' ' || level === levels.levels[i - 1] || level !== levels.levels[i + 1])
      continue
    if (faces[i + 1]!.font.hasGlyphForCodePoint(0x20)) faces[i] = faces[i + 1]!
  }
  return { text, faces, levels }
}

/** Breaks a paragraph into lines of at most `width`, at spaces and line breaks. */
export function breakLines(p: Paragraph, width: number, measure: Measure): [number, number][] {
  const lines: [number, number][] = []
  const { text } = p
  let lineStart = 0
  let lineEnd = 0 // past the last word that fits, without its trailing spaces
  let used = 0 // the width up to lineEnd
  let gap = 0 // the spaces after lineEnd
  let at = 0
  while (at < text.length) {
    if (text[at] === '\n') {
      lines.push([lineStart, lineEnd])
      lineStart = lineEnd = at = at + 1
      used = gap = 0
      continue
    }
    let wordEnd = at
    while (wordEnd < text.length && text[wordEnd] !== ' ' && text[wordEnd] !== '\n') wordEnd++
    // Words are measured alone: no script joins letters across a space.
    let word = widthOf(p, at, wordEnd, measure)
    if (lineEnd > lineStart && used + gap + word > width) {
      lines.push([lineStart, lineEnd])
      lineStart = at
      used = gap = 0
    }
    // A word longer than the line (a long address) is cut where it must be.
    while (word > width && wordEnd - lineStart > 1) {
      let cut = lineStart + 1
      while (cut < wordEnd && widthOf(p, lineStart, cut + 1, measure) <= width) cut++
      lines.push([lineStart, cut])
      lineStart = cut
      word = widthOf(p, lineStart, wordEnd, measure)
    }
    used += gap + word
    lineEnd = wordEnd
    at = wordEnd
    while (at < text.length && text[at] === ' ') at++
    gap = at > wordEnd ? widthOf(p, wordEnd, at, measure) : 0
  }
  if (lineEnd > lineStart || lines.length === 0) lines.push([lineStart, lineEnd])
  return lines
}

/** One line in visual order, from the left edge of a box `width` wide. */
export function layoutLine(
  p: Paragraph,
  [start, end]: [number, number],
  width: number,
  measure: Measure,
): Line {
  const paragraph = p.levels.paragraphs.find((q) => q.start <= start && start <= q.end)
  const rtl = ((paragraph?.level ?? 0) & 1) === 1
  if (end <= start) return { runs: [], rtl, width: 0 }
  const order = bidi.getReorderedIndices(p.text, p.levels, start, end - 1).slice(start, end)
  const runs: PlacedRun[] = []
  let first = 0
  for (let i = 1; i <= order.length; i++) {
    const a = order[i - 1]!
    const b = order[i]
    const same =
      b !== undefined &&
      p.faces[b] === p.faces[a] &&
      p.levels.levels[b] === p.levels.levels[a] &&
      Math.abs(b - a) === 1 &&
      (i - 1 === first || b - a === order[i - 1]! - order[i - 2]!)
    if (same) continue
    const ends = [order[first]!, a]
    const runStart = Math.min(...ends)
    const runEnd = Math.max(...ends) + 1
    runs.push(placed(p, runStart, runEnd, measure))
    first = i
  }
  let x = 0
  for (const run of runs) {
    run.x = x
    x += run.width
  }
  const offset = rtl ? width - x : 0
  for (const run of runs) run.x += offset
  return { runs, rtl, width: x }
}

function placed(p: Paragraph, start: number, end: number, measure: Measure): PlacedRun {
  const face = p.faces[start]!
  const rtl = (p.levels.levels[start]! & 1) === 1
  const logical = p.text.slice(start, end)
  const mirrored = rtl
    ? Array.from(logical, (c) => bidi.getMirroredCharacter(c) ?? c).join('')
    : logical
  const script = FIRST_OF_A_SCRIPT.exec(logical)?.[0]
  const turnedByFontkit = script !== undefined && RTL_SCRIPT.test(script)
  const draw = rtl !== turnedByFontkit ? Array.from(mirrored).reverse().join('') : mirrored
  return { start, end, face, rtl, x: 0, width: measure(draw, face), draw }
}

function widthOf(p: Paragraph, start: number, end: number, measure: Measure): number {
  let width = 0
  let from = start
  for (let i = start + 1; i <= end; i++) {
    if (i === end || p.faces[i] !== p.faces[from]) {
      width += measure(p.text.slice(from, i), p.faces[from]!)
      from = i
    }
  }
  return width
}
