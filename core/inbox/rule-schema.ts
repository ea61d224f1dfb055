import { z } from 'zod'
import { INBOX_KINDS } from '../channels/networks.js'
import { idSchema } from '../schemas/common.js'

/*
 * Automatic inbox rules: when every condition holds for a new item, the
 * actions run in order. Kept as data (not code) so the web's rules editor,
 * the server's ingest and the explanation in plain words all read the same
 * thing.
 */

export const MAX_RULES = 50
export const MAX_CONDITIONS = 20
export const MAX_ACTIONS = 10
export const MAX_PHRASES = 50
export const MAX_PHRASE_LENGTH = 100

const phraseSchema = z.string().trim().min(1).max(MAX_PHRASE_LENGTH)

export const RULE_CONDITION_TYPES = [
  'words',
  'kind',
  'only_emoji',
  'only_mentions',
  'contains_link',
  'contains_email',
  'contains_personnummer',
  'author_seen_before',
  'channel',
] as const
export type RuleConditionType = (typeof RULE_CONDITION_TYPES)[number]

export const ruleConditionSchema = z.discriminatedUnion('type', [
  /** Any of the words or phrases, each in its inflected forms unless `exact`. */
  z.strictObject({
    type: z.literal('words'),
    phrases: z.array(phraseSchema).min(1).max(MAX_PHRASES),
    exact: z.boolean().default(false),
  }),
  /** Any of these kinds of item. */
  z.strictObject({ type: z.literal('kind'), kinds: z.array(z.enum(INBOX_KINDS)).min(1).max(4) }),
  z.strictObject({ type: z.literal('only_emoji') }),
  z.strictObject({ type: z.literal('only_mentions') }),
  z.strictObject({ type: z.literal('contains_link') }),
  z.strictObject({ type: z.literal('contains_email') }),
  /** Personnummer or samordningsnummer, date and Luhn checked. */
  z.strictObject({ type: z.literal('contains_personnummer') }),
  /** true: the author has earlier items in this library's inbox; false: a first-timer. */
  z.strictObject({ type: z.literal('author_seen_before'), value: z.boolean() }),
  /** Any of these channels (ids of the library's channels). */
  z.strictObject({ type: z.literal('channel'), channelIds: z.array(idSchema).min(1).max(50) }),
])
export type RuleCondition = z.infer<typeof ruleConditionSchema>
export type RuleConditionInput = z.input<typeof ruleConditionSchema>

export const RULE_ACTION_TYPES = ['tag', 'assign', 'mark_done', 'flag', 'hide'] as const
export type RuleActionType = (typeof RULE_ACTION_TYPES)[number]

export const ruleActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('tag'), tagId: idSchema }),
  z.strictObject({ type: z.literal('assign'), memberId: idSchema }),
  z.strictObject({ type: z.literal('mark_done') }),
  /** Escalate to the Ansvarig. */
  z.strictObject({ type: z.literal('flag') }),
  /** Hide on the network (moderation), only where the network lets the library. */
  z.strictObject({ type: z.literal('hide') }),
])
export type RuleAction = z.infer<typeof ruleActionSchema>

const ruleBody = {
  name: z.string().trim().min(1).max(80),
  enabled: z.boolean(),
  /** All must hold. */
  conditions: z.array(ruleConditionSchema).min(1).max(MAX_CONDITIONS),
  /** Run in this order. */
  actions: z.array(ruleActionSchema).min(1).max(MAX_ACTIONS),
}

export const inboxRuleSchema = z
  .strictObject({ id: idSchema, ...ruleBody })
  .meta({ id: 'InboxRule' })
export type InboxRule = z.infer<typeof inboxRuleSchema>
export type InboxRuleInput = z.input<typeof inboxRuleInputSchema>

/** What the rules editor sends to create or replace a rule. */
export const inboxRuleInputSchema = z
  .strictObject({ ...ruleBody, enabled: z.boolean().default(true) })
  .meta({ id: 'InboxRuleInput' })

/** A library's rules, in the order they run. */
export const inboxRuleListSchema = z.array(inboxRuleSchema).max(MAX_RULES)

/** Reorders a library's rules: every id once. */
export const inboxRuleOrderSchema = z.strictObject({
  ids: z.array(idSchema).max(MAX_RULES),
})
