export { checkPost, checkStream, checkStreamCounts, enforced } from './check.js'
export { compilePolicy, type CompiledPolicy } from './compile.js'
export {
  DEFAULT_AUDIENCES,
  DEFAULT_POLICY,
  audienceSchema,
  forbiddenEntrySchema,
  guidelinePolicySchema,
  type Audience,
  type ForbiddenEntry,
  type GuidelinePolicy,
  type GuidelinePolicyInput,
} from './policy.js'
export { lix } from './rules/readability.js'
export {
  CHANNEL_MIX_DAYS_AFTER,
  CHANNEL_MIX_DAYS_BEFORE,
  isOneWay,
  withPost,
} from './rules/skyltfonster.js'
export { TextFacts } from './text-facts.js'
export * from './types.js'
