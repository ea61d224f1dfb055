import { scanChunks } from './scan.js'
import type { TextRange } from './types.js'

export interface UrlSpan extends TextRange {
  host: string
  hasScheme: boolean
}
export interface Hashtag extends TextRange {
  /** Without the '#'. */
  body: string
}
export type Mention = TextRange
export interface EmailSpan extends TextRange {
  local: string
  domain: string
}

export interface Links {
  urls: UrlSpan[]
  hashtags: Hashtag[]
  mentions: Mention[]
  emails: EmailSpan[]
}

// Top-level domains a scheme-less host must end in to count as a link, so
// that abbreviations like "t.ex" or "bl.a" and times like "10.30" do not.
const TLDS = new Set(
  'se nu com org net eu io info fi no dk de uk ly gl gd co me to in app page link tv'.split(' '),
)
const LEADING = '([{<"\'«“‘'
const TRAILING = '.,:;!?)]}>"\'»”’…'
// A chunk this long is not a link anyone meant to post; skip it rather than scan it.
const MAX_CHUNK = 2048
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u
const LETTER = /\p{L}/u
const EMAIL_LOCAL = /[\p{L}\p{N}._%+-]/u
const EMAIL_DOMAIN = /[\p{L}\p{N}.-]/u
const HOST = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u

/** Links, hashtags, mentions and e-mail addresses, found by walking whitespace-separated chunks. */
export function findLinks(text: string): Links {
  const links: Links = { urls: [], hashtags: [], mentions: [], emails: [] }
  for (const chunkRange of scanChunks(text)) {
    let { start, end } = chunkRange
    while (start < end && LEADING.includes(text[start]!)) start++
    while (end > start && TRAILING.includes(text[end - 1]!)) end--
    if (end - start < 2 || end - start > MAX_CHUNK) continue
    const chunk = text.slice(start, end)
    const url = chunk.includes('.') ? urlIn(chunk) : undefined
    if (url) {
      links.urls.push({ start: start + url.offset, end, host: url.host, hasScheme: url.hasScheme })
      if (url.offset > 0) findTagsAndAddresses(text, start, start + url.offset, links)
      continue
    }
    findTagsAndAddresses(text, start, end, links)
  }
  return links
}

function urlIn(chunk: string): { offset: number; host: string; hasScheme: boolean } | undefined {
  const scheme = chunk.search(/https?:\/\//i)
  if (scheme >= 0) {
    const rest = chunk.slice(chunk.indexOf('//', scheme) + 2)
    const host = rest.split(/[/?#:]/, 1)[0]!.toLowerCase()
    return host.includes('.') ? { offset: scheme, host, hasScheme: true } : undefined
  }
  const host = chunk.split(/[/?#]/, 1)[0]!.toLowerCase()
  if (host.length > 253 || !HOST.test(host)) return undefined
  const tld = host.slice(host.lastIndexOf('.') + 1)
  if (host.startsWith('www.') || TLDS.has(tld)) return { offset: 0, host, hasScheme: false }
  return undefined
}

function findTagsAndAddresses(text: string, start: number, end: number, links: Links): void {
  const chunk = text.slice(start, end)
  if (!chunk.includes('@') && !chunk.includes('#')) return
  if (chunk[0] === '@') {
    let i = start + 1
    while (i < end && (WORD_CHAR.test(text[i]!) || text[i] === '@' || text[i] === '.')) i++
    if (i > start + 1) links.mentions.push({ start, end: i })
  } else {
    const at = chunk.indexOf('@')
    if (at > 0) addEmail(text, start, start + at, end, links)
  }
  for (let found = chunk.indexOf('#'); found >= 0;) {
    const hash = start + found
    const before = hash > 0 ? text[hash - 1]! : ' '
    let i = hash + 1
    let hasLetter = false
    while (i < end && WORD_CHAR.test(text[i]!)) {
      if (!hasLetter && LETTER.test(text[i]!)) hasLetter = true
      i++
    }
    if (hasLetter && !WORD_CHAR.test(before) && !'&#/'.includes(before)) {
      links.hashtags.push({ start: hash, end: i, body: text.slice(hash + 1, i) })
    }
    found = chunk.indexOf('#', Math.max(i, hash + 1) - start)
  }
}

function addEmail(text: string, chunkStart: number, at: number, end: number, links: Links): void {
  let from = at
  while (from > chunkStart && EMAIL_LOCAL.test(text[from - 1]!)) from--
  let to = at + 1
  while (to < end && EMAIL_DOMAIN.test(text[to]!)) to++
  while (to > at + 1 && text[to - 1] === '.') to--
  const local = text.slice(from, at)
  const domain = text.slice(at + 1, to)
  const tld = domain.slice(domain.lastIndexOf('.') + 1)
  if (local.length === 0 || (from > chunkStart && text[from - 1] === '@')) return
  if (!domain.includes('.') || tld.length < 2 || !/^\p{L}+$/u.test(tld)) return
  links.emails.push({ start: from, end: to, local, domain: domain.toLowerCase() })
}
