import { say } from '../i18n.js'
import type { PostRule } from '../rule.js'
import type { Finding } from '../types.js'

export const forbiddenWordsRule: PostRule<'forbidden-words'> = {
  id: 'forbidden-words',
  check({ facts, compiled, locale }, config) {
    const matches = compiled.forbidden.find(facts, ['text', 'tag', 'mention'])
    return matches.map(({ start, end, payload: entry }): Finding => {
      const shown = facts.text.slice(start, end)
      const finding: Finding = {
        ruleId: 'forbidden-words',
        kind: 'listed',
        severity: config.severity,
        message: say(
          locale,
          `"${shown}" står på bibliotekets lista över ord att undvika`,
          `"${shown}" is on the library's list of words to avoid`,
        ),
        why:
          entry.reason ??
          say(
            locale,
            'Biblioteket har bestämt i sin policy att inte använda det här i sina kanaler.',
            'The library has decided in its policy not to use this in its channels.',
          ),
        range: { start, end },
      }
      if (entry.instead) {
        const text = matchCase(shown, entry.instead)
        finding.fix = {
          label: say(locale, `Byt till "${text}"`, `Change to "${text}"`),
          replacement: { start, end, text },
        }
      }
      return finding
    })
  },
}

/** "Gratis" → "Avgiftsfritt": the replacement starts with a capital when the word did. */
function matchCase(original: string, replacement: string): string {
  const first = original.charAt(0)
  if (first !== first.toUpperCase() || first === first.toLowerCase()) return replacement
  return replacement.charAt(0).toUpperCase() + replacement.slice(1)
}
