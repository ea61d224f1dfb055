const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  shy: '',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  aring: 'å',
  Aring: 'Å',
  auml: 'ä',
  Auml: 'Ä',
  ouml: 'ö',
  Ouml: 'Ö',
  eacute: 'é',
  uuml: 'ü',
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{1,10});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name] ?? ENTITIES[name.toLowerCase()] ?? whole
  })
}

/** Drops <script> and <style> with their content; an unclosed one takes the rest. Linear. */
function withoutCode(html: string): string {
  const lower = html.toLowerCase()
  const opening = /<(script|style)\b/g
  let out = ''
  let from = 0
  for (let match = opening.exec(lower); match; match = opening.exec(lower)) {
    out += html.slice(from, match.index)
    const close = lower.indexOf(`</${match[1]}`, opening.lastIndex)
    if (close < 0) return out
    const end = lower.indexOf('>', close)
    if (end < 0) return out
    from = end + 1
    opening.lastIndex = from
  }
  return out + html.slice(from)
}

/**
 * DESCRIPTION as plain text. It should be plain already, but some event
 * systems put HTML there; that is reduced to its text with line breaks kept.
 * Only a few times the kept length is read, and no pattern looks past the
 * next `<`, so a hostile DESCRIPTION costs linear time.
 */
export function plainText(value: string, maxLength: number): string {
  let text = value.slice(0, maxLength * 4).replace(/\r\n?/g, '\n')
  if (/<\/?[a-z][^<>]*>/i.test(text)) {
    text = withoutCode(text)
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|li|h[1-6]|tr)>/gi, '\n')
      .replace(/<li\b[^<>]*>/gi, '• ')
      .replace(/<[^<>]+>/g, '')
    text = decodeEntities(text)
  }
  text = text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text
}

/** SUMMARY and LOCATION: one line, trimmed. */
export function oneLine(value: string, maxLength: number): string {
  const text = value
    .slice(0, maxLength * 4)
    .replace(/\s+/g, ' ')
    .trim()
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text
}
