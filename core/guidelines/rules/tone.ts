import { say } from '../i18n.js'
import { audienceName, type PostRule } from '../rule.js'
import { outside } from '../text-facts.js'
import type { Finding, TextRange } from '../types.js'

// Five letters or more: short capitals are usually abbreviations (SFI, LIX, ISBN).
const MIN_CAPS_LETTERS = 5
const UPPER = /\p{Lu}/u
const LOWER = /\p{Ll}/u
const LETTERS = /\p{L}/gu

export const toneRule: PostRule<'tone'> = {
  id: 'tone',
  check({ facts, compiled, audience, locale }, config) {
    const findings: Finding[] = []
    const name = audienceName(audience, locale)
    const base = { ruleId: 'tone' as const, severity: config.severity }
    if (audience.formal) {
      for (const m of compiled.slang.find(facts, ['text'])) {
        const word = facts.text.slice(m.start, m.end)
        findings.push({
          ...base,
          kind: 'slang',
          message: say(
            locale,
            `"${word}" är för vardagligt för målgruppen ${name}`,
            `"${word}" is too casual for the audience ${name}`,
          ),
          why: say(
            locale,
            'Policyn säger att texter till den här målgruppen ska vara vårdade. Välj ett neutralt ord.',
            'The policy says texts for this audience should be formal. Choose a neutral word.',
          ),
          range: { start: m.start, end: m.end },
        })
      }
    }
    const emojis = facts.emojis
    if (audience.maxEmojis !== null && emojis.length > audience.maxEmojis) {
      findings.push({
        ...base,
        kind: 'emojis',
        message: say(
          locale,
          `${emojis.length} emojier är många för målgruppen ${name} (högst ${audience.maxEmojis})`,
          `${emojis.length} emojis are many for the audience ${name} (at most ${audience.maxEmojis})`,
        ),
        why: say(
          locale,
          'Tonen ska passa mottagaren. Till den här målgruppen skriver biblioteket sakligt.',
          'The tone should suit the reader. The library writes plainly to this audience.',
        ),
        range: { start: emojis[audience.maxEmojis]!.start, end: emojis[emojis.length - 1]!.end },
      })
    }
    const marks = exclamationMarks(facts.text, facts.links.urls)
    if (audience.maxExclamations !== null && marks.length > audience.maxExclamations) {
      findings.push({
        ...base,
        kind: 'exclamations',
        message: say(
          locale,
          `${marks.length} utropstecken är många för målgruppen ${name}`,
          `${marks.length} exclamation marks are many for the audience ${name}`,
        ),
        why: say(
          locale,
          'Många utropstecken låter som att ropa. Ett räcker för att visa glädje.',
          'Many exclamation marks sound like shouting. One is enough to show joy.',
        ),
        range: { start: marks[audience.maxExclamations]!, end: marks[marks.length - 1]! + 1 },
      })
    }
    if (audience.flagAllCaps) {
      for (const word of facts.words) {
        if (LOWER.test(word.text) || !UPPER.test(word.text)) continue
        if ((word.text.match(LETTERS)?.length ?? 0) < MIN_CAPS_LETTERS) continue
        if (compiled.allowedCaps.has(word.text)) continue
        const lower = word.text.toLowerCase()
        const calm = startsSentence(facts.text, word.start)
          ? word.text.charAt(0) + lower.slice(1)
          : lower
        findings.push({
          ...base,
          kind: 'all-caps',
          message: say(
            locale,
            `${word.text} i versaler läses som att ropa`,
            `${word.text} in capitals reads as shouting`,
          ),
          why: say(
            locale,
            'Ord i versaler är svårare att läsa och läses upp bokstav för bokstav av en del skärmläsare. Gäller det en förkortning kan du låta det vara.',
            'Words in capitals are harder to read, and some screen readers spell them out. If it is an abbreviation, leave it.',
          ),
          range: { start: word.start, end: word.end },
          fix: {
            label: say(locale, `Skriv ${calm}`, `Write ${calm}`),
            replacement: { start: word.start, end: word.end, text: calm },
          },
        })
      }
    }
    return findings
  },
}

function startsSentence(text: string, at: number): boolean {
  const window = text.slice(Math.max(0, at - 20), at)
  const before = window.trimEnd()
  return before === '' || /[.!?…]$/u.test(before) || /\n\s*$/u.test(window)
}

function exclamationMarks(text: string, urls: TextRange[]): number[] {
  const marks: number[] = []
  for (let at = text.indexOf('!'); at >= 0; at = text.indexOf('!', at + 1)) marks.push(at)
  return outside(marks, urls)
}
