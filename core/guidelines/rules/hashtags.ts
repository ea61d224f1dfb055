import { splitTag } from '../hashtag-words.js'
import { say } from '../i18n.js'
import type { PostRule } from '../rule.js'
import type { TextFacts } from '../text-facts.js'
import type { Finding } from '../types.js'

// Letters, then perhaps a year or a number: #sommarboken2025.
const WORDS_THEN_DIGITS = /^(\p{L}+)(\p{N}*)$/u
// An all-lowercase tag this long that the word list cannot split is probably several words.
const LONG_TAG = 12

export const hashtagsRule: PostRule<'hashtags'> = {
  id: 'hashtags',
  check({ facts, locale }, config) {
    const tags = facts.links.hashtags
    if (tags.length === 0) return []
    const findings: Finding[] = []
    if (tags.length > config.maxCount) {
      findings.push({
        ruleId: 'hashtags',
        kind: 'count',
        severity: config.severity,
        message: say(
          locale,
          `${tags.length} hashtaggar – högst ${config.maxCount} rekommenderas`,
          `${tags.length} hashtags – at most ${config.maxCount} recommended`,
        ),
        why: say(
          locale,
          'Skärmläsare läser upp varje hashtagg. Många taggar gör inlägget svårt att lyssna på och får det att se ut som reklam.',
          'Screen readers read every hashtag aloud. Many tags make a post hard to listen to and make it look like an advert.',
        ),
        range: { start: tags[config.maxCount]!.start, end: tags[tags.length - 1]!.end },
      })
    }
    if (config.requireLast) {
      const contentStart = lastContentStart(facts)
      for (const tag of tags) {
        if (tag.start > contentStart) continue
        findings.push({
          ruleId: 'hashtags',
          kind: 'placement',
          severity: config.severity,
          message: say(
            locale,
            `Lägg #${tag.body} sist i inlägget`,
            `Put #${tag.body} at the end of the post`,
          ),
          why: say(
            locale,
            'Hashtaggar mitt i meningar avbryter texten när den läses upp. Samla dem sist.',
            'Hashtags inside sentences interrupt the text when it is read aloud. Collect them at the end.',
          ),
          range: { start: tag.start, end: tag.end },
        })
      }
    }
    for (const tag of tags) {
      const finding = camelCase(tag.body, tag.start, locale, config.camelCaseSeverity)
      if (finding) findings.push(finding)
    }
    return findings
  },
}

/** Where the last word that is not a tag or a link starts: tags before it sit inside the text. */
function lastContentStart(facts: TextFacts): number {
  const tokens = facts.tokens
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!
    if (t.place === 'text' || t.place === 'mention') return t.start
  }
  return -1
}

function camelCase(
  body: string,
  start: number,
  locale: 'sv' | 'en',
  severity: Finding['severity'],
): Finding | undefined {
  const match = WORDS_THEN_DIGITS.exec(body)
  if (!match || body !== body.toLowerCase()) return undefined
  const [, letters = '', digits = ''] = match
  const parts = splitTag(letters)
  if (!parts && letters.length < LONG_TAG) return undefined
  const suggestion = (parts ? parts.map(capitalize).join('') : capitalize(letters)) + digits
  return {
    ruleId: 'hashtags',
    kind: 'camel-case',
    severity,
    message: say(
      locale,
      `Skriv #${suggestion} så att skärmläsare hittar orden`,
      `Write #${suggestion} so that screen readers find the words`,
    ),
    why: parts
      ? say(
          locale,
          'En stor bokstav i början av varje ord (CamelCase) gör att skärmläsare läser taggen som ord och inte bokstav för bokstav.',
          'A capital at the start of each word (CamelCase) lets screen readers say the tag as words rather than letter by letter.',
        )
      : say(
          locale,
          'Om taggen består av flera ord: skriv varje ord med stor första bokstav, till exempel #LäsMerBöcker. Då läser skärmläsare den rätt.',
          'If the tag is several words, start each word with a capital, for example #ReadMoreBooks. Screen readers then say it right.',
        ),
    range: { start, end: start + body.length + 1 },
    fix: {
      label: say(locale, `Ändra till #${suggestion}`, `Change to #${suggestion}`),
      replacement: { start: start + 1, end: start + 1 + body.length, text: suggestion },
    },
  }
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}
