/** A member who can be mentioned: their id and name as the library sees it. */
export interface Mentionable {
  userId: string
  name: string
}

export interface MentionSpan {
  start: number
  end: number
  userId: string
}

const WORD = /[\p{L}\p{N}_]/u

/**
 * Where `@Name` mentions a member in a text. Names may hold spaces ("@Sara
 * Skribent"), so the longest name wins where two start alike ("@Anna" and
 * "@Anna Ansvarig"); case does not matter, and a name must end at a word's end.
 */
export function findMentions(text: string, members: readonly Mentionable[]): MentionSpan[] {
  if (!text.includes('@')) return []
  // Folding case can change a text's length (e.g. "İ"); the positions must stay the text's own.
  const folded = text.toLocaleLowerCase('sv')
  const fold = folded.length === text.length
  const lower = fold ? folded : text
  const byLength = members
    .filter((m) => m.name.trim())
    .map((m) => ({
      ...m,
      needle: `@${fold ? m.name.trim().toLocaleLowerCase('sv') : m.name.trim()}`,
    }))
    .sort((a, b) => b.needle.length - a.needle.length)
  const spans: MentionSpan[] = []
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    if (at > 0 && WORD.test(text[at - 1]!)) continue
    const hit = byLength.find(
      (m) => lower.startsWith(m.needle, at) && !WORD.test(text.charAt(at + m.needle.length) || ' '),
    )
    if (!hit) continue
    spans.push({ start: at, end: at + hit.needle.length, userId: hit.userId })
    at += hit.needle.length - 1
  }
  return spans
}

/** The members a text mentions, each once, in the order they first appear. */
export function mentionedIds(text: string, members: readonly Mentionable[]): string[] {
  return [...new Set(findMentions(text, members).map((s) => s.userId))]
}
