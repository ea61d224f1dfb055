import { randomUUID } from 'node:crypto'
import {
  type ArchiveEntryKind,
  type RecordClass,
  archiveContentSchema,
  archiveEntryKindSchema,
} from '../../../core/archive/entry.js'
import {
  type RetentionFacts,
  type RetentionRule,
  governingRule,
  retainedUntil,
  ruleCovers,
} from '../../../core/archive/retention.js'
import { auditIn } from '../audit-service.js'
import { DomainError } from '../../../core/errors.js'
import type {
  HeldBackReason,
  HoldInput,
  HoldView,
  RetentionRuleInput,
  RetentionRuleView,
  WeedingDecisionView,
  WeedingInput,
  WeedingPreview,
} from '../../../core/schemas/archive-weeding.js'
import { addDays, zonedToUtc } from '../../../core/time/zoned.js'
import type { Clock } from '../../clock.js'
import type {
  ArchiveHoldsTable,
  ArchiveRetentionRulesTable,
} from '../../db/schema/archive-weeding.js'
import type { Repos, StoreOf } from '../../repos/index.js'
import type { LibraryAccess } from '../access.js'

type WeedingRepos = Pick<
  Repos,
  | 'archive'
  | 'archiveWeeding'
  | 'archiveRequests'
  | 'audit'
  | 'libraries'
  | 'users'
  | 'channels'
  | 'inboxSettings'
>

/** Entries among `entryIds` that an open request for public records covers, with its diarienummer. */
export type OpenRequestCheck = (
  repos: WeedingRepos,
  libraryId: string,
  entryIds: readonly string[],
) => Promise<Map<string, { requestId: string; text: string }>>

/** A request not yet answered holds what it collected: it must be possible to release it. */
export const openRequestsHold: OpenRequestCheck = async (repos, libraryId, entryIds) =>
  new Map(
    (await repos.archiveRequests.openRequestsFor(libraryId, entryIds)).map((r) => [
      r.entry_id,
      { requestId: r.request_id, text: r.diarienummer },
    ]),
  )

const PAGE = 1_000

export function toRule(row: ArchiveRetentionRulesTable): RetentionRule {
  return {
    id: row.id,
    name: row.name,
    channelId: row.channel_id,
    tagId: row.tag_id,
    recordClass: row.record_class as RecordClass | null,
    kind: row.kind as ArchiveEntryKind | null,
    months: row.months === null ? null : Number(row.months),
  }
}

function ruleView(row: ArchiveRetentionRulesTable): RetentionRuleView {
  const rule = toRule(row)
  return {
    ...rule,
    permanent: rule.months === null,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  }
}

function holdView(row: ArchiveHoldsTable): HoldView {
  return {
    id: row.id,
    reason: row.reason,
    from: row.from_at,
    to: row.to_at,
    channelId: row.channel_id,
    person: row.person,
    tagId: row.tag_id,
    placedBy: { id: row.placed_by, name: row.placed_by_name },
    placedAt: row.placed_at,
    liftedBy: row.lifted_at ? { id: row.lifted_by, name: row.lifted_by_name ?? '' } : null,
    liftedAt: row.lifted_at,
    active: row.lifted_at === null,
  }
}

function holdCovers(
  hold: ArchiveHoldsTable,
  entry: RetentionFacts & { personRemoteId: string | null; personHandle: string | null },
): boolean {
  return (
    (hold.from_at === null || entry.occurredAt >= hold.from_at) &&
    (hold.to_at === null || entry.occurredAt < hold.to_at) &&
    (hold.channel_id === null || hold.channel_id === entry.channelId) &&
    (hold.person === null ||
      hold.person === entry.personRemoteId ||
      hold.person === entry.personHandle) &&
    (hold.tag_id === null || entry.tagIds.includes(hold.tag_id))
  )
}

/** A received item's id from an entry's subject (`item:<interactionId>`), for its inbox tags. */
function itemIdOf(subject: string): string | null {
  return subject.startsWith('item:') ? subject.slice(5) : null
}

