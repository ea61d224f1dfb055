import { say } from '../i18n.js'
import type { PostRule } from '../rule.js'
import type { Finding } from '../types.js'

export const urlShortenerRule: PostRule<'url-shortener'> = {
  id: 'url-shortener',
  check({ facts, compiled, locale }, config) {
    const findings: Finding[] = []
    for (const url of facts.links.urls) {
      const host = url.host.replace(/^www\./, '')
      if (!compiled.shortenerHosts.has(host)) continue
      findings.push({
        ruleId: 'url-shortener',
        kind: 'shortener',
        severity: config.severity,
        message: say(
          locale,
          `Förkortad länk (${host}) döljer vart den leder`,
          `Shortened link (${host}) hides where it leads`,
        ),
        why: say(
          locale,
          'Läsaren kan inte se vart en förkortad länk går, och den slutar fungera om tjänsten försvinner. Använd hela adressen.',
          'Readers cannot see where a shortened link goes, and it stops working if the service disappears. Use the full address.',
        ),
        range: { start: url.start, end: url.end },
      })
    }
    return findings
  },
}
