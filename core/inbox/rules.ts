import {
  NETWORK_CAPABILITIES,
  isAnswerKind,
  type InboxKind,
  type ModerationAction,
  type Network,
} from '../channels/networks.js'
import { TextFacts } from '../guidelines/text-facts.js'
import { WordMatcher } from '../guidelines/word-matcher.js'
import type { InboxItem } from '../schemas/inbox.js'
import {
  containsEmail,
  containsLink,
  containsPersonnummer,
  onlyEmoji,
  onlyMentions,
} from './detect.js'
import type { InboxRule, RuleAction, RuleCondition } from './rule-schema.js'

export * from './rule-schema.js'
export { explainRule, type RuleNames } from './rule-explain.js'

/** What a rule looks at: an item as ingest has it, before anyone touched it. */
export interface RuleItem {
  text: string
  kind: InboxKind
  channelId: string
  network: Network
  /** Earlier items by the same author in this library's inbox. */
  authorSeenBefore: number
}

export interface RuleContext {
  /** What the item's channel lets the library do; the network's capabilities when left out. */
  moderation?: readonly ModerationAction[]
}

/** A rule's action as it will be carried out; a hide says which moderation the network offers. */
export type ResolvedRuleAction =
  Exclude<RuleAction, { type: 'hide' }> | { type: 'hide'; moderation: ModerationAction }

export interface RuleOutcome {
  ruleId: string
  action: ResolvedRuleAction
}

export function ruleItemOf(item: InboxItem): RuleItem {
  return {
    text: item.text,
    kind: item.kind,
    channelId: item.channel.id,
    network: item.channel.network,
    authorSeenBefore: item.author.seenBefore,
  }
}

/**
 * The actions the enabled rules take on an item, in rule order, each at most
 * once: a tag once however many rules add it, one assignee (the first rule's),
 * one flag, one done, one hide. A hide the network does not allow for this
 * kind of item is left out, since there is nothing to carry out.
 */
export function evaluateRules(
  item: RuleItem,
  rules: readonly InboxRule[],
  context: RuleContext = {},
  facts: TextFacts = new TextFacts(item.text),
): RuleOutcome[] {
  const outcomes: RuleOutcome[] = []
  const taken = new Set<string>()
  for (const rule of rules) {
    if (!rule.enabled) continue
    if (!rule.conditions.every((c) => holds(c, item, facts))) continue
    for (const action of rule.actions) {
      const resolved = resolve(action, item, context)
      if (!resolved) continue
      const key = actionKey(resolved)
      if (taken.has(key)) continue
      taken.add(key)
      outcomes.push({ ruleId: rule.id, action: resolved })
    }
  }
  return outcomes
}

/** Whether one rule's conditions all hold, for the editor's "try it on this item". */
export function ruleMatches(rule: InboxRule, item: RuleItem): boolean {
  const facts = new TextFacts(item.text)
  return rule.conditions.every((c) => holds(c, item, facts))
}

function holds(condition: RuleCondition, item: RuleItem, facts: TextFacts): boolean {
  switch (condition.type) {
    case 'words':
      return matcherFor(condition).find(facts, ['text', 'tag']).length > 0
    case 'kind':
      return condition.kinds.includes(item.kind)
    case 'only_emoji':
      return onlyEmoji(facts)
    case 'only_mentions':
      return onlyMentions(facts)
    case 'contains_link':
      return containsLink(facts)
    case 'contains_email':
      return containsEmail(facts)
    case 'contains_personnummer':
      return containsPersonnummer(facts)
    case 'author_seen_before':
      return item.authorSeenBefore > 0 === condition.value
    case 'channel':
      return condition.channelIds.includes(item.channelId)
  }
}

// Rules are evaluated for every item ingested; a condition's matcher is built once.
const matchers = new WeakMap<object, WordMatcher<true>>()

function matcherFor(condition: Extract<RuleCondition, { type: 'words' }>): WordMatcher<true> {
  let matcher = matchers.get(condition)
  if (!matcher) {
    matcher = new WordMatcher(
      condition.phrases.map((phrase) => ({ phrase, exact: condition.exact, payload: true })),
    )
    matchers.set(condition, matcher)
  }
  return matcher
}

function resolve(
  action: RuleAction,
  item: RuleItem,
  context: RuleContext,
): ResolvedRuleAction | undefined {
  if (action.type !== 'hide') return action
  const moderation = hideActionFor(item, context)
  return moderation ? { type: 'hide', moderation } : undefined
}

/** How an item is hidden on its network, if at all: a reply hidden, a quote detached or revoked. */
export function hideActionFor(
  item: Pick<RuleItem, 'kind' | 'network'>,
  context: RuleContext = {},
): ModerationAction | undefined {
  const allowed = context.moderation ?? NETWORK_CAPABILITIES[item.network].moderation
  const wanted: readonly ModerationAction[] = isAnswerKind(item.kind)
    ? ['hide_reply']
    : item.kind === 'quote'
      ? ['detach_quote', 'revoke_quote']
      : []
  return wanted.find((a) => allowed.includes(a))
}

function actionKey(action: ResolvedRuleAction): string {
  switch (action.type) {
    case 'tag':
      return `tag:${action.tagId}`
    case 'assign':
    case 'mark_done':
    case 'flag':
    case 'hide':
      return action.type
  }
}
