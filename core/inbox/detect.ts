import { findIdentityNumbers } from '../guidelines/personal-data-scan.js'
import { TextFacts } from '../guidelines/text-facts.js'

/*
 * What the inbox asks of an item's text. Every predicate reuses the scanners
 * the guideline checks run on the library's own posts, so a link, an address
 * or a personnummer is the same thing in the composer and in the inbox.
 */

/** A text, or its facts when several predicates look at the same text. */
export type TextInput = string | TextFacts

function factsOf(input: TextInput): TextFacts {
  return typeof input === 'string' ? new TextFacts(input) : input
}

/** Words that ask by themselves: "Hur länge …", "When do …". */
const INTERROGATIVES = new Set([
  'hur',
  'när',
  'var',
  'vart',
  'varifrån',
  'vad',
  'varför',
  'vem',
  'vems',
  'vilken',
  'vilket',
  'vilka',
  'how',
  'when',
  'where',
  'what',
  'why',
  'who',
  'whom',
  'whose',
  'which',
])

/**
 * Verbs that open a yes/no question when a subject follows ("Har ni …",
 * "Kan jag …", "Is the …"); without one they open a statement ("Kommer
 * gärna!", "Har lånat den"). "Finns", "gäller" and "stämmer" need none.
 */
const QUESTION_VERBS = new Set([
  'kan',
  'kunde',
  'får',
  'har',
  'är',
  'ska',
  'skulle',
  'går',
  'kommer',
  'brukar',
  'vet',
  'can',
  'could',
  'may',
  'is',
  'are',
  'was',
  'were',
  'do',
  'does',
  'did',
  'will',
  'would',
  'should',
  'have',
  'has',
])
const SUBJECTLESS_VERBS = new Set(['finns', 'gäller', 'stämmer'])
const SUBJECTS = new Set([
  'ni',
  'du',
  'man',
  'det',
  'den',
  'de',
  'dom',
  'jag',
  'vi',
  'han',
  'hon',
  'någon',
  'något',
  'några',
  'biblioteket',
  'bibblan',
  'you',
  'we',
  'i',
  'they',
  'it',
  'there',
  'he',
  'she',
  'anyone',
  'someone',
  'the',
  'this',
  'that',
])

// "Vad kul!", "What a day": exclamations that open with a question word.
const EXCLAIMING_NEXT = new Set([
  'kul',
  'bra',
  'roligt',
  'fint',
  'fin',
  'härligt',
  'synd',
  'skönt',
  'trevligt',
  'gött',
  'snällt',
  'snyggt',
  'spännande',
  'mysigt',
  'vackert',
  'fantastiskt',
  'underbart',
  'tråkigt',
  'tråkig',
  'härlig',
  'a',
  'an',
])

/**
 * Whether the text asks something: a question mark outside links, or a
 * sentence that opens with a question word ("hur", "when") or with a verb
 * and its subject ("har ni", "finns det", "is the") and does not end in an
 * exclamation mark.
 */
export function hasQuestion(input: TextInput): boolean {
  const facts = factsOf(input)
  const text = facts.text
  const links = facts.links
  const skipped = [...links.urls, ...links.emails]
  for (let at = text.indexOf('?'); at >= 0; at = text.indexOf('?', at + 1)) {
    if (!skipped.some((r) => r.start <= at && at < r.end)) return true
  }
  for (const sentence of facts.sentences) {
    const [first, second] = sentence.words
    // A question asks something of someone: one word alone ("Kan.") is not one.
    if (!first || !second) continue
    if (text.slice(sentence.start, sentence.end).endsWith('!')) continue
    if (opensQuestion(first.lower, second.lower)) return true
  }
  return false
}

function opensQuestion(first: string, second: string): boolean {
  if (INTERROGATIVES.has(first)) {
    return !((first === 'vad' || first === 'what') && EXCLAIMING_NEXT.has(second))
  }
  if (SUBJECTLESS_VERBS.has(first)) return true
  return QUESTION_VERBS.has(first) && SUBJECTS.has(second)
}

// Left over once emojis are taken out: joiners, selectors, skin tones and space.
const EMOJI_GLUE = /^(?:\s|\u200d|\ufe0e|\ufe0f|\u20e3|[\u{1f3fb}-\u{1f3ff}])*$/u

/** Nothing but emojis (at least one) and whitespace: "😍😍", "👍🏽". */
export function onlyEmoji(input: TextInput): boolean {
  const { text, emojis } = factsOf(input)
  if (emojis.length === 0) return false
  let rest = ''
  let from = 0
  for (const e of emojis) {
    rest += text.slice(from, e.start)
    from = e.end
  }
  rest += text.slice(from)
  return EMOJI_GLUE.test(rest)
}

const PUNCTUATION_ONLY = /^[\s\p{P}]*$/u

/** Nothing but mentions (at least one), whitespace and punctuation: "@anna @bertil". */
export function onlyMentions(input: TextInput): boolean {
  const { text, links } = factsOf(input)
  const { mentions } = links
  if (mentions.length === 0) return false
  let rest = ''
  let from = 0
  for (const m of mentions) {
    rest += text.slice(from, m.start)
    from = m.end
  }
  rest += text.slice(from)
  return PUNCTUATION_ONLY.test(rest)
}

/** A web address, with or without https:// ("bibliotek.se/evenemang"). */
export function containsLink(input: TextInput): boolean {
  return factsOf(input).links.urls.length > 0
}

export function containsEmail(input: TextInput): boolean {
  return factsOf(input).links.emails.length > 0
}

/**
 * A personnummer or samordningsnummer, with or without century and
 * separator, its date real and its check digit right. Phone numbers after
 * "ring", "sms", "tel" and numbers after "ISBN", "order" … are not.
 */
export function containsPersonnummer(input: TextInput): boolean {
  return findIdentityNumbers(typeof input === 'string' ? input : input.text).length > 0
}

/**
 * The text with every digit of a personnummer or samordningsnummer replaced
 * by "•", separators kept: lists show that there is one without showing it.
 * The length is unchanged, so ranges found in the original still fit.
 */
export function maskPersonalNumbers(text: string): string {
  const found = findIdentityNumbers(text)
  if (found.length === 0) return text
  let out = ''
  let from = 0
  for (const { start, end } of found) {
    out += text.slice(from, start) + text.slice(start, end).replace(/\d/g, '•')
    from = end
  }
  return out + text.slice(from)
}
