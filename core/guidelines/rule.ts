import type { Locale } from '../locale.js'
import type { CompiledPolicy } from './compile.js'
import type { Audience, RuleConfigs } from './policy.js'
import type { TextFacts } from './text-facts.js'
import type { Finding, PostInput, PostRuleId } from './types.js'

export interface PostContext {
  input: PostInput
  facts: TextFacts
  compiled: CompiledPolicy
  audience: Audience
  locale: Locale
}

export interface PostRule<Id extends PostRuleId = PostRuleId> {
  id: Id
  check(context: PostContext, config: RuleConfigs[Id]): Finding[]
}

/** The audience's name as the reader of the message sees it. */
export function audienceName(audience: Audience, locale: Locale): string {
  return audience.label[locale]
}
