import type { Insertable } from 'kysely'
import {
  type InboxKind,
  NETWORK_CAPABILITIES,
  isAnswerKind,
  type Network,
} from '../../../core/channels/networks.js'
import { TextFacts } from '../../../core/guidelines/text-facts.js'
import type { InboxActivityTable, InboxItemTagsTable } from '../../db/schema/inbox.js'
import type { ChannelRow } from '../../repos/channels-repo.js'
import type { StoreOf } from '../../repos/index.js'
import type { InboxItemRow, InteractionRow } from '../../repos/ingest-repo.js'
import { timeOrderedId } from '../../security/tokens.js'
import { type InboxPolicy, type PolicyRepos, inboxPolicy } from './inbox-policy.js'

export interface AppliedRules {
  items: InboxItemRow[]
  tags: InboxItemTagsTable[]
  activity: Insertable<InboxActivityTable>[]
  /** Items an automatic rule hides on the network (where the network allows it). */
  hide: AutomaticHide[]
}

export interface AutomaticHide {
  itemId: string
  ruleId: string
  ruleName: string
}

export interface RuleSet {
  apply(
    channel: ChannelRow,
    rows: readonly InteractionRow[],
    /** Authors with an inbox item in the library before this batch. */
    seenBefore: ReadonlySet<string>,
    now: string,
    /** The author's answered or closed item in the same thread, by `author\0root`. */
    earlier?: ReadonlyMap<string, { id: string; assignee_id: string | null }>,
  ): AppliedRules
}

/**
 * Turns new interactions into inbox items with the library's automatic rules
 * and answer target applied. Every automatic action is written as activity
 * naming its rule, so the item shows it and a person can undo it.
 */
export function inboxRules(deps: { store: StoreOf<PolicyRepos> }) {
  const policies = inboxPolicy(deps)
  return {
    async forLibrary(libraryId: string): Promise<RuleSet> {
      const policy = await policies.forLibrary(libraryId)
      return {
        apply: (channel, rows, seen, now, earlier) =>
          applyRules(policy, channel, rows, seen, now, earlier ?? new Map()),
      }
    },
  }
}
export type InboxRules = ReturnType<typeof inboxRules>

function applyRules(
  policy: InboxPolicy,
  channel: ChannelRow,
  rows: readonly InteractionRow[],
  seen: ReadonlySet<string>,
  now: string,
  earlier: ReadonlyMap<string, { id: string; assignee_id: string | null }>,
): AppliedRules {
  const out: AppliedRules = { items: [], tags: [], activity: [], hide: [] }
  // Activity ids that follow the clock append to their unique index instead of writing a
  // random page of it for every automatic action.
  const nowMs = Date.parse(now) || Date.now()
  const newId = () => timeOrderedId(nowMs)
  const canHide = NETWORK_CAPABILITIES[channel.network as Network]?.canHideReplies ?? false
  // A read's items arrive at one instant: the due time (working hours in the library's time zone)
  // is worked out once, not 500 times.
  const due = new Map<string, string | null>()
  const dueAt = (receivedAt: string) => {
    if (!due.has(receivedAt)) due.set(receivedAt, policy.dueAt(receivedAt))
    return due.get(receivedAt)!
  }
  for (const row of rows) {
    const facts = new TextFacts(row.text)
    const item: InboxItemRow = {
      id: row.id,
      library_id: row.library_id,
      channel_id: row.channel_id,
      kind: row.kind,
      state: 'new',
      assignee_id: null,
      flagged: 0,
      has_question: policy.hasQuestion(facts) ? 1 : 0,
      author_remote_id: row.author_remote_id,
      search_text: `${row.text}\n${row.author_handle}\n${row.author_name}`.toLowerCase(),
      received_at: row.received_at,
      due_at: dueAt(row.received_at),
      first_response_at: null,
      first_responder_id: null,
      closed_at: null,
      moderated_at: null,
      version: 1,
      updated_at: now,
    }
    const matched = policy.evaluate(
      {
        kind: row.kind as InboxKind,
        text: row.text,
        channelId: row.channel_id,
        network: channel.network as Network,
        authorSeenBefore: seen.has(row.author_remote_id) ? 1 : 0,
      },
      facts,
    )
    for (const { ruleId, action } of matched) {
      const rule = { id: ruleId, name: policy.ruleNames.get(ruleId) ?? '' }
      const activity = (name: string, detail: Record<string, unknown>) =>
        out.activity.push({
          id: newId(),
          library_id: row.library_id,
          item_id: row.id,
          action: name,
          actor_id: null,
          rule_id: rule.id,
          rule_name: rule.name,
          detail: JSON.stringify(detail),
          at: now,
          undone_at: null,
        })
      switch (action.type) {
        case 'tag':
          if (!policy.tagIds.has(action.tagId)) break
          out.tags.push({ item_id: row.id, tag_id: action.tagId, library_id: row.library_id })
          activity('tagged', { tagId: action.tagId })
          break
        case 'assign':
          if (!policy.memberIds.has(action.memberId) || item.assignee_id) break
          item.assignee_id = action.memberId
          item.state = item.state === 'new' ? 'assigned' : item.state
          activity('assigned', { assigneeId: action.memberId })
          break
        case 'mark_done':
          if (item.state === 'done') break
          activity('state_changed', { from: item.state, state: 'done' })
          item.state = 'done'
          item.closed_at = now
          break
        case 'flag':
          if (item.flagged) break
          item.flagged = 1
          activity('flagged', {})
          break
        case 'hide':
          if (!canHide || !isAnswerKind(row.kind)) break
          out.hide.push({ itemId: row.id, ruleId: rule.id, ruleName: rule.name })
          break
      }
    }
    // The same person writing again in a thread the library answered: the matter is open again,
    // and goes back to whoever had it.
    const before = row.root_remote_id
      ? earlier.get(`${row.author_remote_id}\u0000${row.root_remote_id}`)
      : undefined
    if (before && item.state !== 'done') {
      if (!item.assignee_id && before.assignee_id && policy.memberIds.has(before.assignee_id)) {
        item.assignee_id = before.assignee_id
        item.state = 'assigned'
      }
      out.activity.push({
        id: newId(),
        library_id: row.library_id,
        item_id: row.id,
        action: 'reopened',
        actor_id: null,
        rule_id: null,
        rule_name: null,
        detail: JSON.stringify({ previousItemId: before.id, assigneeId: item.assignee_id }),
        at: now,
        undone_at: null,
      })
    }
    out.items.push(item)
  }
  return out
}