/** Retention rules, legal holds, and weeding under a recorded decision: the only way an entry's content goes. */
export function weedingService({
  store,
  clock,
  openRequests = openRequestsHold,
}: {
  store: StoreOf<keyof WeedingRepos>
  clock: Clock
  openRequests?: OpenRequestCheck
}) {
  async function zoneOf(repos: WeedingRepos, libraryId: string) {
    const library = await repos.libraries.findById(libraryId)
    if (!library) throw new DomainError('library_not_found')
    return library.time_zone
  }

  async function period(
    repos: WeedingRepos,
    libraryId: string,
    from: string | null | undefined,
    to: string | null | undefined,
  ) {
    if (from && to && to < from) throw new DomainError('archive_period_invalid')
    const zone = await zoneOf(repos, libraryId)
    return {
      from: from ? zonedToUtc(from, '00:00', zone).toISOString() : null,
      to: to ? zonedToUtc(addDays(to, 1), '00:00', zone).toISOString() : null,
    }
  }

  async function checkTargets(
    repos: WeedingRepos,
    libraryId: string,
    channelId: string | null | undefined,
    tagId: string | null | undefined,
  ) {
    if (channelId && !(await repos.channels.find(libraryId, channelId)))
      throw new DomainError('archive_rule_target_unknown')
    if (tagId && !(await repos.inboxSettings.tagIds(libraryId)).includes(tagId))
      throw new DomainError('archive_rule_target_unknown')
  }

  async function memberName(repos: WeedingRepos, userId: string) {
    return (await repos.users.findById(userId))?.name ?? ''
  }

  /** What a decision over `input` would remove now, and what it holds back and why. */
  async function evaluate(repos: WeedingRepos, libraryId: string, input: WeedingInput) {
    const range = await period(repos, libraryId, input.from, input.to)
    const active = (await repos.archiveWeeding.rules(libraryId)).filter((r) => !r.retired_at)
    const chosen = input.ruleIds.map((id) => active.find((r) => r.id === id))
    if (chosen.some((r) => !r)) throw new DomainError('archive_rule_not_found')
    const rules = active.map(toRule)
    const decisionRules = chosen.map((r) => toRule(r!))
    const holds = (await repos.archiveWeeding.holds(libraryId)).filter((h) => !h.lifted_at)
    const now = clock.now().toISOString()
    const preview: WeedingPreview = {
      from: range.from!,
      to: range.to!,
      rules: chosen.map((r) => ruleView(r!)),
      remove: [],
      heldBack: [],
    }
    const removed: {
      id: string
      seq: number
      kind: string
      occurredAt: string
      contentHash: string
      hash: string
      content: string | null
    }[] = []
    let afterSeq = 0
    for (;;) {
      const rows = await repos.archiveWeeding.candidates(
        libraryId,
        range.from!,
        range.to!,
        afterSeq,
        PAGE,
      )
      if (rows.length === 0) break
      afterSeq = Number(rows.at(-1)!.seq)
      const itemIds = rows.map((r) => itemIdOf(r.subject)).filter((id): id is string => id !== null)
      const tags = await repos.archiveWeeding.tagsOfItems(libraryId, itemIds)
      const requested = await openRequests(
        repos,
        libraryId,
        rows.map((r) => r.id),
      )
      for (const row of rows) {
        const kind = archiveEntryKindSchema.parse(row.kind)
        const itemId = itemIdOf(row.subject)
        const facts = {
          channelId: row.channel_id,
          tagIds: (itemId && tags.get(itemId)) || [],
          recordClass: row.record_class as RecordClass,
          kind,
          occurredAt: row.occurred_at,
          personRemoteId: row.person_remote_id,
          personHandle: row.person_handle,
        }
        // Only what one of the decision's own rules covers is in its scope.
        if (!decisionRules.some((r) => ruleCovers(r, facts))) continue
        const governing = governingRule(rules, facts)!
        const reasons: HeldBackReason[] = []
        let until = ''
        if (governing.months === null)
          reasons.push({ type: 'permanent', ruleId: governing.id, ruleName: governing.name })
        else {
          until = retainedUntil(row.occurred_at, governing.months)
          if (until > now)
            reasons.push({
              type: 'not_expired',
              ruleId: governing.id,
              ruleName: governing.name,
              until,
            })
        }
        for (const hold of holds)
          if (holdCovers(hold, facts))
            reasons.push({ type: 'legal_hold', holdId: hold.id, text: hold.reason })
        const request = requested.get(row.id)
        if (request) reasons.push({ type: 'open_request', ...request })
        const ref = { entryId: row.id, seq: Number(row.seq), kind, occurredAt: row.occurred_at }
        if (reasons.length) {
          preview.heldBack.push({ ...ref, reasons })
          continue
        }
        preview.remove.push({ ...ref, ruleId: governing.id, retainedUntil: until })
        removed.push({
          id: row.id,
          seq: Number(row.seq),
          kind: row.kind,
          occurredAt: row.occurred_at,
          contentHash: row.content_hash,
          hash: row.hash,
          content: row.content,
        })
      }
      if (rows.length < PAGE) break
    }
    return { preview, removed, decisionRules }
  }

  async function decisionView(
    repos: WeedingRepos,
    libraryId: string,
    id: string,
  ): Promise<WeedingDecisionView> {
    const row = await repos.archiveWeeding.findDecision(libraryId, id)
    if (!row) throw new DomainError('archive_decision_not_found')
    const entries = await repos.archiveWeeding.decisionEntries(libraryId, id)
    return {
      id: row.id,
      reference: row.reference,
      rules: JSON.parse(row.rules),
      from: row.period_from,
      to: row.period_to,
      note: row.note,
      decidedBy: { id: row.decided_by, name: row.decided_by_name },
      decidedAt: row.decided_at,
      entryCount: Number(row.entry_count),
      entries: entries.map((e) => ({
        entryId: e.entry_id,
        seq: Number(e.seq),
        kind: archiveEntryKindSchema.parse(e.kind),
        occurredAt: e.occurred_at,
        contentHash: e.content_hash,
        hash: e.hash,
      })),
    }
  }

  return {
    async rules(access: LibraryAccess<'archive.read'>): Promise<RetentionRuleView[]> {
      return (await store.repos.archiveWeeding.rules(access.libraryId)).map(ruleView)
    },

    async createRule(
      access: LibraryAccess<'archive.manage'>,
      input: RetentionRuleInput,
    ): Promise<RetentionRuleView> {
      await checkTargets(store.repos, access.libraryId, input.channelId, input.tagId)
      const r = input.retention
      const row: ArchiveRetentionRulesTable = {
        id: randomUUID(),
        library_id: access.libraryId,
        name: input.name,
        channel_id: input.channelId ?? null,
        tag_id: input.tagId ?? null,
        record_class: input.recordClass ?? null,
        kind: input.kind ?? null,
        months: r.type === 'months' ? r.months : r.type === 'years' ? r.years * 12 : null,
        created_by: access.userId,
        created_at: clock.now().toISOString(),
        retired_at: null,
      }
      await store.repos.archiveWeeding.insertRule(row)
      return ruleView(row)
    },

    /** A rule is retired, never deleted: decisions name the rules they applied. */
    async retireRule(access: LibraryAccess<'archive.manage'>, id: string): Promise<void> {
      const done = await store.repos.archiveWeeding.retireRule(
        access.libraryId,
        id,
        clock.now().toISOString(),
      )
      if (!done) throw new DomainError('archive_rule_not_found')
    },

    async holds(access: LibraryAccess<'archive.read'>): Promise<HoldView[]> {
      return (await store.repos.archiveWeeding.holds(access.libraryId)).map(holdView)
    },

    async placeHold(access: LibraryAccess<'archive.manage'>, input: HoldInput): Promise<HoldView> {
      return store.transaction(async (repos) => {
        const range = await period(repos, access.libraryId, input.from, input.to)
        await checkTargets(repos, access.libraryId, input.channelId, input.tagId)
        // Under the chain's lock, so a decision being executed sees the hold or finishes first.
        await repos.archive.lockHead(access.libraryId)
        const row: ArchiveHoldsTable = {
          id: randomUUID(),
          library_id: access.libraryId,
          reason: input.reason,
          from_at: range.from,
          to_at: range.to,
          channel_id: input.channelId ?? null,
          person: input.person ?? null,
          tag_id: input.tagId ?? null,
          placed_by: access.userId,
          placed_by_name: await memberName(repos, access.userId),
          placed_at: clock.now().toISOString(),
          lifted_by: null,
          lifted_by_name: null,
          lifted_at: null,
        }
        await repos.archiveWeeding.insertHold(row)
        await auditIn(repos, access, {
          action: 'archive.hold_placed',
          target: { type: 'archive_hold', id: row.id, label: row.reason },
          details: { from: row.from_at, to: row.to_at },
        })
        return holdView(row)
      })
    },

    async liftHold(access: LibraryAccess<'archive.manage'>, id: string): Promise<HoldView> {
      const repos = store.repos
      const name = await memberName(repos, access.userId)
      const lifted = await repos.archiveWeeding.liftHold(
        access.libraryId,
        id,
        access.userId,
        name,
        clock.now().toISOString(),
      )
      if (!lifted) throw new DomainError('archive_hold_not_found')
      const hold = (await repos.archiveWeeding.findHold(access.libraryId, id))!
      await auditIn(repos, access, {
        action: 'archive.hold_lifted',
        target: { type: 'archive_hold', id, label: hold.reason },
        details: {},
      })
      return holdView(hold)
    },

    async preview(
      access: LibraryAccess<'archive.manage'>,
      input: WeedingInput,
    ): Promise<WeedingPreview> {
      return (await evaluate(store.repos, access.libraryId, input)).preview
    },

    /**
     * Weeds what the decision covers, in one transaction under the chain's
     * lock: the decision and the list of entries it removed (id and hashes)
     * are written with the weeding itself, so there is never one without the other.
     */
    async execute(
      access: LibraryAccess<'archive.manage'>,
      input: WeedingInput,
    ): Promise<WeedingDecisionView> {
      const libraryId = access.libraryId
      return store.transaction(async (repos) => {
        await repos.archive.lockHead(libraryId)
        if (await repos.archiveWeeding.findDecisionByReference(libraryId, input.reference))
          throw new DomainError('archive_decision_reference_taken')
        const { preview, removed, decisionRules } = await evaluate(repos, libraryId, input)
        if (removed.length === 0) throw new DomainError('archive_decision_empty')
        const id = randomUUID()
        await repos.archiveWeeding.insertDecision(
          {
            id,
            library_id: libraryId,
            reference: input.reference,
            rules: JSON.stringify(
              decisionRules.map((r) => ({ id: r.id, name: r.name, months: r.months })),
            ),
            period_from: preview.from,
            period_to: preview.to,
            note: input.note ?? '',
            decided_by: access.userId,
            decided_by_name: await memberName(repos, access.userId),
            decided_at: clock.now().toISOString(),
            entry_count: removed.length,
          },
          removed.map((e) => ({
            decision_id: id,
            library_id: libraryId,
            entry_id: e.id,
            seq: e.seq,
            kind: e.kind,
            occurred_at: e.occurredAt,
            content_hash: e.contentHash,
            hash: e.hash,
          })),
        )
        const ids = removed.map((e) => e.id)
        await repos.archive.weed(libraryId, id, ids)
        const media = removed.flatMap((e) => {
          if (!e.content) return []
          const content = archiveContentSchema.parse(JSON.parse(e.content))
          return 'media' in content ? content.media.map((m) => m.sha256) : []
        })
        await repos.archive.dropUnreferencedMedia(libraryId, media)
        // The full-text index's copy of their words goes with their content.
        await repos.archive.forgetSearchText(libraryId, ids)
        await auditIn(repos, access, {
          action: 'archive.weeding_decided',
          target: { type: 'archive_weeding_decision', id, label: input.reference },
          details: { entries: removed.length, from: preview.from, to: preview.to },
        })
        return decisionView(repos, libraryId, id)
      })
    },

    async decisions(access: LibraryAccess<'archive.read'>) {
      const rows = await store.repos.archiveWeeding.decisions(access.libraryId)
      return rows.map((row) => ({
        id: row.id,
        reference: row.reference,
        from: row.period_from,
        to: row.period_to,
        decidedBy: { id: row.decided_by, name: row.decided_by_name },
        decidedAt: row.decided_at,
        entryCount: Number(row.entry_count),
      }))
    },

    decision(access: LibraryAccess<'archive.read'>, id: string): Promise<WeedingDecisionView> {
      return decisionView(store.repos, access.libraryId, id)
    },

    async settings(access: LibraryAccess<'archive.read'>) {
      const row = await store.repos.archiveWeeding.settings(access.libraryId)
      return { interactionRetentionDays: row?.interaction_retention_days ?? null }
    },

    async saveSettings(
      access: LibraryAccess<'archive.manage'>,
      input: { interactionRetentionDays: number | null },
    ) {
      await store.repos.archiveWeeding.saveSettings(
        access.libraryId,
        input.interactionRetentionDays,
        clock.now().toISOString(),
      )
      return input
    },
  }
}
export type WeedingService = ReturnType<typeof weedingService>
