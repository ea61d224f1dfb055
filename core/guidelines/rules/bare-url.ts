import { say } from '../i18n.js'
import type { PostRule } from '../rule.js'
import type { Finding } from '../types.js'

// Words that point at a link without saying what is behind it ("Läs mer här:").
const GENERIC = new Set(
  `läs mer här klicka klick info information länk länken länkar på se via i in gå till kolla
  är finns hittar hitta du ni den det denna detta nedan ovan om och från vår våra oss hos alla
  read more here click link info see at on the this is via go to our find`.split(/\s+/),
)
const WINDOW = 160
const CONTINUES = /^[ \t\u00a0]*(?:[-–—:(]|\p{Ll})/u
const WORD = /\p{L}+/gu
// Other links and tags near this one say nothing about where it goes.
const NOT_WORDS = /\S*(?:\/\/|www\.|\.\p{L}{2,}\/)\S*|[#@][\p{L}\p{N}_]+/giu

/**
 * A link is fine when the words around it, in the same sentence or a line
 * ending in a colon just above, say where it goes. A screen reader reads the
 * address itself character by character.
 */
export const bareUrlRule: PostRule<'bare-url'> = {
  id: 'bare-url',
  check({ facts, locale }, config) {
    const findings: Finding[] = []
    const { text } = facts
    for (const url of facts.links.urls) {
      if (describes(before(text, url.start)) || describes(after(text, url.end))) continue
      findings.push({
        ruleId: 'bare-url',
        kind: 'no-description',
        severity: config.severity,
        message: say(locale, 'Skriv med ord vart länken går', 'Say in words where the link goes'),
        why: say(
          locale,
          'Skärmläsare läser upp en adress tecken för tecken, och "läs mer här" säger inget. Skriv till exempel "Anmälan till bokcirkeln:" före länken.',
          'Screen readers read an address character by character, and "read more here" says nothing. Write, for example, "Sign up for the book club:" before the link.',
        ),
        range: { start: url.start, end: url.end },
      })
    }
    return findings
  },
}

function before(text: string, at: number): string {
  const from = Math.max(0, at - WINDOW)
  let window = text.slice(from, at)
  const line = window.lastIndexOf('\n')
  if (line >= 0) {
    const sameLine = window.slice(line + 1)
    // "Anmälan:\nhttps://…" – the line above names the link.
    const above = window.slice(0, line).trimEnd()
    window =
      sameLine.trim() === '' && above.endsWith(':')
        ? above.slice(above.lastIndexOf('\n') + 1)
        : sameLine
  }
  const parts = window.split(/[.!?…]\s/u)
  return parts[parts.length - 1]!.replace(NOT_WORDS, '')
}

/** Words after the link count only when they continue its sentence: "https://… – anmälan". */
function after(text: string, at: number): string {
  const window = text.slice(at, at + WINDOW)
  if (!CONTINUES.test(window)) return ''
  const stop = window.search(/[\n.!?…]|https?:\/\//u)
  return (stop >= 0 ? window.slice(0, stop) : window).replace(NOT_WORDS, '')
}

function describes(words: string): boolean {
  for (const m of words.toLowerCase().matchAll(WORD)) if (!GENERIC.has(m[0])) return true
  return false
}
