import type { Locale } from '../../locale.js'
import { isConversational } from '../conversation.js'
import { percent, say } from '../i18n.js'
import type { RuleConfigs } from '../policy.js'
import { TextFacts } from '../text-facts.js'
import type { Finding, StreamPost } from '../types.js'

/**
 * "Skyltfönster" (shop window): a stream that only announces. The workshop's
 * recipe is to talk, ask and involve, so when most recent posts are one-way
 * the rule nudges toward a question, a poll or an answer.
 */
export function checkSkyltfonster(
  posts: StreamPost[],
  config: RuleConfigs['skyltfonster'],
  locale: Locale,
): Finding[] {
  if (posts.length < config.minPosts) return []
  const oneWay = posts.filter((p) => !isConversational(new TextFacts(p.text))).length
  const share = oneWay / posts.length
  if (share <= config.maxPromotionalShare) return []
  return [
    {
      ruleId: 'skyltfonster',
      kind: 'one-way',
      severity: config.severity,
      message: say(
        locale,
        `${oneWay} av ${posts.length} inlägg bara informerar (${percent(locale, share)}). Prata, fråga, involvera!`,
        `${oneWay} of ${posts.length} posts only announce (${percent(locale, share)}). Talk, ask, involve!`,
      ),
      why: say(
        locale,
        `Ett flöde som bara visar upp blir ett skyltfönster. Policyn siktar på högst ${percent(locale, config.maxPromotionalShare)} enkelriktade inlägg. Ställ en fråga, gör en omröstning eller svara på kommentarer.`,
        `A stream that only shows things off becomes a shop window. The policy aims for at most ${percent(locale, config.maxPromotionalShare)} one-way posts. Ask a question, run a poll or answer comments.`,
      ),
    },
  ]
}
