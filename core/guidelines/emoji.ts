import type { TextRange } from './types.js'

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

// Anything that could be part of an emoji: symbols from U+2000 up, © and ®, the
// emoji selector and the surrogates of the emoji planes.
const CANDIDATE = /[\u00a9\u00ae\u2000-\u3300\ud83c-\ud83e]|\ufe0f/g
const PRESENTATION = /\p{Emoji_Presentation}|\ufe0f|\u20e3|\p{Regional_Indicator}/u
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u

/**
 * One range per emoji as a reader sees it: a family joined with ZWJ, a thumb
 * with a skin tone or a flag counts once. Symbols drawn as text by default
 * (©, ®, ™, ↔) do not count unless written with the emoji selector U+FE0F.
 */
export function findEmojis(text: string): TextRange[] {
  const found: TextRange[] = []
  let segments: Intl.Segments | undefined
  CANDIDATE.lastIndex = 0
  // Only the graphemes around candidate characters are looked at: most of a post is letters.
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    segments ??= graphemes.segment(text)
    const { segment, index } = segments.containing(m.index)!
    if (isEmoji(segment)) found.push({ start: index, end: index + segment.length })
    CANDIDATE.lastIndex = index + segment.length
  }
  return found
}

function isEmoji(grapheme: string): boolean {
  const first = grapheme.codePointAt(0) ?? 0
  if (grapheme.length === 1 && first < 0xa9) return false
  if (PRESENTATION.test(grapheme)) return true
  return first >= 0x2600 && PICTOGRAPHIC.test(grapheme)
}
