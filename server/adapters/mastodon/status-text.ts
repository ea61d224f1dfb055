const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
}

// Elements that end a line or a block, in Mastodon's HTML and in what servers that
// render Markdown make of lists, quotes, headings and code.
const BLOCK_END = /<\/(p|li|h[1-6]|blockquote|pre|div|ul|ol)>/gi
const BLOCK_START = /<(li|h[1-6]|blockquote|pre|ul|ol|hr)\b[^>]*>/gi

/**
 * The plain text of a status's HTML `content`. Mastodon turns line breaks into
 * <br /> and paragraphs into <p>, and splits links into spans whose text still
 * joins up to the full URL, so dropping tags and decoding entities gives back
 * what was typed, give or take whitespace. A custom emoji's image reads as its
 * shortcode.
 */
export function htmlToPlainText(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p>/gi, '\n\n')
      .replace(BLOCK_END, '\n')
      .replace(BLOCK_START, '\n')
      .replace(/<img\b[^>]*>/gi, (tag) => attribute(tag, 'alt') ?? '')
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

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag)
  const value = match?.[1] ?? match?.[2]
  return value === undefined ? undefined : decodeEntities(value)
}

/**
 * Links stand for their address, whatever their text: Mastodon shows a long URL
 * shortened, and a server that renders Markdown shows `[Läs mer](https://…)` as
 * "Läs mer". Mentions and hashtags keep the text they show.
 */
function linksAsAddresses(html: string): string {
  return html.replace(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi, (whole, attrs: string, inner: string) => {
    const shown = htmlToPlainText(inner).trim()
    const cls = attribute(attrs, 'class') ?? ''
    const rel = attribute(attrs, 'rel') ?? ''
    if (/\b(mention|hashtag)\b/.test(cls) || /\btag\b/.test(rel) || /^[@#]/.test(shown))
      return inner
    return attribute(attrs, 'href') ?? inner
  })
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'»”]/gu

function canonicalUrl(url: string): string {
  try {
    const parsed = new URL(url)
    const href = parsed.href
    return parsed.pathname === '/' && !parsed.search && !parsed.hash ? href.slice(0, -1) : href
  } catch {
    return url
  }
}

/**
 * The form two texts are compared in, the same for what Torget sent and what
 * the network shows: Unicode NFC; Markdown links and autolinks as their
 * address; URLs canonical; remote mentions as Mastodon renders them
 * (@user@example.org shows as @user); Markdown's marks (emphasis, code, list
 * bullets, quotes, headings) left out, on both sides, so a server that renders
 * Markdown and one that shows it as typed both match; whitespace collapsed.
 */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\[([^\]\n]*)\]\((https?:\/\/[^\s)]+)\)/gu, '$2')
    .replace(/<(https?:\/\/[^\s>]+)>/gu, '$1')
    .replace(URL_IN_TEXT, canonicalUrl)
    .replace(/(^|[^\w/])@(\w+)@[\w.-]+\w/gu, '$1@$2')
    .replace(/^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]?)/gmu, '')
    .replace(/[*_~`\\]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
}

/** Whether a status's HTML content shows the text Torget posted. */
export function contentMatches(html: string, text: string): boolean {
  return normalizeForMatch(htmlToPlainText(linksAsAddresses(html))) === normalizeForMatch(text)
}

/** An image's alt text as servers store it: trimmed, NFC. */
export function normalizeDescription(alt: string | null | undefined): string {
  return (alt ?? '').normalize('NFC').trim()
}
