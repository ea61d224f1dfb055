import { DomainError } from '../../../core/errors.js'
import { tagKey } from '../../../core/inbox/default-tags.js'
import { boardNotice } from '../../../core/inbox/notice.js'
import { findPlaceholders } from '../../../core/inbox/placeholders.js'
import {
  describeTarget,
  summarizeResponseTimes,
  targetMinutes,
  measureAnswerTimes,
} from '../../../core/inbox/response-time.js'
import { type InboxRule, type InboxRuleInput, MAX_RULES } from '../../../core/inbox/rules.js'
import type { Locale } from '../../../core/locale.js'
import type { ResponseTimes, SavedReply } from '../../../core/schemas/inbox.js'
import { isoWeekOf } from '../../../core/time/iso-week.js'
import { utcToZoned } from '../../../core/time/zoned.js'
import { type Clock, systemClock } from '../../clock.js'
import type { StoreOf } from '../../repos/index.js'
import { newId } from '../../security/tokens.js'
import type { LibraryAccess } from '../access.js'
import { parseDocument } from '../strategy-view.js'
import { type PolicyRepos, inboxPolicy, parseRule } from './inbox-policy.js'
import { toInboxItems } from './inbox-view.js'

/** Each unknown placeholder by name, in both languages, as the error's details. */
export function placeholderDetails(names: readonly string[]) {
  return names.map((name) => ({
    path: `body.{${name}}`,
    message: { sv: `Okänd platshållare: {${name}}`, en: `Unknown placeholder: {${name}}` },
  }))
}

type SettingsRepos = PolicyRepos | 'inbox' | 'memberships'

function assertKnownPlaceholders(body: string) {
  const unknown = [
    ...new Set(
      findPlaceholders(body)
        .filter((m) => !m.key)
        .map((m) => m.name),
    ),
  ]
  if (unknown.length) throw new DomainError('unknown_placeholder', placeholderDetails(unknown))
}

/**
 * The library's shared inbox tools (tags, saved replies, automatic rules),
 * response times against the policy's target, and the notice the law asks
 * a board to show.
 */
