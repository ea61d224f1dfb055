import { describe, expect, it } from 'vitest'
import {
  MAX_RULES,
  evaluateRules,
  explainRule,
  hideActionFor,
  inboxRuleInputSchema,
  inboxRuleListSchema,
  inboxRuleSchema,
  type InboxRule,
  type InboxRuleInput,
  type RuleItem,
} from './rules.js'

function rule(id: string, input: Omit<InboxRuleInput, 'name'> & { name?: string }): InboxRule {
  return inboxRuleSchema.parse({ id, name: input.name ?? id, enabled: true, ...input })
}

function item(text: string, over: Partial<RuleItem> = {}): RuleItem {
  return {
    text,
    kind: 'reply',
    channelId: 'ch-bsky',
    network: 'bluesky',
    authorSeenBefore: 0,
    ...over,
  }
}

const threats = rule('threats', {
  conditions: [{ type: 'words', phrases: ['hot', 'döda'] }],
  actions: [{ type: 'flag' }, { type: 'tag', tagId: 'tag-threat' }],
})

describe('words and phrases', () => {
  it('matches inflected forms as the guideline checks do, never parts of other words', () => {
    const outcome = (text: string) => evaluateRules(item(text), [threats]).length > 0
    expect(outcome('Det här är ett hot')).toBe(true)
    expect(outcome('Hoten mot biblioteket')).toBe(true)
    expect(outcome('Fler hotet!')).toBe(true)
    expect(outcome('Vi bor på hotellet')).toBe(false)
    expect(outcome('Hotell Borgholm')).toBe(false)
    expect(outcome('#hot')).toBe(true)
  })

  it('does what the guideline matcher does with bok and böcker: inflections by ending only', () => {
    const books = rule('books', {
      conditions: [{ type: 'words', phrases: ['bok'] }],
      actions: [{ type: 'tag', tagId: 't' }],
    })
    expect(evaluateRules(item('Vilken bok!'), [books])).toHaveLength(1)
    expect(evaluateRules(item('Boken var bra'), [books])).toHaveLength(1)
    expect(evaluateRules(item('Många böcker'), [books])).toHaveLength(0)
    expect(evaluateRules(item('En bokcirkel'), [books])).toHaveLength(0)
  })

  it('matches a phrase across whitespace, and exact words only as written', () => {
    const phrase = rule('p', {
      conditions: [{ type: 'words', phrases: ['ring mig'] }],
      actions: [{ type: 'flag' }],
    })
    expect(evaluateRules(item('Kan ni ring\nmig?'), [phrase])).toHaveLength(1)
    expect(evaluateRules(item('Ring gärna mig'), [phrase])).toHaveLength(0)
    const exact = rule('e', {
      conditions: [{ type: 'words', phrases: ['fans'], exact: true }],
      actions: [{ type: 'flag' }],
    })
    expect(evaluateRules(item('Alla fans'), [exact])).toHaveLength(1)
    expect(evaluateRules(item('Fansen'), [exact])).toHaveLength(0)
  })

  it('does not look inside links or mentions', () => {
    expect(evaluateRules(item('https://example.se/hot'), [threats])).toHaveLength(0)
    expect(evaluateRules(item('@hot.bsky.social tack'), [threats])).toHaveLength(0)
  })
})

