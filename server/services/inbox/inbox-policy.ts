import { type InboxRule, inboxRuleSchema } from '../../../core/inbox/rules.js'
import type { StrategyDocument } from '../../../core/schemas/strategy.js'
import type { StoreOf } from '../../repos/index.js'
import { parseDocument } from '../strategy-view.js'

export interface RuleSubject {
  kind: string
  text: string
  channelId: string
  authorSeenBefore: boolean
}

/** What the inbox takes from the library's settings and approved policy, read once per batch. */
export interface InboxPolicy {
  rules: InboxRule[]
  tagIds: ReadonlySet<string>
  memberIds: ReadonlySet<string>
  responses: StrategyDocument['responses'] | null
  hasQuestion(text: string): boolean
  dueAt(receivedAt: string): string | null
  evaluate(subject: RuleSubject): { rule: InboxRule; action: InboxRule['actions'][number] }[]
}

export function inboxPolicy(deps: { store: StoreOf<'inboxSettings' | 'strategy'> }) {
  const { store } = deps
  return {
    async forLibrary(libraryId: string): Promise<InboxPolicy> {
      const [ruleRows, tags, version] = await Promise.all([
        store.repos.inboxSettings.rules(libraryId),
        store.repos.inboxSettings.tagIds(libraryId),
        store.repos.strategy.currentVersion(libraryId),
      ])
      const memberIds = new Set(await store.repos.inboxSettings.memberIds(libraryId))
      const rules = ruleRows.flatMap((row) => {
        const parsed = inboxRuleSchema.safeParse({ id: row.id, ...JSON.parse(row.definition) })
        return parsed.success && parsed.data.enabled ? [parsed.data] : []
      })
      const responses = version ? parseDocument(version.document).responses : null
      return {
        rules,
        tagIds: new Set(tags),
        memberIds,
        responses,
        hasQuestion: (text) => /\?/.test(text),
        dueAt: () => null,
        evaluate: () => [],
      }
    },
  }
}
