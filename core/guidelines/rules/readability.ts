import { say } from '../i18n.js'
import { audienceName, type PostRule } from '../rule.js'
import type { Sentence, Token } from '../text-facts.js'
import type { Finding } from '../types.js'
import type { Locale } from '../../locale.js'

const LETTER = /\p{L}/gu

/**
 * LIX (Björnsson) = words per sentence + 100 × share of words longer than six
 * letters. Words are runs of letters, so numbers, links, tags and mentions do
 * not count. Long Swedish compounds raise it, which is why it only hints.
 */
export function lix(sentences: Sentence[]): { lix: number; words: number; perSentence: number } {
  let words = 0
  let long = 0
  for (const s of sentences) {
    words += s.words.length
    for (const w of s.words) if (isLong(w)) long++
  }
  if (words === 0) return { lix: 0, words: 0, perSentence: 0 }
  const perSentence = words / sentences.length
  return { lix: perSentence + (100 * long) / words, words, perSentence }
}

function isLong(word: Token): boolean {
  // Only count letters when a word could have more than six.
  if (word.text.length <= 6) return false
  return (word.text.match(LETTER)?.length ?? 0) > 6
}

export const readabilityRule: PostRule<'readability'> = {
  id: 'readability',
  check({ facts, audience, locale }, config) {
    const findings: Finding[] = []
    const sentences = facts.sentences
    const score = lix(sentences)
    const margin = score.words < config.shortTextWords ? config.shortTextMargin : 0
    if (score.words >= config.minWords && score.lix > audience.lixMax + margin) {
      const value = Math.round(score.lix)
      const name = audienceName(audience, locale)
      const tip =
        score.perSentence > 15
          ? say(locale, 'prova kortare meningar', 'try shorter sentences')
          : say(locale, 'prova kortare ord', 'try shorter words')
      findings.push({
        ruleId: 'readability',
        kind: 'lix',
        severity: config.severity,
        message: say(
          locale,
          `LIX ${value} – ${level(value, locale)} text för målgruppen ${name}; ${tip}`,
          `LIX ${value} – ${level(value, locale)} text for the audience ${name}; ${tip}`,
        ),
        why: say(
          locale,
          `LIX räknar ord per mening och andelen långa ord. Målet för ${name} är högst ${audience.lixMax}. Långa sammansatta ord höjer talet, så se det som en fingervisning. Språklagen: vårdat, enkelt och begripligt.`,
          `LIX counts words per sentence and the share of long words. The target for ${name} is at most ${audience.lixMax}. Long compound words raise it, so take it as a pointer. The Swedish Language Act asks for plain, simple, understandable text.`,
        ),
      })
    }
    for (const sentence of sentences) {
      if (sentence.words.length <= config.maxSentenceWords) continue
      findings.push({
        ruleId: 'readability',
        kind: 'long-sentence',
        severity: config.longSentenceSeverity,
        message: say(
          locale,
          `Lång mening (${sentence.words.length} ord) – dela gärna upp den`,
          `Long sentence (${sentence.words.length} words) – consider splitting it`,
        ),
        why: say(
          locale,
          `Meningar över ${config.maxSentenceWords} ord är svåra att följa, särskilt i mobilen och för den som läser på ett nytt språk.`,
          `Sentences over ${config.maxSentenceWords} words are hard to follow, especially on a phone and for people reading in a new language.`,
        ),
        range: { start: sentence.start, end: sentence.end },
      })
    }
    return findings
  },
}

function level(value: number, locale: Locale): string {
  if (value < 30) return say(locale, 'mycket lätt', 'very easy')
  if (value < 40) return say(locale, 'lätt', 'easy')
  if (value < 50) return say(locale, 'medelsvår', 'medium')
  if (value < 60) return say(locale, 'svår', 'hard')
  return say(locale, 'mycket svår', 'very hard')
}