describe('the other conditions', () => {
  const flagIf = (condition: InboxRuleInput['conditions'][number]) =>
    rule('r', { conditions: [condition], actions: [{ type: 'flag' }] })
  const fires = (r: InboxRule, i: RuleItem) => evaluateRules(i, [r]).length === 1

  it('tests the item kind, the channel and whether the author wrote before', () => {
    expect(fires(flagIf({ type: 'kind', kinds: ['mention', 'quote'] }), item('x'))).toBe(false)
    expect(
      fires(flagIf({ type: 'kind', kinds: ['mention'] }), item('x', { kind: 'mention' })),
    ).toBe(true)
    expect(fires(flagIf({ type: 'channel', channelIds: ['ch-masto'] }), item('x'))).toBe(false)
    expect(fires(flagIf({ type: 'channel', channelIds: ['ch-bsky'] }), item('x'))).toBe(true)
    const firstTimer = flagIf({ type: 'author_seen_before', value: false })
    expect(fires(firstTimer, item('x'))).toBe(true)
    expect(fires(firstTimer, item('x', { authorSeenBefore: 3 }))).toBe(false)
    const regular = flagIf({ type: 'author_seen_before', value: true })
    expect(fires(regular, item('x', { authorSeenBefore: 1 }))).toBe(true)
  })

  it('tests the text predicates', () => {
    expect(fires(flagIf({ type: 'only_emoji' }), item('😍👏'))).toBe(true)
    expect(fires(flagIf({ type: 'only_emoji' }), item('Bra 😍'))).toBe(false)
    expect(fires(flagIf({ type: 'only_mentions' }), item('@anna @bertil'))).toBe(true)
    expect(fires(flagIf({ type: 'contains_link' }), item('köp billigt på spam.io/x'))).toBe(true)
    expect(fires(flagIf({ type: 'contains_email' }), item('nås på a.b@example.se'))).toBe(true)
    expect(fires(flagIf({ type: 'contains_personnummer' }), item('Mitt nr: 811218-9876'))).toBe(
      true,
    )
    expect(fires(flagIf({ type: 'contains_personnummer' }), item('Ring 0701234569'))).toBe(false)
  })

  it('needs every condition of a rule to hold', () => {
    const r = rule('both', {
      conditions: [{ type: 'contains_link' }, { type: 'author_seen_before', value: false }],
      actions: [{ type: 'mark_done' }],
    })
    expect(evaluateRules(item('se x.se'), [r])).toHaveLength(1)
    expect(evaluateRules(item('se x.se', { authorSeenBefore: 2 }), [r])).toHaveLength(0)
    expect(evaluateRules(item('ingen länk'), [r])).toHaveLength(0)
  })
})

describe('evaluateRules', () => {
  it('gives each action once, in rule order, the first assignee winning', () => {
    const personal = rule('personal', {
      conditions: [{ type: 'contains_personnummer' }],
      actions: [
        { type: 'tag', tagId: 'tag-personal' },
        { type: 'assign', memberId: 'anna' },
        { type: 'flag' },
      ],
    })
    const again = rule('again', {
      conditions: [{ type: 'kind', kinds: ['reply'] }],
      actions: [
        { type: 'flag' },
        { type: 'tag', tagId: 'tag-personal' },
        { type: 'tag', tagId: 'tag-reply' },
        { type: 'assign', memberId: 'bertil' },
      ],
    })
    const text = 'Hej, 811218-9876 här'
    expect(evaluateRules(item(text), [personal, again])).toEqual([
      { ruleId: 'personal', action: { type: 'tag', tagId: 'tag-personal' } },
      { ruleId: 'personal', action: { type: 'assign', memberId: 'anna' } },
      { ruleId: 'personal', action: { type: 'flag' } },
      { ruleId: 'again', action: { type: 'tag', tagId: 'tag-reply' } },
    ])
    expect(evaluateRules(item(text), [again, personal])[0]).toEqual({
      ruleId: 'again',
      action: { type: 'flag' },
    })
  })

  it('skips disabled rules', () => {
    expect(evaluateRules(item('hot'), [{ ...threats, enabled: false }])).toEqual([])
  })

  it('hides only where the network lets the library hide this kind of item', () => {
    const hide = rule('spam', {
      conditions: [{ type: 'contains_link' }],
      actions: [{ type: 'hide' }, { type: 'tag', tagId: 'spam' }],
    })
    const text = 'billigt på spam.io'
    expect(evaluateRules(item(text), [hide])[0]!.action).toEqual({
      type: 'hide',
      moderation: 'hide_reply',
    })
    // Mastodon cannot hide a reply under the library's post: only the tag is left.
    expect(evaluateRules(item(text, { network: 'mastodon' }), [hide])).toEqual([
      { ruleId: 'spam', action: { type: 'tag', tagId: 'spam' } },
    ])
    expect(hideActionFor({ kind: 'quote', network: 'mastodon' })).toBe('revoke_quote')
    expect(hideActionFor({ kind: 'quote', network: 'bluesky' })).toBe('detach_quote')
    expect(hideActionFor({ kind: 'mention', network: 'bluesky' })).toBeUndefined()
    expect(
      hideActionFor({ kind: 'reply', network: 'bluesky' }, { moderation: ['block'] }),
    ).toBeUndefined()
  })

  it('is the same for the same input, whatever was evaluated before', () => {
    const first = evaluateRules(item('ett hot'), [threats])
    evaluateRules(item('hotell'), [threats])
    expect(evaluateRules(item('ett hot'), [threats])).toEqual(first)
  })
})

