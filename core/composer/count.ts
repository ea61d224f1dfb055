import { countGraphemes, eachGrapheme, utf8Length } from './graphemes.js'
import type { NetworkLimits } from './limits.js'

export { countGraphemes, utf8Length as utf8Bytes } from './graphemes.js'

// Mastodon counts any http(s) URL as a fixed number of characters (the instance's
// characters_reserved_per_url) and a remote mention @user@domain as @user only.
const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,:;!?)\]'’]/giu
const REMOTE_MENTION = /(^|[^\w/])@(\w+)@[\w.-]+\w/gu

// An emoji as Threads sees one: shown as a picture by default, asked to be one (VS16), or a flag.
const EMOJI = /\p{Emoji_Presentation}|\uFE0F|\p{Regional_Indicator}/u

/** One grapheme's weight on Threads: an emoji weighs its UTF-8 bytes, anything else 1. */
export function threadsWeight(grapheme: string): number {
  return EMOJI.test(grapheme) ? utf8Length(grapheme) : 1
}

function threadsLength(text: string): number {
  let used = 0
  eachGrapheme(text, (start, end) => {
    used += threadsWeight(text.slice(start, end))
  })
  return used
}

export interface TextCount {
  /** Characters as the network counts them. */
  used: number
  limit: number
  remaining: number
  /** UTF-8 bytes, where the network also limits bytes. */
  bytes?: number
  byteLimit?: number
  fits: boolean
}

/** Counts a text exactly as the network does. */
export function countText(text: string, limits: NetworkLimits): TextCount {
  const normalized = text.normalize('NFC')
  let used: number
  if (limits.counting === 'mastodon') {
    const reserved = limits.charactersReservedPerUrl ?? 23
    const countable = normalized
      .replace(URL_PATTERN, 'x'.repeat(reserved))
      .replace(REMOTE_MENTION, '$1@$2')
    used = countGraphemes(countable)
  } else if (limits.counting === 'threads') {
    used = threadsLength(normalized)
  } else {
    used = countGraphemes(normalized)
  }
  const result: TextCount = {
    used,
    limit: limits.maxCharacters,
    remaining: limits.maxCharacters - used,
    fits: used <= limits.maxCharacters,
  }
  if (limits.maxBytes !== undefined) {
    result.bytes = utf8Length(normalized)
    result.byteLimit = limits.maxBytes
    result.fits = result.fits && result.bytes <= limits.maxBytes
  }
  return result
}
