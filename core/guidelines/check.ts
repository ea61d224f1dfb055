import { compilePolicy } from './compile.js'
import { say } from './i18n.js'
import { DEFAULT_POLICY, type GuidelinePolicy } from './policy.js'
import type { PostRule } from './rule.js'
import { bareUrlRule } from './rules/bare-url.js'
import { conversationStarterRule } from './rules/conversation-starter.js'
import { emojiCountRule } from './rules/emoji-count.js'
import { forbiddenWordsRule } from './rules/forbidden-words.js'
import { hashtagsRule } from './rules/hashtags.js'
import { imageAltRule } from './rules/image-alt.js'
import { lengthRule } from './rules/length.js'
import { personalDataRule } from './rules/personal-data.js'
import { readabilityRule } from './rules/readability.js'
import { checkSkyltfonster, countStream } from './rules/skyltfonster.js'
import { toneRule } from './rules/tone.js'
import { urlShortenerRule } from './rules/url-shortener.js'
import { TextFacts } from './text-facts.js'
import type { Finding, PostInput, PostRuleId, Severity, StreamCounts, StreamPost } from './types.js'
import type { Locale } from '../locale.js'

const RULES: { [Id in PostRuleId]: PostRule<Id> } = {
  length: lengthRule,
  'image-alt': imageAltRule,
  hashtags: hashtagsRule,
  'emoji-count': emojiCountRule,
  'url-shortener': urlShortenerRule,
  'bare-url': bareUrlRule,
  'personal-data': personalDataRule,
  'forbidden-words': forbiddenWordsRule,
  tone: toneRule,
  readability: readabilityRule,
  'conversation-starter': conversationStarterRule,
}

// A pasted novel should not produce a thousand findings; the first ones say enough.
const MAX_FINDINGS_PER_RULE = 50
// Text past this far cannot be published anyway (length blocks it), so the
// other rules read only this much: a 100,000-character paste costs what 10,000 do.
const MIN_ANALYSED = 10_000
const ORDER: Record<Severity, number> = { block: 0, warn: 1, hint: 2 }

/**
 * Checks one post against the library's guidelines. Pure and fast enough for
 * every keystroke in the composer; the server runs the same checks at
 * approval and scheduling. Findings come blocking first, then in text order.
 */
export function checkPost(input: PostInput, policy: GuidelinePolicy): Finding[] {
  const effective = enforced(policy)
  const compiled = compilePolicy(effective)
  const audience =
    compiled.audiences.get(input.audience ?? effective.defaultAudience) ??
    compiled.audiences.get(effective.defaultAudience) ??
    effective.audiences[0]!
  const limit = Math.max(MIN_ANALYSED, ...input.channels.map((c) => c.limits.maxCharacters * 4))
  const analysed = input.text.length > limit ? input.text.slice(0, limit) : input.text
  const context = {
    input,
    facts: new TextFacts(analysed),
    compiled,
    audience,
    locale: input.locale,
  }
  const findings: Finding[] = []
  for (const id of Object.keys(RULES) as PostRuleId[]) {
    findings.push(...runRule(id, context, effective))
  }
  if (policy.policySource !== 'approved') {
    findings.push(unapprovedPolicy(input.locale))
  }
  return findings.sort(
    (a, b) =>
      ORDER[a.severity] - ORDER[b.severity] ||
      (a.range?.start ?? Infinity) - (b.range?.start ?? Infinity),
  )
}

function runRule<Id extends PostRuleId>(
  id: Id,
  context: Parameters<PostRule<Id>['check']>[0],
  policy: GuidelinePolicy,
): Finding[] {
  const config = policy.rules[id]
  if (!config.enabled) return []
  return RULES[id].check(context, config).slice(0, MAX_FINDINGS_PER_RULE)
}

/** The stream-level rule over a channel's recent and planned posts, in any order. */
export function checkStream(
  posts: StreamPost[],
  policy: GuidelinePolicy,
  locale: Locale = 'sv',
): Finding[] {
  return checkStreamCounts(countStream(posts), policy, locale)
}

/** The same rule over posts already counted (the server counts; the composer adds the draft). */
export function checkStreamCounts(
  counts: StreamCounts,
  policy: GuidelinePolicy,
  locale: Locale = 'sv',
): Finding[] {
  const config = enforced(policy).rules.skyltfonster
  return config.enabled ? checkSkyltfonster(counts, config, locale) : []
}

/** Until a library approves its policy, the defaults are what apply. */
export function enforced(policy: GuidelinePolicy): GuidelinePolicy {
  return policy.policySource === 'approved' ? policy : DEFAULT_POLICY
}

function unapprovedPolicy(locale: Locale): Finding {
  return {
    ruleId: 'policy',
    kind: 'default',
    severity: 'hint',
    message: say(
      locale,
      'Biblioteket har ingen godkänd policy än; standardreglerna gäller',
      'The library has no approved policy yet; the default rules apply',
    ),
    why: say(
      locale,
      'När policyn är godkänd kontrolleras inläggen mot bibliotekets egna regler, ord och målgrupper.',
      "Once the policy is approved, posts are checked against the library's own rules, words and audiences.",
    ),
  }
}
