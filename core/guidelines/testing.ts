// Helpers for the tests of this folder: one post on both networks, the approved example policy.
import { BLUESKY_LIMITS, MASTODON_DEFAULT_LIMITS } from '../composer/limits.js'
import { checkPost } from './check.js'
import { guidelinePolicySchema, type GuidelinePolicy, type GuidelinePolicyInput } from './policy.js'
import type { Finding, FindingRuleId, PostInput } from './types.js'

export const BOTH_NETWORKS: PostInput['channels'] = [
  { network: 'bluesky', limits: BLUESKY_LIMITS },
  { network: 'mastodon', limits: MASTODON_DEFAULT_LIMITS },
]

export function approvedPolicy(
  overrides: Omit<GuidelinePolicyInput, 'policySource'> = {},
): GuidelinePolicy {
  return guidelinePolicySchema.parse({ ...overrides, policySource: 'approved' })
}

const APPROVED_DEFAULTS = approvedPolicy()

export function check(
  text: string,
  options: Partial<Omit<PostInput, 'text'>> & { policy?: GuidelinePolicy } = {},
): Finding[] {
  const { policy = APPROVED_DEFAULTS, ...input } = options
  return checkPost({ text, images: [], channels: BOTH_NETWORKS, locale: 'sv', ...input }, policy)
}

export function of(findings: Finding[], ruleId: FindingRuleId, kind?: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId && (kind === undefined || f.kind === kind))
}

/** The text a finding points at. */
export function marked(text: string, finding: Finding | undefined): string | undefined {
  return finding?.range && text.slice(finding.range.start, finding.range.end)
}

/** The text after applying a finding's fix. */
export function applyFix(text: string, finding: Finding | undefined): string {
  const r = finding?.fix?.replacement
  if (!r) throw new Error('no fix')
  return text.slice(0, r.start) + r.text + text.slice(r.end)
}
