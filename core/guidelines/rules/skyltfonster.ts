import type { Locale } from '../../locale.js'
import { isConversational } from '../conversation.js'
import { percent, say } from '../i18n.js'
import type { RuleConfigs } from '../policy.js'
import { TextFacts } from '../text-facts.js'
import type { Finding, StreamCounts, StreamPost } from '../types.js'

/** The weeks around a post the rule looks at by default: what a follower sees near it. */
export const CHANNEL_MIX_DAYS_BEFORE = 14
export const CHANNEL_MIX_DAYS_AFTER = 13

/** Only announces: asks nothing, invites no one, answers no one. */
export function isOneWay(text: string): boolean {
  return !isConversational(new TextFacts(text))
}

export function countStream(posts: StreamPost[]): StreamCounts {
  return { posts: posts.length, oneWay: posts.filter((p) => isOneWay(p.text)).length }
}

/** The counts with one more post (the draft being written) added. */
export function withPost(counts: StreamCounts, text: string): StreamCounts {
  return { posts: counts.posts + 1, oneWay: counts.oneWay + (isOneWay(text) ? 1 : 0) }
}

/**
 * "Skyltfönster" (shop window): a stream that only announces. The workshop's
 * recipe is to talk, ask and involve, so when most of a channel's recent and
 * planned posts are one-way the rule nudges toward a question, a poll or an
 * answer. It reads counts, so the server counts a channel's posts once and
 * the composer adds the draft as it is written.
 */
export function checkSkyltfonster(
  counts: StreamCounts,
  config: RuleConfigs['skyltfonster'],
  locale: Locale,
): Finding[] {
  const { posts, oneWay } = counts
  if (posts < config.minPosts) return []
  const share = oneWay / posts
  if (share <= config.maxPromotionalShare) return []
  return [
    {
      ruleId: 'skyltfonster',
      kind: 'one-way',
      severity: config.severity,
      message: say(
        locale,
        `${oneWay} av ${posts} inlägg bara informerar (${percent(locale, share)}). Prata, fråga, involvera!`,
        `${oneWay} of ${posts} posts only announce (${percent(locale, share)}). Talk, ask, involve!`,
      ),
      why: say(
        locale,
        `Ett flöde som bara visar upp blir ett skyltfönster. Policyn siktar på högst ${percent(locale, config.maxPromotionalShare)} enkelriktade inlägg i varje kanal. Ställ en fråga, gör en omröstning eller svara på kommentarer.`,
        `A stream that only shows things off becomes a shop window. The policy aims for at most ${percent(locale, config.maxPromotionalShare)} one-way posts on each channel. Ask a question, run a poll or answer comments.`,
      ),
    },
  ]
}
