import type { TFunction } from 'i18next'
import type {
  InboxRule,
  RuleAction,
  RuleActionType,
  RuleConditionInput,
  RuleConditionType,
} from '../../../core/inbox/rule-schema.js'

/*
 * The rules form edits a draft, not the API's shape: a list of words is typed one per line, and
 * an action may be added before its tag or member is picked. The draft becomes a rule on saving.
 */

type Keyed<T> = T & { key: number }
export type ConditionDraft = Keyed<
  Exclude<RuleConditionInput, { type: 'words' }> | { type: 'words'; text: string; exact: boolean }
>
export type ActionDraft = Keyed<
  | Exclude<RuleAction, { type: 'tag' | 'assign' }>
  | { type: 'tag'; tagId: string }
  | { type: 'assign'; memberId: string }
>
export type RuleDraft = {
  name: string
  enabled: boolean
  conditions: ConditionDraft[]
  actions: ActionDraft[]
}

let nextKey = 1
const keyed = <T extends object>(value: T): Keyed<T> => ({ ...value, key: nextKey++ })

export function newCondition(type: RuleConditionType): ConditionDraft {
  switch (type) {
    case 'words':
      return keyed({ type, text: '', exact: false })
    case 'kind':
      return keyed({ type, kinds: [] })
    case 'author_seen_before':
      return keyed({ type, value: false })
    case 'channel':
      return keyed({ type, channelIds: [] })
    case 'only_emoji':
    case 'only_mentions':
    case 'contains_link':
    case 'contains_email':
    case 'contains_personnummer':
      return keyed({ type })
  }
}

export function newAction(type: RuleActionType): ActionDraft {
  switch (type) {
    case 'tag':
      return keyed({ type, tagId: '' })
    case 'assign':
      return keyed({ type, memberId: '' })
    case 'mark_done':
    case 'flag':
    case 'hide':
      return keyed({ type })
  }
}

export function draftOf(rule?: InboxRule): RuleDraft {
  if (!rule) return { name: '', enabled: true, conditions: [newCondition('words')], actions: [] }
  return {
    name: rule.name,
    enabled: rule.enabled,
    conditions: rule.conditions.map((condition) =>
      condition.type === 'words'
        ? keyed({ type: 'words', text: condition.phrases.join('\n'), exact: condition.exact })
        : keyed(condition),
    ),
    actions: rule.actions.map((action) => keyed(action)),
  }
}

export function phrasesOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((phrase) => phrase.trim())
        .filter(Boolean),
    ),
  ]
}

/** The draft as the API takes it; the draft is assumed to have passed `draftProblems`. */
export function inputOf(draft: RuleDraft): Omit<InboxRule, 'id'> {
  return {
    name: draft.name.trim(),
    enabled: draft.enabled,
    conditions: draft.conditions.map(({ key: _key, ...condition }) =>
      condition.type === 'words'
        ? { type: 'words', phrases: phrasesOf(condition.text), exact: condition.exact }
        : condition,
    ),
    actions: draft.actions.map(({ key: _key, ...action }) => action),
  }
}

export type DraftProblems = {
  name?: string
  conditions?: string
  actions?: string
  /** By the condition's or action's key. */
  parts: Record<number, string>
}

/** What keeps the draft from being saved, in words, before the server is asked. */
export function draftProblems(t: TFunction, draft: RuleDraft): DraftProblems {
  const problems: DraftProblems = { parts: {} }
  if (!draft.name.trim()) problems.name = t('validation.required')
  if (draft.conditions.length === 0) problems.conditions = t('inboxSettings.rules.needCondition')
  if (draft.actions.length === 0) problems.actions = t('inboxSettings.rules.needAction')
  for (const condition of draft.conditions) {
    const missing =
      (condition.type === 'words' && phrasesOf(condition.text).length === 0) ||
      (condition.type === 'kind' && condition.kinds.length === 0) ||
      (condition.type === 'channel' && condition.channelIds.length === 0)
    if (missing) problems.parts[condition.key] = t(`inboxSettings.rules.missing.${condition.type}`)
  }
  for (const action of draft.actions) {
    if ((action.type === 'tag' && !action.tagId) || (action.type === 'assign' && !action.memberId))
      problems.parts[action.key] = t(`inboxSettings.rules.missing.${action.type}`)
  }
  return problems
}

export function hasProblems(problems: DraftProblems): boolean {
  return Boolean(
    problems.name ||
    problems.conditions ||
    problems.actions ||
    Object.keys(problems.parts).length > 0,
  )
}