describe('rule schemas', () => {
  const valid = {
    name: 'Personnummer',
    conditions: [{ type: 'contains_personnummer' }],
    actions: [{ type: 'flag' }],
  }

  it('accepts a rule and enables it by default', () => {
    expect(inboxRuleInputSchema.parse(valid).enabled).toBe(true)
  })

  it('refuses empty lists, too many conditions, long phrases and unknown kinds', () => {
    expect(inboxRuleInputSchema.safeParse({ ...valid, conditions: [] }).success).toBe(false)
    expect(inboxRuleInputSchema.safeParse({ ...valid, actions: [] }).success).toBe(false)
    const many = Array.from({ length: 21 }, () => ({ type: 'contains_link' }))
    expect(inboxRuleInputSchema.safeParse({ ...valid, conditions: many }).success).toBe(false)
    const long = [{ type: 'words', phrases: ['x'.repeat(101)] }]
    expect(inboxRuleInputSchema.safeParse({ ...valid, conditions: long }).success).toBe(false)
    const ok = [{ type: 'words', phrases: ['x'.repeat(100)] }]
    expect(inboxRuleInputSchema.safeParse({ ...valid, conditions: ok }).success).toBe(true)
    const blank = [{ type: 'words', phrases: ['   '] }]
    expect(inboxRuleInputSchema.safeParse({ ...valid, conditions: blank }).success).toBe(false)
    const like = [{ type: 'kind', kinds: ['like'] }]
    expect(inboxRuleInputSchema.safeParse({ ...valid, conditions: like }).success).toBe(false)
    expect(inboxRuleInputSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false)
  })

  it('holds at most 50 rules', () => {
    const list = Array.from({ length: MAX_RULES + 1 }, (_, i) => ({
      id: `r${i}`,
      enabled: true,
      ...valid,
    }))
    expect(inboxRuleListSchema.safeParse(list).success).toBe(false)
    expect(inboxRuleListSchema.safeParse(list.slice(1)).success).toBe(true)
  })
})

describe('explainRule', () => {
  const names = {
    tags: { 'tag-personal': 'Personligt ärende', 'tag-threat': 'Hot' },
    members: { anna: 'Anna Berg' },
    channels: { 'ch-bsky': '@bibblan.bsky.social' },
  }

  it('says a rule in one plain Swedish sentence', () => {
    const r = rule('p', {
      conditions: [{ type: 'contains_personnummer' }],
      actions: [{ type: 'tag', tagId: 'tag-personal' }, { type: 'flag' }],
    })
    expect(explainRule(r, 'sv', names)).toBe(
      'Om texten innehåller ett personnummer: tagga Personligt ärende och flagga för Ansvarig.',
    )
    expect(explainRule(r, 'en', names)).toBe(
      'If the text contains a personal identity number: tag Personligt ärende and flag for the Manager.',
    )
  })

  it('joins the conditions and actions, and names what is gone', () => {
    const r = rule('x', {
      conditions: [
        { type: 'words', phrases: ['hot', 'döda'] },
        { type: 'contains_link' },
        { type: 'kind', kinds: ['reply', 'quote'] },
        { type: 'author_seen_before', value: false },
        { type: 'channel', channelIds: ['ch-bsky'] },
      ],
      actions: [
        { type: 'assign', memberId: 'anna' },
        { type: 'tag', tagId: 'gone' },
        { type: 'hide' },
      ],
    })
    expect(explainRule(r, 'sv', names)).toBe(
      'Om texten innehåller ”hot” eller ”döda” och en länk, det är ett svar eller ett citat, ' +
        'avsändaren skriver för första gången och det kom in på @bibblan.bsky.social: ' +
        'tilldela Anna Berg, tagga en borttagen tagg och dölj på nätverket där det går.',
    )
    expect(explainRule(r, 'en')).toContain('assign to a former member, tag a deleted tag and hide')
  })
})
