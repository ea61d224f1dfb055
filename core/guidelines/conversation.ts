import type { Locale } from '../locale.js'
import { say } from './i18n.js'
import { outside, type TextFacts, type Token } from './text-facts.js'

// Words that ask the reader to say something or take part ("prata, fråga, involvera").
// "tipsa" invites, "tipsar" announces ("Vi tipsar om …"), so forms are exact.
const INVITING_WORDS = new Set([
  'berätta',
  'tipsa',
  'kommentera',
  'kommentarerna',
  'kommentarsfältet',
  'rösta',
  'tyck',
  'föreslå',
  'gissa',
  'tagga',
  'önska',
  'comment',
  'vote',
  'suggest',
])
const INVITING_PHRASES = [
  'vad tycker',
  'tyck till',
  'hör av dig',
  'hör gärna av',
  'dela med dig',
  'dela med er',
  'vill höra',
  'skriv gärna',
  'skriv till oss',
  'svara gärna',
  'var med och',
  'tell us',
  'what do you think',
  'share your',
].map((p) => p.split(' '))
const ANSWERING_PHRASES = [
  ['tack', 'för'],
  ['svar', 'på'],
  ['thanks', 'for'],
]

// Notices about the service (closed, cancelled, opening hours) need no question.
// Matched as word endings, so "lunchstängt" and "sommaröppettider" count too.
const NOTICE_ENDINGS = [
  'stängt',
  'stängd',
  'stänger',
  'stängda',
  'inställt',
  'inställd',
  'inställda',
  'öppet',
  'öppettider',
  'öppettiderna',
  'driftstörning',
  'driftstörningar',
  'avbrott',
  'closed',
  'cancelled',
]

/** A question mark outside links ("?q=" in an address asks nothing). */
export function hasQuestion(facts: TextFacts): boolean {
  const { text } = facts
  const marks: number[] = []
  for (let at = text.indexOf('?'); at >= 0; at = text.indexOf('?', at + 1)) marks.push(at)
  return outside(marks, facts.links.urls).length > 0
}

/** Asks, invites or answers: the opposite of a one-way announcement. */
export function isConversational(facts: TextFacts): boolean {
  if (facts.text.trimStart().startsWith('@')) return true
  if (hasQuestion(facts)) return true
  const words = facts.words
  if (words.some((w) => INVITING_WORDS.has(w.lower))) return true
  return hasPhrase(words, INVITING_PHRASES) || hasPhrase(words, ANSWERING_PHRASES)
}

export function isServiceNotice(facts: TextFacts): boolean {
  return facts.words.some((w) => NOTICE_ENDINGS.some((e) => w.lower.endsWith(e)))
}

// Plain loops: this runs on every keystroke and must not allocate.
function hasPhrase(words: Token[], phrases: string[][]): boolean {
  for (let i = 0; i < words.length; i++) {
    for (const phrase of phrases) {
      let k = 0
      while (k < phrase.length && words[i + k]?.lower === phrase[k]) k++
      if (k === phrase.length) return true
    }
  }
  return false
}

const TOPICS: { stems: string[]; sv: string; en: string }[] = [
  {
    stems: ['bokcirk'],
    sv: 'Vilken bok ska vi läsa härnäst?',
    en: 'Which book should we read next?',
  },
  {
    stems: ['språkcaf', 'språkkaf'],
    sv: 'Vilket språk vill du öva på?',
    en: 'Which language would you like to practise?',
  },
  {
    stems: ['läxhjälp', 'läxor'],
    sv: 'Vilket ämne vill du ha hjälp med?',
    en: 'Which subject would you like help with?',
  },
  {
    stems: ['sommarlov', 'sommarläs', 'sommar'],
    sv: 'Vad vill du läsa i sommar?',
    en: 'What would you like to read this summer?',
  },
  {
    stems: ['bok', 'böck', 'roman', 'deckar', 'läs', 'författar'],
    sv: 'Vilken bok läser du just nu?',
    en: 'What are you reading right now?',
  },
  {
    stems: ['välkommen', 'välkomna', 'evenemang', 'föreläsning', 'workshop', 'verkstad'],
    sv: 'Vad ser du fram emot?',
    en: 'What are you looking forward to?',
  },
]

const SWEDISH = new Set(['och', 'är', 'på', 'att', 'det', 'som', 'för', 'med', 'vi', 'du', 'till'])
const ENGLISH = new Set(['the', 'and', 'is', 'to', 'of', 'you', 'we', 'for', 'with', 'are'])

/** The language the post is written in, which the inserted question must match. */
export function postLanguage(facts: TextFacts, fallback: Locale): Locale {
  let sv = 0
  let en = 0
  for (const w of facts.words) {
    if (SWEDISH.has(w.lower)) sv++
    else if (ENGLISH.has(w.lower)) en++
  }
  return sv === en ? fallback : sv > en ? 'sv' : 'en'
}

/** A question that fits the post's topic, in the post's language. */
export function suggestQuestion(facts: TextFacts, language: Locale): string {
  for (const topic of TOPICS) {
    if (facts.words.some((w) => topic.stems.some((s) => w.lower.startsWith(s)))) {
      return say(language, topic.sv, topic.en)
    }
  }
  return say(
    language,
    'Vad tycker du? Skriv gärna en kommentar.',
    'What do you think? Leave a comment.',
  )
}
