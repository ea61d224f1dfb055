import { inflectedForms } from './inflection.js'
import type { TextFacts, Token, TokenPlace } from './text-facts.js'
import type { TextRange } from './types.js'

export interface WordListEntry<T> {
  phrase: string
  exact?: boolean
  payload: T
}

export interface WordMatch<T> extends TextRange {
  payload: T
}

interface PhraseEntry<T> {
  words: Set<string>[]
  payload: T
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*/gu
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u
const WHITESPACE_ONLY = /^\s+$/u
const MAX_MATCHES = 200

/**
 * Finds words and phrases from a list typed by people, never by turning
 * their text into a regular expression (no ReDoS, no escaping mistakes).
 * An entry made of words is matched word by word against the text's tokens,
 * each word in any inflected form, with any whitespace between words; an
 * entry with other characters ("f*n", "c++") is matched as literal text.
 */
export class WordMatcher<T> {
  private readonly byFirstWord = new Map<string, PhraseEntry<T>[]>()
  private readonly literals: { needle: string; payload: T }[] = []

  constructor(entries: WordListEntry<T>[]) {
    for (const entry of entries) {
      const phrase = entry.phrase.normalize('NFC').toLowerCase().trim()
      const words = [...phrase.matchAll(WORD)].map((m) => m[0])
      if (words.join(' ') !== phrase.split(/\s+/u).join(' ')) {
        // A single symbol would match everywhere; it cannot be what the library meant.
        if (phrase.length >= 2) this.literals.push({ needle: phrase, payload: entry.payload })
        continue
      }
      const forms = words.map((w) => new Set(entry.exact ? [w] : inflectedForms(w)))
      const compiled = { words: forms, payload: entry.payload }
      for (const form of forms[0]!) {
        const list = this.byFirstWord.get(form)
        if (list) list.push(compiled)
        else this.byFirstWord.set(form, [compiled])
      }
    }
  }

  get isEmpty(): boolean {
    return this.byFirstWord.size === 0 && this.literals.length === 0
  }

  find(facts: TextFacts, places: TokenPlace[]): WordMatch<T>[] {
    if (this.isEmpty) return []
    const tokens = facts.tokens.filter((t) => places.includes(t.place))
    const found: WordMatch<T>[] = []
    for (let i = 0; i < tokens.length && found.length < MAX_MATCHES; i++) {
      const candidates = this.byFirstWord.get(tokens[i]!.lower)
      if (!candidates) continue
      for (const entry of candidates) {
        const end = matchFrom(facts.text, tokens, i, entry.words)
        if (end !== undefined) {
          found.push({ start: tokens[i]!.start, end, payload: entry.payload })
          break
        }
      }
    }
    for (const { needle, payload } of this.literals) {
      const lower = facts.lower
      for (let at = lower.indexOf(needle); at >= 0 && found.length < MAX_MATCHES;) {
        const end = at + needle.length
        if (isWholeWord(lower, at, end)) found.push({ start: at, end, payload })
        at = lower.indexOf(needle, end)
      }
    }
    return found.sort((a, b) => a.start - b.start)
  }
}

function matchFrom(text: string, tokens: Token[], i: number, words: Set<string>[]) {
  for (let w = 1; w < words.length; w++) {
    const previous = tokens[i + w - 1]!
    const token = tokens[i + w]
    if (!token || !words[w]!.has(token.lower)) return undefined
    if (!WHITESPACE_ONLY.test(text.slice(previous.end, token.start))) return undefined
  }
  return tokens[i + words.length - 1]!.end
}

/** A literal that starts or ends with a letter must not start or end inside a word. */
function isWholeWord(text: string, start: number, end: number): boolean {
  const edgeStart = WORD_CHAR.test(text[start]!) && WORD_CHAR.test(text[start - 1] ?? ' ')
  const edgeEnd = WORD_CHAR.test(text[end - 1]!) && WORD_CHAR.test(text[end] ?? ' ')
  return !edgeStart && !edgeEnd
}
