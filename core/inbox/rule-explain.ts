import type { InboxKind } from '../channels/networks.js'
import type { Locale } from '../locale.js'
import type { InboxRule, RuleAction, RuleCondition } from './rule-schema.js'

/** Display names for the ids a rule refers to. */
export interface RuleNames {
  tags?: Readonly<Record<string, string>>
  members?: Readonly<Record<string, string>>
  channels?: Readonly<Record<string, string>>
}

type Say = Readonly<Record<Locale, string>>

const KINDS: Record<InboxKind, Say> = {
  reply: { sv: 'ett svar', en: 'a reply' },
  mention: { sv: 'ett omnämnande', en: 'a mention' },
  quote: { sv: 'ett citat', en: 'a quote' },
  comment: { sv: 'en kommentar', en: 'a comment' },
}

const CONTAINS: Partial<Record<RuleCondition['type'], Say>> = {
  contains_link: { sv: 'en länk', en: 'a link' },
  contains_email: { sv: 'en e-postadress', en: 'an e-mail address' },
  contains_personnummer: { sv: 'ett personnummer', en: 'a personal identity number' },
}

const AND: Say = { sv: 'och', en: 'and' }
const OR: Say = { sv: 'eller', en: 'or' }

/**
 * One plain sentence saying what a rule does, for the rules list and the
 * inbox's activity log: "Om texten innehåller ett personnummer: tagga
 * Personligt ärende och flagga för Ansvarig."
 */
export function explainRule(rule: InboxRule, locale: Locale, names: RuleNames = {}): string {
  const contained: string[] = []
  const clauses: string[] = []
  for (const condition of rule.conditions) {
    const thing = CONTAINS[condition.type]
    if (thing) contained.push(thing[locale])
    else if (condition.type === 'words') contained.push(words(condition.phrases, locale))
    else clauses.push(clause(condition, locale, names))
  }
  // "the text contains a link and an e-mail address" reads better than saying it twice.
  if (contained.length > 0) {
    const prefix = locale === 'sv' ? 'texten innehåller' : 'the text contains'
    clauses.unshift(`${prefix} ${join(contained, AND[locale])}`)
  }
  const actions = rule.actions.map((a) => action(a, locale, names))
  const lead = locale === 'sv' ? 'Om' : 'If'
  return `${lead} ${join(clauses, AND[locale])}: ${join(actions, AND[locale])}.`
}

function words(phrases: readonly string[], locale: Locale): string {
  const quoted = phrases.map((p) => `”${p}”`)
  return join(quoted, OR[locale])
}

function clause(condition: RuleCondition, locale: Locale, names: RuleNames): string {
  const sv = locale === 'sv'
  switch (condition.type) {
    case 'kind': {
      const kinds = join(
        condition.kinds.map((k) => KINDS[k][locale]),
        OR[locale],
      )
      return sv ? `det är ${kinds}` : `it is ${kinds}`
    }
    case 'only_emoji':
      return sv ? 'texten bara är emojier' : 'the text is only emoji'
    case 'only_mentions':
      return sv ? 'texten bara är omnämnanden' : 'the text is only mentions'
    case 'author_seen_before':
      if (condition.value)
        return sv ? 'avsändaren har skrivit förut' : 'the author has written before'
      return sv ? 'avsändaren skriver för första gången' : 'the author writes for the first time'
    case 'channel': {
      const channels = join(
        condition.channelIds.map((id) => name(names.channels, id, locale, 'channel')),
        OR[locale],
      )
      return sv ? `det kom in på ${channels}` : `it came in on ${channels}`
    }
    case 'words':
    case 'contains_link':
    case 'contains_email':
    case 'contains_personnummer':
      throw new Error('said with the text it is about')
  }
}

function action(a: RuleAction, locale: Locale, names: RuleNames): string {
  const sv = locale === 'sv'
  switch (a.type) {
    case 'tag':
      return `${sv ? 'tagga' : 'tag'} ${name(names.tags, a.tagId, locale, 'tag')}`
    case 'assign':
      return `${sv ? 'tilldela' : 'assign to'} ${name(names.members, a.memberId, locale, 'member')}`
    case 'mark_done':
      return sv ? 'markera som klar' : 'mark as done'
    case 'flag':
      return sv ? 'flagga för Ansvarig' : 'flag for the Manager'
    case 'hide':
      return sv ? 'dölj på nätverket där det går' : 'hide on the network where it allows'
  }
}

const GONE: Record<'tag' | 'member' | 'channel', Say> = {
  tag: { sv: 'en borttagen tagg', en: 'a deleted tag' },
  member: { sv: 'en tidigare medlem', en: 'a former member' },
  channel: { sv: 'en borttagen kanal', en: 'a removed channel' },
}

function name(
  table: Readonly<Record<string, string>> | undefined,
  id: string,
  locale: Locale,
  what: keyof typeof GONE,
): string {
  const found = table && Object.hasOwn(table, id) ? table[id] : undefined
  return found ?? GONE[what][locale]
}

/** "a, b och c" */
function join(parts: readonly string[], conjunction: string): string {
  if (parts.length <= 1) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} ${conjunction} ${parts[parts.length - 1]}`
}
