import { findEmojis } from './emoji.js'
import { findLinks, type Links } from './links.js'
import { scanWords } from './scan.js'
import type { TextRange } from './types.js'

export type TokenPlace = 'text' | 'url' | 'email' | 'mention' | 'tag'

export interface Token extends TextRange {
  text: string
  /** Lower case, NFC: what word lists are compared against. */
  lower: string
  place: TokenPlace
  hasLetter: boolean
}

export interface Sentence extends TextRange {
  /** Words with at least one letter, outside links, tags and mentions. */
  words: Token[]
}

const LETTER = /\p{L}/u
const MARK = /\p{M}/u
const LOWER_START = /^\s*\p{Ll}/u
const DIGIT_START = /^\s*\p{N}/u
// Abbreviations whose period does not end a sentence, even before a capital ("t.ex. Astrid").
const ABBREVIATIONS = [
  't.ex',
  'bl.a',
  'kl',
  'ca',
  'dvs',
  'd.v.s',
  'inkl',
  'jfr',
  'nr',
  'tel',
  's.k',
]

/**
 * What the rules need to know about a text, each part worked out once and only
 * when a rule asks. Every part is a single linear pass, so a pasted 100,000
 * characters costs milliseconds, not seconds.
 */
export class TextFacts {
  private cache: {
    links?: Links
    tokens?: Token[]
    words?: Token[]
    sentences?: Sentence[]
    emojis?: TextRange[]
    lower?: string
  } = {}

  constructor(readonly text: string) {}

  get links(): Links {
    return (this.cache.links ??= findLinks(this.text))
  }

  get tokens(): Token[] {
    return (this.cache.tokens ??= tokenize(this.text, this.links))
  }

  /** Words a reader reads as prose: the input to LIX and to tone. */
  get words(): Token[] {
    return (this.cache.words ??= this.tokens.filter((t) => t.place === 'text' && t.hasLetter))
  }

  get sentences(): Sentence[] {
    return (this.cache.sentences ??= splitSentences(this.text, this.tokens, this.links))
  }

  get emojis(): TextRange[] {
    return (this.cache.emojis ??= findEmojis(this.text))
  }

  /** The text in lower case with every offset unchanged. */
  get lower(): string {
    return (this.cache.lower ??= lowerSameLength(this.text))
  }
}

function tokenize(text: string, links: Links): Token[] {
  const spans = placedSpans(links)
  const tokens: Token[] = []
  let s = 0
  // Letters, marks and digits, with inner hyphens and apostrophes: "Harry Potter-böckerna", "e-bok".
  for (const { start, end } of scanWords(text)) {
    while (s < spans.length && spans[s]!.end <= start) s++
    const span = spans[s]
    const place: TokenPlace = span && span.start <= start ? span.place : 'text'
    const word = text.slice(start, end)
    const lower = word.toLowerCase()
    tokens.push({
      start,
      end,
      text: word,
      // Only a word with combining marks (a + ̈ for ä) needs composing to match a word list.
      lower: MARK.test(word) ? lower.normalize('NFC') : lower,
      place,
      hasLetter: LETTER.test(word),
    })
  }
  return tokens
}

function placedSpans(links: Links): (TextRange & { place: TokenPlace })[] {
  return [
    ...links.urls.map((r) => ({ ...r, place: 'url' as const })),
    ...links.emails.map((r) => ({ ...r, place: 'email' as const })),
    ...links.mentions.map((r) => ({ ...r, place: 'mention' as const })),
    ...links.hashtags.map((r) => ({ ...r, place: 'tag' as const })),
  ].sort((a, b) => a.start - b.start)
}

/**
 * Sentences end at ! ? … and at a line break (posts use lines where prose
 * uses periods), and at a period followed by a capital or the end, unless
 * the period closes an abbreviation. Links and addresses are skipped whole.
 */
function splitSentences(text: string, tokens: Token[], links: Links): Sentence[] {
  const skip = [...links.urls, ...links.emails].sort((a, b) => a.start - b.start)
  const ends: number[] = []
  let k = 0
  for (let i = 0; i < text.length; i++) {
    while (k < skip.length && skip[k]!.end <= i) k++
    if (k < skip.length && skip[k]!.start <= i) {
      i = skip[k]!.end - 1
      continue
    }
    const c = text[i]
    if (c === '!' || c === '?' || c === '…' || c === '\n') ends.push(i + 1)
    else if (c === '.' && periodEndsSentence(text, i)) ends.push(i + 1)
  }
  ends.push(text.length)
  const sentences: Sentence[] = []
  let t = 0
  for (const end of ends) {
    const words: Token[] = []
    while (t < tokens.length && tokens[t]!.start < end) {
      const token = tokens[t++]!
      if (token.place === 'text' && token.hasLetter) words.push(token)
    }
    if (words.length > 0) {
      sentences.push({ start: words[0]!.start, end: sentenceEnd(text, words, end), words })
    }
  }
  return sentences
}

function sentenceEnd(text: string, words: Token[], boundary: number): number {
  const last = words[words.length - 1]!.end
  const punct = text.slice(last, boundary).search(/[.!?…]/)
  return punct >= 0 ? last + punct + 1 : last
}

function periodEndsSentence(text: string, i: number): boolean {
  const next = text[i + 1]
  if (next === undefined) return true
  if (next !== ' ' && next !== '\n' && next !== '\t' && next !== '\u00a0') return false
  const after = text.slice(i + 1, i + 12)
  if (LOWER_START.test(after) || DIGIT_START.test(after)) return false
  const before = text.slice(Math.max(0, i - 5), i).toLowerCase()
  return !ABBREVIATIONS.some(
    (a) => before.endsWith(a) && !LETTER.test(before[before.length - a.length - 1] ?? ' '),
  )
}

function lowerSameLength(text: string): string {
  const lower = text.toLowerCase()
  if (lower.length === text.length) return lower
  // A few characters grow when lowered (İ → i̇); keep those as they are so offsets hold.
  let out = ''
  for (const c of text) {
    const l = c.toLowerCase()
    out += l.length === c.length ? l : c
  }
  return out
}

/** The positions not inside any of the ranges; both in text order. */
export function outside(positions: number[], ranges: TextRange[]): number[] {
  const kept: number[] = []
  let r = 0
  for (const at of positions) {
    while (r < ranges.length && ranges[r]!.end <= at) r++
    if (r < ranges.length && ranges[r]!.start <= at) continue
    kept.push(at)
  }
  return kept
}
