import type { InboxKind, Network } from '../../../core/channels/networks.js'
import type { TextFacts } from '../../../core/guidelines/text-facts.js'
import { type TextInput, hasQuestion } from '../../../core/inbox/detect.js'
import {
  DEFAULT_RESPONSE_TARGET,
  dueAt,
  type ResponseTarget,
} from '../../../core/inbox/response-time.js'
import {
  type InboxRule,
  type RuleOutcome,
  evaluateRules,
  inboxRuleSchema,
} from '../../../core/inbox/rules.js'
import type { StrategyDocument } from '../../../core/schemas/strategy.js'
import type { StoreOf } from '../../repos/index.js'
import { generationCache } from '../generation-cache.js'
import { parseDocument } from '../strategy-view.js'

export interface RuleSubject {
  kind: InboxKind
  text: string
  channelId: string
  network: Network
  authorSeenBefore: number
}

/** What the inbox takes from the library's settings and approved policy, read once per batch. */
export interface InboxPolicy {
  rules: InboxRule[]
  ruleNames: ReadonlyMap<string, string>
  tagIds: ReadonlySet<string>
  memberIds: ReadonlySet<string>
  responses: StrategyDocument['responses'] | null
  /** The answer target; the default ("inom 24 timmar på vardagar") until a policy is approved. */
  target: ResponseTarget
  timeZone: string
  hasQuestion(text: TextInput): boolean
  dueAt(receivedAt: string): string | null
  /** `facts`: the text's facts when the caller has them already (each costs a tokenizing). */
  evaluate(subject: RuleSubject, facts?: TextFacts): RuleOutcome[]
}

// Rules are read for every batch ingested; parsed once per definition, the same objects come
// back, and the word matchers core builds for them (kept per condition object) are reused.
const parsedRules = new Map<string, InboxRule | undefined>()

export function parseRule(row: { id: string; definition: string }): InboxRule | undefined {
  const key = `${row.id}\u0000${row.definition}`
  if (parsedRules.has(key)) return parsedRules.get(key)
  const parsed = inboxRuleSchema.safeParse({ id: row.id, ...JSON.parse(row.definition) })
  if (parsedRules.size >= 5_000) parsedRules.clear()
  parsedRules.set(key, parsed.success ? parsed.data : undefined)
  return parsedRules.get(key)
}

export type PolicyRepos = 'inboxSettings' | 'strategy' | 'libraries' | 'cacheGeneration'

/**
 * The inbox's view of each library's settings, kept in the process while the cache
 * generation holds: changes to rules, tags, members, the library and its approved policy
 * bump it (migrations 015 and 035), so ingest reads one counter per batch, not five tables.
 */
export function inboxPolicy(deps: { store: StoreOf<PolicyRepos> }) {
  const { store } = deps
  // Holidays and time zones are computed, not stored: nothing else goes stale meanwhile.
  const cache = generationCache<InboxPolicy>({ ttlMs: 60_000, maxEntries: 1_000 })
  return {
    async forLibrary(libraryId: string): Promise<InboxPolicy> {
      const generation = await store.repos.cacheGeneration.current()
      return (await cache.get(libraryId, generation, () => load(libraryId)))!
    },
  }

  async function load(libraryId: string): Promise<InboxPolicy> {
    const [ruleRows, tags, version, memberIds, library] = await Promise.all([
      store.repos.inboxSettings.rules(libraryId),
      store.repos.inboxSettings.tagIds(libraryId),
      store.repos.strategy.currentVersion(libraryId),
      store.repos.inboxSettings.memberIds(libraryId),
      store.repos.libraries.findById(libraryId),
    ])
    const rules = ruleRows.flatMap((row) => parseRule(row) ?? [])
    const responses = version ? parseDocument(version.document).responses : null
    const target = responses?.target ?? DEFAULT_RESPONSE_TARGET
    const timeZone = library?.time_zone ?? 'Europe/Stockholm'
    return {
      rules,
      ruleNames: new Map(rules.map((r) => [r.id, r.name])),
      tagIds: new Set(tags),
      memberIds: new Set(memberIds),
      responses,
      target,
      timeZone,
      hasQuestion: (text) => hasQuestion(text),
      dueAt: (receivedAt) => dueAt(receivedAt, target, timeZone).toISOString(),
      evaluate: (subject, facts) => evaluateRules(subject, rules, {}, facts),
    }
  }
}