export function inboxSettingsService(deps: { store: StoreOf<SettingsRepos>; clock?: Clock }) {
  const { store } = deps
  const clock = deps.clock ?? systemClock
  const policies = inboxPolicy(deps)

  async function tags(libraryId: string) {
    const rows = await store.repos.inboxSettings.tags(libraryId)
    return rows.map((t) => ({
      id: t.id,
      name: t.name,
      position: t.position,
      items: Number(t.items),
    }))
  }
  async function savedReplies(libraryId: string): Promise<SavedReply[]> {
    const rows = await store.repos.inboxSettings.savedReplies(libraryId)
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      body: r.body,
      updatedAt: r.updated_at,
      updatedBy: { id: r.updated_by ?? '', name: r.updated_by_name ?? '' },
    }))
  }
  async function rules(libraryId: string): Promise<InboxRule[]> {
    const rows = await store.repos.inboxSettings.rules(libraryId)
    return rows.flatMap((row) => parseRule(row) ?? [])
  }
  async function assertRuleRefs(libraryId: string, rule: InboxRuleInput) {
    const [tagRows, members] = await Promise.all([
      store.repos.inboxSettings.tags(libraryId),
      store.repos.inboxSettings.memberIds(libraryId),
    ])
    const tagIds = new Set(tagRows.map((t) => t.id))
    for (const action of rule.actions) {
      if (action.type === 'tag' && !tagIds.has(action.tagId)) throw new DomainError('tag_not_found')
      if (action.type === 'assign' && !members.includes(action.memberId))
        throw new DomainError('assignee_not_member')
    }
  }
  const definition = (rule: InboxRuleInput) =>
    JSON.stringify({
      name: rule.name,
      enabled: rule.enabled ?? true,
      conditions: rule.conditions,
      actions: rule.actions,
    })

  return {
    tags: (access: LibraryAccess<'inbox.read'>) => tags(access.libraryId),
    async addTag(access: LibraryAccess<'inbox.manage'>, name: string) {
      const key = tagKey(name)
      if ((await tags(access.libraryId)).some((t) => tagKey(t.name) === key))
        throw new DomainError('tag_exists')
      await store.repos.inboxSettings.insertTags([
        {
          id: newId(),
          library_id: access.libraryId,
          name: name.trim(),
          name_key: key,
          position: await store.repos.inboxSettings.nextTagPosition(access.libraryId),
          created_at: clock.now().toISOString(),
        },
      ])
      return tags(access.libraryId)
    },
    async renameTag(access: LibraryAccess<'inbox.manage'>, tagId: string, name: string) {
      const key = tagKey(name)
      const all = await tags(access.libraryId)
      if (!all.some((t) => t.id === tagId)) throw new DomainError('tag_not_found')
      if (all.some((t) => t.id !== tagId && tagKey(t.name) === key))
        throw new DomainError('tag_exists')
      await store.repos.inboxSettings.updateTag(access.libraryId, tagId, {
        name: name.trim(),
        name_key: key,
      })
      return tags(access.libraryId)
    },
    async reorderTags(access: LibraryAccess<'inbox.manage'>, ids: readonly string[]) {
      await store.transaction(async (repos) => {
        for (const [i, id] of ids.entries())
          await repos.inboxSettings.updateTag(access.libraryId, id, { position: i + 1 })
      })
      return tags(access.libraryId)
    },
    async deleteTag(access: LibraryAccess<'inbox.manage'>, tagId: string) {
      if (!(await store.repos.inboxSettings.deleteTag(access.libraryId, tagId)))
        throw new DomainError('tag_not_found')
    },

    savedReplies: (access: LibraryAccess<'inbox.read'>) => savedReplies(access.libraryId),
    async addSavedReply(
      access: LibraryAccess<'inbox.manage'>,
      input: { title: string; body: string },
    ) {
      assertKnownPlaceholders(input.body)
      const now = clock.now().toISOString()
      const id = newId()
      await store.repos.inboxSettings.insertSavedReply({
        id,
        library_id: access.libraryId,
        title: input.title,
        body: input.body,
        updated_by: access.userId,
        created_at: now,
        updated_at: now,
      })
      return (await savedReplies(access.libraryId)).find((r) => r.id === id)!
    },
    async updateSavedReply(
      access: LibraryAccess<'inbox.manage'>,
      id: string,
      input: { title: string; body: string },
    ) {
      assertKnownPlaceholders(input.body)
      const updated = await store.repos.inboxSettings.updateSavedReply(access.libraryId, id, {
        title: input.title,
        body: input.body,
        updated_by: access.userId,
        updated_at: clock.now().toISOString(),
      })
      if (!updated) throw new DomainError('saved_reply_not_found')
      return (await savedReplies(access.libraryId)).find((r) => r.id === id)!
    },
    async deleteSavedReply(access: LibraryAccess<'inbox.manage'>, id: string) {
      if (!(await store.repos.inboxSettings.deleteSavedReply(access.libraryId, id)))
        throw new DomainError('saved_reply_not_found')
    },

    rules: (access: LibraryAccess<'inbox.read'>) => rules(access.libraryId),
    async addRule(access: LibraryAccess<'inbox.manage'>, input: InboxRuleInput) {
      const existing = await store.repos.inboxSettings.rules(access.libraryId)
      if (existing.length >= MAX_RULES) throw new DomainError('too_many_rules')
      await assertRuleRefs(access.libraryId, input)
      const id = newId()
      await store.repos.inboxSettings.insertRule({
        id,
        library_id: access.libraryId,
        position: (existing.at(-1)?.position ?? 0) + 1,
        definition: definition(input),
        updated_by: access.userId,
        updated_at: clock.now().toISOString(),
      })
      return (await rules(access.libraryId)).find((r) => r.id === id)!
    },
    async updateRule(access: LibraryAccess<'inbox.manage'>, id: string, input: InboxRuleInput) {
      await assertRuleRefs(access.libraryId, input)
      const updated = await store.repos.inboxSettings.updateRule(access.libraryId, id, {
        definition: definition(input),
        updated_by: access.userId,
        updated_at: clock.now().toISOString(),
      })
      if (!updated) throw new DomainError('rule_not_found')
      return (await rules(access.libraryId)).find((r) => r.id === id)!
    },
    async reorderRules(access: LibraryAccess<'inbox.manage'>, ids: readonly string[]) {
      const existing = new Set(
        (await store.repos.inboxSettings.rules(access.libraryId)).map((r) => r.id),
      )
      if (ids.length !== existing.size || ids.some((id) => !existing.has(id)))
        throw new DomainError('rule_order_stale')
      await store.transaction(async (repos) => {
        for (const [i, id] of ids.entries())
          await repos.inboxSettings.updateRule(access.libraryId, id, { position: i + 1 })
      })
      return rules(access.libraryId)
    },
    async deleteRule(access: LibraryAccess<'inbox.manage'>, id: string) {
      if (!(await store.repos.inboxSettings.deleteRule(access.libraryId, id)))
        throw new DomainError('rule_not_found')
    },

    async notice(access: LibraryAccess<'inbox.read'>, locale: Locale) {
      const [library, version] = await Promise.all([
        store.repos.libraries.findById(access.libraryId),
        store.repos.strategy.currentVersion(access.libraryId),
      ])
      const draft = version ?? (await store.repos.strategy.findDraft(access.libraryId))
      if (!library || !draft) return { bio: '', website: '' }
      return boardNotice(parseDocument(draft.document), library.name, locale)
    },

    async responseTimes(
      access: LibraryAccess<'inbox.stats'>,
      weeks: number,
      locale: Locale,
    ): Promise<ResponseTimes> {
      const now = clock.now()
      const policy = await policies.forLibrary(access.libraryId)
      const since = new Date(now.getTime() - weeks * 7 * 24 * 3_600_000).toISOString()
      const [answered, atRiskRows] = await Promise.all([
        store.repos.inbox.answeredSince(access.libraryId, since, 50_000),
        store.repos.inbox.dueBefore(
          access.libraryId,
          new Date(now.getTime() + 4 * 3_600_000).toISOString(),
          25,
        ),
      ])
      const target = targetMinutes(policy.target)
      const minutes = measureAnswerTimes(
        answered.map((a) => ({ receivedAt: a.received_at, answeredAt: a.first_response_at! })),
        policy.target,
        policy.timeZone,
      )
      const measured = answered.map((a, i) => ({ ...a, minutes: minutes[i]! }))
      const group = (key: (m: (typeof measured)[number]) => [string, string]) => {
        const groups = new Map<string, { label: string; minutes: number[] }>()
        for (const m of measured) {
          const [k, label] = key(m)
          const g = groups.get(k) ?? { label, minutes: [] }
          g.minutes.push(m.minutes)
          groups.set(k, g)
        }
        return [...groups.entries()].map(([k, g]) => ({
          key: k,
          label: g.label,
          ...summarizeResponseTimes(g.minutes, target),
        }))
      }
      const week = (at: string) => isoWeekOf(utcToZoned(at, policy.timeZone).date)
      return {
        targetMinutes: target,
        target: describeTarget(policy.target, locale),
        byWeek: group((m) => [week(m.first_response_at!), week(m.first_response_at!)]).sort(
          (a, b) => b.key.localeCompare(a.key),
        ),
        byChannel: group((m) => [m.channel_id, `${m.handle} (${m.network})`]),
        byMember: group((m) => [m.first_responder_id ?? '', m.responder_name ?? '—']),
        atRisk: await toInboxItems(store.repos, access.libraryId, atRiskRows),
      }
    },
  }
}
export type InboxSettingsService = ReturnType<typeof inboxSettingsService>
