import { DomainError } from '../../../core/errors.js'
import {
  type InboxItem,
  type InboxChangeEvent,
  type InboxCounts,
  type InboxItemDetail,
  type InboxListQuery,
  type InboxPage,
  INBOX_COUNT_CAP,
  inboxItemPatchSchema,
} from '../../../core/schemas/inbox.js'
import {
  NETWORK_CAPABILITIES,
  isAnswerKind,
  type Network,
} from '../../../core/channels/networks.js'
import type { z } from 'zod'
import { type Clock, systemClock } from '../../clock.js'
import type { InboxFilter } from '../../repos/inbox-repo.js'
import type { Repos, StoreOf } from '../../repos/index.js'
import { newId } from '../../security/tokens.js'
import type { LibraryAccess } from '../access.js'
import { notify } from '../notification-service.js'
import { parseDocument } from '../strategy-view.js'
import { toInboxItems, toListedItems } from './inbox-view.js'

export interface LiveCursor {
  activity: number
  ingest: number
}

const PAGE = 50
const PRESENCE_MS = 45_000

type InboxRepos = 'inbox' | 'inboxSettings' | 'notifications' | 'strategy' | 'memberships'
export type InboxStore = StoreOf<InboxRepos>

function encodeCursor(item: { receivedAt: string; id: string }) {
  return Buffer.from(`${item.receivedAt}|${item.id}`).toString('base64url')
}
function decodeCursor(cursor: string): InboxFilter['before'] {
  const [receivedAt, id] = Buffer.from(cursor, 'base64url').toString().split('|')
  if (!receivedAt || !id || Number.isNaN(Date.parse(receivedAt)))
    throw new DomainError('validation_failed', { cursor: 'invalid' })
  return { receivedAt, id }
}

/** What the reviewer said when they last returned the answer `postId`. */
function returnNote(
  activity: readonly { action: string; detail: string }[],
  postId: string,
): string | null {
  for (const a of [...activity].reverse()) {
    if (a.action !== 'reply_returned') continue
    const detail = JSON.parse(a.detail) as { postId?: string; note?: string }
    if (detail.postId === postId) return detail.note ?? null
  }
  return null
}

export async function recordActivity(
  repos: Pick<Repos, 'inbox'>,
  input: {
    libraryId: string
    itemId: string
    action: string
    actorId: string | null
    at: string
    detail?: Record<string, unknown>
  },
) {
  await repos.inbox.addActivity({
    id: newId(),
    library_id: input.libraryId,
    item_id: input.itemId,
    action: input.action,
    actor_id: input.actorId,
    rule_id: null,
    rule_name: null,
    detail: JSON.stringify(input.detail ?? {}),
    at: input.at,
    undone_at: null,
  })
}

/**
 * The inbox as staff work it: list and read items, assign, tag, flag, note,
 * close and reopen. Every change is checked against the version the person
 * saw, so two members acting at once are told rather than overwriting each
 * other, and every change is activity the live stream sends to the others.
 */
