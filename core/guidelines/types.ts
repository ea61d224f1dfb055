import type { Network } from '../channels/networks.js'
import type { NetworkLimits } from '../composer/limits.js'
import type { Locale } from '../locale.js'

export const POST_RULE_IDS = [
  'length',
  'image-alt',
  'hashtags',
  'emoji-count',
  'url-shortener',
  'bare-url',
  'personal-data',
  'forbidden-words',
  'tone',
  'readability',
  'conversation-starter',
] as const
export type PostRuleId = (typeof POST_RULE_IDS)[number]
export type { Network }

export type RuleId = PostRuleId | 'skyltfonster'
/** Findings about the policy itself rather than the text. */
export type FindingRuleId = RuleId | 'policy'

export type Severity = 'block' | 'warn' | 'hint'

/** UTF-16 offsets into the post's text, end exclusive. */
export interface TextRange {
  start: number
  end: number
}

export interface Fix {
  label: string
  replacement: TextRange & { text: string }
}

export interface Finding {
  ruleId: FindingRuleId
  /** Which check inside the rule, stable: e.g. 'personnummer', 'long-sentence', 'over'. */
  kind: string
  severity: Severity
  message: string
  why: string
  range?: TextRange
  fix?: Fix
  /** The channel a length finding is about. */
  network?: Network
  /** Index into `images` for image findings. */
  image?: number
}

export interface PostChannel {
  network: Network
  limits: NetworkLimits
}

export interface PostInput {
  text: string
  /** alt '' means the image has no alt text. */
  images: { alt: string }[]
  channels: PostChannel[]
  /** Target-group id from the policy, e.g. 'unga', 'allmanhet', 'formell'. */
  audience?: string
  /** Language of the messages. */
  locale: Locale
}

export interface StreamPost {
  text: string
}

/** A channel's posts in a period, and how many of them only announce. */
export interface StreamCounts {
  posts: number
  oneWay: number
}
