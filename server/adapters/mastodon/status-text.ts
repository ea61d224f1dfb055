const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
}

/**
 * The plain text of a status's HTML `content`. Mastodon turns line breaks into
 * <br /> and paragraphs into <p>, and splits links into spans whose text still
 * joins up to the full URL, so dropping tags and decoding entities gives back
 * what was typed, give or take whitespace.
 */
export function htmlToPlainText(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p>/gi, '\n\n')
      .replace(/<[^>]*>/g, ''),
  )
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole
  })
}

/**
 * The form two texts are compared in: Unicode NFC, whitespace collapsed, and
 * remote mentions as Mastodon renders them (@user@example.org shows as @user).
 */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFC')
    .replace(/(^|[^\w/])@(\w+)@[\w.-]+\w/gu, '$1@$2')
    .replace(/\s+/gu, ' ')
    .trim()
}

/** Whether a status's HTML content shows exactly the text Torget posted. */
export function contentMatches(html: string, text: string): boolean {
  return normalizeForMatch(htmlToPlainText(html)) === normalizeForMatch(text)
}