export function inboxService(deps: { store: InboxStore; clock?: Clock }) {
  const { store } = deps
  const clock = deps.clock ?? systemClock

  async function load(libraryId: string, itemId: string) {
    const row = await store.repos.inbox.find(libraryId, itemId)
    if (!row) throw new DomainError('inbox_item_not_found')
    return row
  }
  async function view(libraryId: string, itemId: string): Promise<InboxItem> {
    const [item] = await toInboxItems(store.repos, libraryId, [await load(libraryId, itemId)])
    return item!
  }
  function changed(): never {
    // The person's client reads the item again and shows what the colleague did.
    throw new DomainError('inbox_item_changed')
  }

  const service = {
    view,
    async list(access: LibraryAccess<'inbox.read'>, query: InboxListQuery): Promise<InboxPage> {
      const limit = query.limit ?? PAGE
      const filter: InboxFilter = {
        limit: limit + 1,
        ...(query.channel && { channelId: query.channel }),
        ...(query.state && {
          states: query.state === 'open' ? ['new', 'assigned', 'answered'] : [query.state],
        }),
        ...(query.tag && { tagId: query.tag }),
        ...(query.assignee && {
          assigneeId:
            query.assignee === 'me'
              ? access.userId
              : query.assignee === 'none'
                ? null
                : query.assignee,
        }),
        ...(query.question && { hasQuestion: query.question === 'yes' }),
        ...(query.flagged && { flagged: true }),
        ...(query.q && { search: query.q }),
        ...(query.cursor && { before: decodeCursor(query.cursor) }),
      }
      const rows = await store.repos.inbox.list(access.libraryId, filter)
      const page = rows.slice(0, limit)
      const items = toListedItems(page)
      const last = items.at(-1)
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null }
    },

    /** Open items per state for the filter's badges, each counted up to INBOX_COUNT_CAP. */
    counts(access: LibraryAccess<'inbox.read'>): Promise<InboxCounts> {
      return store.repos.inbox.openCounts(access.libraryId, INBOX_COUNT_CAP)
    },

    async detail(access: LibraryAccess<'inbox.read'>, itemId: string): Promise<InboxItemDetail> {
      const row = await load(access.libraryId, itemId)
      const now = clock.now().toISOString()
      const root = row.root_remote_id ?? row.subject_remote_id ?? row.remote_id
      const [item, thread, notes, activity, replies, moderation, presence, version] =
        await Promise.all([
          view(access.libraryId, itemId),
          store.repos.inbox.conversation(row.channel_id, root, 100),
          store.repos.inbox.notes(access.libraryId, itemId),
          store.repos.inbox.activity(access.libraryId, itemId),
          store.repos.inbox.replies(access.libraryId, itemId),
          store.repos.inbox.moderation(access.libraryId, itemId),
          store.repos.inbox.presence(access.libraryId, itemId, now),
          store.repos.strategy.currentVersion(access.libraryId),
        ])
      const [subject] = row.subject_remote_id
        ? await store.repos.inbox.subjects([
            { channelId: row.channel_id, remoteId: row.subject_remote_id },
          ])
        : []
      const responses = version ? parseDocument(version.document).responses : null
      const conversation: InboxItemDetail['conversation'] = [
        ...(subject
          ? [
              {
                remoteId: subject.remote_id ?? '',
                author: { handle: row.channel_handle, displayName: row.channel_handle },
                text: subject.text,
                url: subject.remote_url ?? '',
                createdAt: '',
                ours: true,
                current: false,
              },
            ]
          : []),
        ...thread.map((t) => ({
          remoteId: t.remote_id,
          author: { handle: t.author_handle, displayName: t.author_name },
          text: t.text,
          url: t.url,
          createdAt: t.remote_created_at,
          ours: false,
          current: t.id === itemId,
        })),
        ...replies
          .filter((r) => r.remote_id)
          .map((r) => ({
            remoteId: r.remote_id!,
            author: { handle: row.channel_handle, displayName: row.channel_handle },
            text: r.text,
            url: r.remote_url ?? '',
            createdAt: r.created_at,
            ours: true,
            current: false,
          })),
      ]
      if (!conversation.some((c) => c.current))
        conversation.push({
          remoteId: row.remote_id,
          author: { handle: row.author_handle, displayName: row.author_name },
          text: row.text,
          url: row.url,
          createdAt: row.remote_created_at,
          ours: false,
          current: true,
        })
      const capabilities = NETWORK_CAPABILITIES[row.network as Network]
      return {
        item,
        conversation,
        notes: notes.map((n) => ({
          id: n.id,
          author: { id: n.author_id ?? '', name: n.author_name ?? '' },
          body: n.body,
          createdAt: n.created_at,
        })),
        activity: activity.map((a) => ({
          id: a.id,
          at: a.at,
          action: a.action as InboxItemDetail['activity'][number]['action'],
          actor: a.actor_id ? { id: a.actor_id, name: a.actor_name ?? '' } : null,
          rule: a.rule_id ? { id: a.rule_id, name: a.rule_name ?? '' } : null,
          detail: {
            ...(JSON.parse(a.detail) as Record<string, unknown>),
            undone: Boolean(a.undone_at),
          },
          undoable: Boolean(a.rule_id) && !a.undone_at && UNDOABLE.has(a.action),
        })),
        replies: replies.map((r) => ({
          postId: r.id,
          text: r.text,
          state: r.state,
          version: r.version,
          author: { id: r.author_id, name: r.author_name },
          createdAt: r.created_at,
          url: r.remote_url,
          returnNote: r.state === 'draft' ? returnNote(activity, r.id) : null,
        })),
        moderation: moderation.map((m) => ({
          id: m.id,
          action: m.action as InboxItemDetail['moderation'][number]['action'],
          reasonCategory: m.reason_category,
          reason: m.reason,
          actor: { id: m.actor_id ?? '', name: m.actor_name },
          at: m.created_at,
          state: m.state as InboxItemDetail['moderation'][number]['state'],
          errorCode: m.error_code,
        })),
        presence: presence
          .filter((p) => p.user_id !== access.userId)
          .map((p) => ({ user: { id: p.user_id, name: p.name }, mode: p.mode as 'viewing' })),
        moderationActions: [...(capabilities?.moderation ?? [])].filter(
          (a) =>
            (a !== 'hide_reply' && a !== 'delete_comment' ? true : isAnswerKind(row.kind)) &&
            (a !== 'detach_quote' && a !== 'revoke_quote' ? true : row.kind === 'quote'),
        ),
        guidance: {
          personalMatters: responses?.personalMatters ?? '',
          complaints: responses?.complaints ?? '',
          threats: responses?.threats ?? '',
          escalation: responses?.escalation ?? '',
        },
      }
    },

    async update(
      access: LibraryAccess<'inbox.answer'>,
      itemId: string,
      patch: z.infer<typeof inboxItemPatchSchema>,
    ): Promise<InboxItem> {
      const now = clock.now().toISOString()
      await store.transaction(async (repos) => {
        const row = await repos.inbox.find(access.libraryId, itemId)
        if (!row) throw new DomainError('inbox_item_not_found')
        if (row.version !== patch.version) return changed()
        const changes: Parameters<Repos['inbox']['update']>[3] = { updated_at: now }
        const log = (action: string, detail: Record<string, unknown> = {}) =>
          recordActivity(repos, {
            libraryId: access.libraryId,
            itemId,
            action,
            actorId: access.userId,
            at: now,
            detail,
          })
        let state = row.state
        if (patch.assigneeId !== undefined && patch.assigneeId !== row.assignee_id) {
          if (
            patch.assigneeId &&
            !(await repos.memberships.find(access.libraryId, patch.assigneeId))
          )
            throw new DomainError('assignee_not_member')
          changes.assignee_id = patch.assigneeId
          if (patch.assigneeId && state === 'new') state = 'assigned'
          if (!patch.assigneeId && state === 'assigned') state = 'new'
          await log(patch.assigneeId ? 'assigned' : 'unassigned', { assigneeId: patch.assigneeId })
          if (patch.assigneeId)
            await notify(repos, {
              libraryId: access.libraryId,
              postId: null,
              actorId: access.userId,
              kind: 'inbox_assigned',
              excerpt: row.text.slice(0, 140),
              userIds: [patch.assigneeId],
              at: now,
            })
        }
        if (patch.state !== undefined && patch.state !== state) {
          const reopened =
            (row.state === 'done' || row.state === 'answered') && patch.state !== 'done'
          await log(reopened ? 'reopened' : 'state_changed', { from: state, state: patch.state })
          state = patch.state
          changes.closed_at = state === 'done' ? now : null
        }
        if (state !== row.state) changes.state = state
        if (patch.flagged !== undefined && patch.flagged !== (row.flagged === 1)) {
          changes.flagged = patch.flagged ? 1 : 0
          await log(patch.flagged ? 'flagged' : 'unflagged')
          if (patch.flagged) {
            const admins = (await repos.memberships.listForLibrary(access.libraryId))
              .filter((m) => m.role === 'admin')
              .map((m) => m.userId)
            await notify(repos, {
              libraryId: access.libraryId,
              postId: null,
              actorId: access.userId,
              kind: 'inbox_flagged',
              excerpt: row.text.slice(0, 140),
              userIds: admins,
              at: now,
            })
          }
        }
        if (patch.tagIds !== undefined) {
          const existing = (await repos.inbox.tagsFor([itemId])).map((t) => t.id)
          const allowed = new Set(
            (await repos.inboxSettings.tags(access.libraryId)).map((t) => t.id),
          )
          const wanted = [...new Set(patch.tagIds)]
          if (wanted.some((id) => !allowed.has(id))) throw new DomainError('tag_not_found')
          for (const id of wanted.filter((t) => !existing.includes(t))) {
            await repos.inbox.addTag(access.libraryId, itemId, id)
            await log('tagged', { tagId: id })
          }
          for (const id of existing.filter((t) => !wanted.includes(t))) {
            await repos.inbox.removeTag(access.libraryId, itemId, id)
            await log('untagged', { tagId: id })
          }
        }
        if (!(await repos.inbox.update(access.libraryId, itemId, patch.version, changes)))
          return changed()
      })
      return view(access.libraryId, itemId)
    },

    async addNote(access: LibraryAccess<'inbox.answer'>, itemId: string, body: string) {
      const now = clock.now().toISOString()
      const id = newId()
      await store.transaction(async (repos) => {
        const row = await repos.inbox.find(access.libraryId, itemId)
        if (!row) throw new DomainError('inbox_item_not_found')
        await repos.inbox.addNote({
          id,
          library_id: access.libraryId,
          item_id: itemId,
          author_id: access.userId,
          body,
          created_at: now,
        })
        await recordActivity(repos, {
          libraryId: access.libraryId,
          itemId,
          action: 'note_added',
          actorId: access.userId,
          at: now,
        })
        await repos.inbox.touch(access.libraryId, itemId, { updated_at: now })
      })
      const notes = await store.repos.inbox.notes(access.libraryId, itemId)
      const note = notes.find((n) => n.id === id)!
      return {
        id,
        author: { id: access.userId, name: note.author_name ?? '' },
        body,
        createdAt: now,
      }
    },

    async presence(
      access: LibraryAccess<'inbox.read'>,
      itemId: string,
      mode: 'viewing' | 'writing' | 'gone',
    ) {
      await load(access.libraryId, itemId)
      const now = clock.now()
      if (mode === 'gone')
        await store.repos.inbox.clearPresence(access.libraryId, itemId, access.userId)
      else
        await store.repos.inbox.setPresence({
          item_id: itemId,
          user_id: access.userId,
          library_id: access.libraryId,
          mode,
          expires_at: new Date(now.getTime() + PRESENCE_MS).toISOString(),
        })
      const rows = await store.repos.inbox.presence(access.libraryId, itemId, now.toISOString())
      return rows
        .filter((p) => p.user_id !== access.userId)
        .map((p) => ({ user: { id: p.user_id, name: p.name }, mode: p.mode as 'viewing' }))
    },

    /** Who is on which item now, others than the caller: the live stream sends it when it changes. */
    async presenceByItem(
      access: LibraryAccess<'inbox.read'>,
    ): Promise<Map<string, { user: { id: string; name: string }; mode: 'viewing' | 'writing' }[]>> {
      const rows = await store.repos.inbox.presenceInLibrary(
        access.libraryId,
        clock.now().toISOString(),
      )
      const byItem = new Map<
        string,
        { user: { id: string; name: string }; mode: 'viewing' | 'writing' }[]
      >()
      for (const row of rows) {
        if (row.user_id === access.userId) continue
        const list = byItem.get(row.item_id) ?? []
        list.push({ user: { id: row.user_id, name: row.name }, mode: row.mode as 'viewing' })
        byItem.set(row.item_id, list)
      }
      return byItem
    },

    /** Where the live stream starts: what has happened so far is in the first page. */
    async liveCursor(access: LibraryAccess<'inbox.read'>): Promise<LiveCursor> {
      const [activity, ingest] = await Promise.all([
        store.repos.inbox.lastActivitySeq(access.libraryId),
        store.repos.inbox.lastIngestSeq(access.libraryId),
      ])
      return { activity, ingest }
    },

    /** What changed since the cursor: one event per changed or newly received item. */
    async changesSince(
      access: LibraryAccess<'inbox.read'>,
      cursor: LiveCursor,
    ): Promise<{ events: InboxChangeEvent[]; cursor: LiveCursor }> {
      const [activity, ingest] = await Promise.all([
        store.repos.inbox.activitySince(access.libraryId, cursor.activity, 200),
        store.repos.inbox.ingestEventsSince(access.libraryId, cursor.ingest, 20),
      ])
      const events: InboxChangeEvent[] = activity.map((a) => ({
        itemId: a.item_id,
        version: a.version,
        state: a.state as InboxChangeEvent['state'],
        action: a.action as InboxChangeEvent['action'],
        actor: a.actor_id ? { id: a.actor_id, name: a.actor_name ?? '' } : null,
      }))
      const received = ingest.filter((e) => e.inbox_items > 0)
      if (received.length) {
        const ids = received.flatMap((e) => (JSON.parse(e.payload) as { ids: string[] }).ids)
        const rows = await store.repos.inbox.findMany(access.libraryId, ids.slice(-100))
        for (const row of rows)
          events.push({
            itemId: row.id,
            version: row.version,
            state: row.state as InboxChangeEvent['state'],
            action: 'received',
            actor: null,
          })
      }
      return {
        events,
        cursor: {
          activity: Number(activity.at(-1)?.seq ?? cursor.activity),
          ingest: Number(ingest.at(-1)?.seq ?? cursor.ingest),
        },
      }
    },

    /** Undoes what an automatic rule did to an item; a person's own changes are changed back by hand. */
    async undo(access: LibraryAccess<'inbox.answer'>, activityId: string): Promise<InboxItem> {
      const now = clock.now().toISOString()
      const activity = await store.repos.inbox.findActivity(access.libraryId, activityId)
      if (!activity) throw new DomainError('inbox_item_not_found')
      if (!activity.rule_id || activity.undone_at || !UNDOABLE.has(activity.action))
        throw new DomainError('activity_not_undoable')
      const detail = JSON.parse(activity.detail) as Record<string, string>
      await store.transaction(async (repos) => {
        const row = await repos.inbox.find(access.libraryId, activity.item_id)
        if (!row) throw new DomainError('inbox_item_not_found')
        if (!(await repos.inbox.markUndone(activityId, now)))
          throw new DomainError('activity_not_undoable')
        const changes: Parameters<Repos['inbox']['touch']>[2] = { updated_at: now }
        if (activity.action === 'tagged' && detail.tagId)
          await repos.inbox.removeTag(access.libraryId, row.id, detail.tagId)
        if (activity.action === 'assigned' && row.assignee_id === detail.assigneeId) {
          changes.assignee_id = null
          if (row.state === 'assigned') changes.state = 'new'
        }
        if (activity.action === 'state_changed' && row.state === 'done') {
          changes.state = detail.from ?? 'new'
          changes.closed_at = null
        }
        if (activity.action === 'flagged') changes.flagged = 0
        await repos.inbox.touch(access.libraryId, row.id, changes)
        await recordActivity(repos, {
          libraryId: access.libraryId,
          itemId: row.id,
          action:
            activity.action === 'tagged'
              ? 'untagged'
              : activity.action === 'assigned'
                ? 'unassigned'
                : activity.action === 'flagged'
                  ? 'unflagged'
                  : 'reopened',
          actorId: access.userId,
          at: now,
          detail: { ...detail, undoes: activityId },
        })
      })
      return view(access.libraryId, activity.item_id)
    },
  }
  return service
}
export type InboxService = ReturnType<typeof inboxService>

const UNDOABLE = new Set(['tagged', 'assigned', 'state_changed', 'flagged'])
