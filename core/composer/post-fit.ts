import { countText } from './count.js'
import type { NetworkLimits } from './limits.js'

/** Why a post does not fit a network, beyond its text length. */
export type FitProblem =
  | { code: 'text_too_long' }
  | { code: 'too_many_images'; limit: number }
  | { code: 'image_required'; limit: number }
  | { code: 'too_many_hashtags'; used: number; limit: number }
  | { code: 'too_many_mentions'; used: number; limit: number }
  | { code: 'aspect_ratio'; position: number; min: number; max: number }

// A hashtag or mention starts a word: "#bibliotek", "(@stadsbiblioteket". Not "e-post@example.se".
const HASHTAG = /(^|[^\p{L}\p{N}_&/])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu
const MENTION = /(^|[^\p{L}\p{N}_./])@[\p{L}\p{N}_.]+/gu

export function countHashtags(text: string): number {
  return text.match(HASHTAG)?.length ?? 0
}
export function countMentions(text: string): number {
  return text.match(MENTION)?.length ?? 0
}

/**
 * Everything a network would refuse about a post, in the order a person fixes
 * it. The composer shows these and the server refuses to schedule on any.
 */
export function fitProblems(
  text: string,
  images: readonly { width: number; height: number }[],
  limits: NetworkLimits,
): FitProblem[] {
  const problems: FitProblem[] = []
  if (!countText(text, limits).fits) problems.push({ code: 'text_too_long' })
  if (images.length > limits.maxImages)
    problems.push({ code: 'too_many_images', limit: limits.maxImages })
  if (limits.minImages !== undefined && images.length < limits.minImages)
    problems.push({ code: 'image_required', limit: limits.minImages })
  if (limits.maxHashtags !== undefined) {
    const used = countHashtags(text)
    if (used > limits.maxHashtags)
      problems.push({ code: 'too_many_hashtags', used, limit: limits.maxHashtags })
  }
  if (limits.maxMentions !== undefined) {
    const used = countMentions(text)
    if (used > limits.maxMentions)
      problems.push({ code: 'too_many_mentions', used, limit: limits.maxMentions })
  }
  const min = limits.minAspectRatio
  const max = limits.maxAspectRatio
  if (min !== undefined && max !== undefined) {
    images.forEach((image, index) => {
      const ratio = image.width / image.height
      // Two decimals, as a person reads the ratio: 1.91 is allowed, 1.915 rounds to it.
      const rounded = Math.round(ratio * 100) / 100
      if (rounded < Math.round(min * 100) / 100 || rounded > max)
        problems.push({ code: 'aspect_ratio', position: index + 1, min, max })
    })
  }
  return problems
}

const DAY_MS = 86_400_000

/**
 * Whether one more post at `at` would make some 24 hours hold more than
 * `limit` posts, counting those already published or waiting (`others`).
 * Instagram counts a rolling 24 hours, so every window containing `at` is tried.
 */
export function exceedsDailyLimit(others: readonly Date[], at: Date, limit: number): boolean {
  const t = at.getTime()
  const near = others.map((d) => d.getTime()).filter((o) => Math.abs(o - t) < DAY_MS)
  const starts = [t - DAY_MS + 1, ...near.filter((o) => o <= t)]
  return starts.some(
    (start) => near.filter((o) => o >= start && o < start + DAY_MS).length + 1 > limit,
  )
}
