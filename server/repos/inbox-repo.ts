import { type Insertable, type Updateable, sql } from 'kysely'
import { INBOX_STATES } from '../../core/schemas/inbox.js'
import type { Db } from '../db/database.js'
import type {
  InboxActivityTable,
  InboxItemsTable,
  InboxNotesTable,
  ModerationActionsTable,
} from '../db/schema/inbox.js'

export interface InboxFilter {
  channelId?: string
  states?: readonly string[]
  tagId?: string
  /** A member's id, or null for items nobody has. */
  assigneeId?: string | null
  hasQuestion?: boolean
  flagged?: boolean
  search?: string
  /** Keyset: items older than this (received_at, id). */
  before?: { receivedAt: string; id: string }
  limit: number
}

const ITEM_COLUMNS = [
  'i.id',
  'i.library_id',
  'i.channel_id',
  'i.kind',
  'i.state',
  'i.assignee_id',
  'i.flagged',
  'i.has_question',
  'i.received_at',
  'i.due_at',
  'i.first_response_at',
  'i.closed_at',
  'i.moderated_at',
  'i.version',
  'x.author_remote_id',
  'x.author_handle',
  'x.author_name',
  'x.author_url',
  'x.author_avatar',
  'x.text',
  'x.url',
  'x.remote_id',
  'x.subject_remote_id',
  'x.root_remote_id',
  'x.parent_remote_id',
  'x.reply_target',
  'x.remote_created_at',
  'x.edited_at',
  'x.remote_deleted_at',
  'c.network',
  'c.handle as channel_handle',
  'u.name as assignee_name',
] as const

const OPEN_STATES = INBOX_STATES.filter((s) => s !== 'done')

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (m) => `\\${m}`)
}

export function inboxRepo(db: Db) {
  const items = () =>
    db
      .selectFrom('inbox_items as i')
      .innerJoin('interactions as x', 'x.id', 'i.id')
      .innerJoin('channels as c', 'c.id', 'i.channel_id')
      .leftJoin('users as u', 'u.id', 'i.assignee_id')
      .select(ITEM_COLUMNS)

  return {
    list(libraryId: string, f: InboxFilter) {
      let q = items().where('i.library_id', '=', libraryId)
      if (f.channelId) q = q.where('i.channel_id', '=', f.channelId)
      if (f.states?.length) {
        const states = new Set(f.states)
        // Every state but done is "open": written as the partial index inbox_items_open is
        // (a literal, so both planners see that the index covers it), it is a walk down that
        // small index instead of sorting every open item.
        q =
          OPEN_STATES.every((s) => states.has(s)) && !states.has('done')
            ? q.where(sql<boolean>`i.state <> 'done'`)
            : q.where('i.state', 'in', [...states])
      }
      if (f.assigneeId !== undefined)
        q = q.where('i.assignee_id', f.assigneeId === null ? 'is' : '=', f.assigneeId)
      if (f.hasQuestion !== undefined) q = q.where('i.has_question', '=', f.hasQuestion ? 1 : 0)
      if (f.flagged) q = q.where('i.flagged', '=', 1)
      if (f.tagId) {
        const tagId = f.tagId
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('inbox_item_tags as t')
              .select(sql.lit(1).as('one'))
              .whereRef('t.item_id', '=', 'i.id')
              .where('t.tag_id', '=', tagId),
          ),
        )
      }
      if (f.search)
        q = q.where(
          sql<boolean>`i.search_text like ${`%${escapeLike(f.search.toLowerCase())}%`} escape '\\'`,
        )
      if (f.before) {
        const { receivedAt, id } = f.before
        // One row-value comparison: both databases seek the index to it, page 40 as fast as page 2.
        q = q.where((eb) => eb(eb.refTuple('i.received_at', 'i.id'), '<', eb.tuple(receivedAt, id)))
      }
      return q.orderBy('i.received_at', 'desc').orderBy('i.id', 'desc').limit(f.limit).execute()
    },
    find(libraryId: string, id: string) {
      return items().where('i.library_id', '=', libraryId).where('i.id', '=', id).executeTakeFirst()
    },
    findMany(libraryId: string, ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([])
      return items()
        .where('i.library_id', '=', libraryId)
        .where('i.id', 'in', [...ids])
        .execute()
    },
    /** Open items per state, each counted up to `cap` (the badge says "999+" beyond). */
    async openCounts(libraryId: string, cap: number) {
      // One statement, not three: every list request asks, and on PostgreSQL each statement
      // took a pooled connection of its own.
      const count = (state: string) =>
        sql<number>`(select count(*) from (select 1 from inbox_items
          where library_id = ${libraryId} and state = ${state} limit ${cap}) capped)`
      const { rows } = await sql<{ new: number; assigned: number; answered: number }>`
        select ${count('new')} as new, ${count('assigned')} as assigned,
          ${count('answered')} as answered`.execute(db)
      const row = rows[0]!
      return {
        new: Number(row.new),
        assigned: Number(row.assigned),
        answered: Number(row.answered),
      }
    },
    async tagsFor(itemIds: readonly string[]) {
      if (itemIds.length === 0) return []
      return db
        .selectFrom('inbox_item_tags as it')
        .innerJoin('inbox_tags as t', 't.id', 'it.tag_id')
        .select(['it.item_id', 't.id', 't.name', 't.position'])
        .where('it.item_id', 'in', [...itemIds])
        .orderBy('t.position')
        .execute()
    },
    async authorCounts(libraryId: string, authorIds: readonly string[]) {
      if (authorIds.length === 0) return new Map<string, number>()
      const rows = await db
        .selectFrom('inbox_items')
        .select(['author_remote_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('library_id', '=', libraryId)
        .where('author_remote_id', 'in', [...new Set(authorIds)])
        .groupBy('author_remote_id')
        .execute()
      return new Map(rows.map((r) => [r.author_remote_id, Number(r.n)]))
    },
    /** The library's posts the items are about, by channel and remote id. */
    async subjects(pairs: readonly { channelId: string; remoteId: string }[]) {
      if (pairs.length === 0) return []
      return db
        .selectFrom('publications as p')
        .innerJoin('posts', 'posts.id', 'p.post_id')
        .select([
          'p.channel_id',
          'p.remote_id',
          'p.remote_url',
          'posts.id as post_id',
          'posts.text',
        ])
        .where('p.remote_id', 'in', [...new Set(pairs.map((p) => p.remoteId))])
        .where('p.channel_id', 'in', [...new Set(pairs.map((p) => p.channelId))])
        .execute()
    },
    /** Interactions in one thread on a channel, oldest first: the conversation around an item. */
    conversation(channelId: string, rootRemoteId: string, limit: number) {
      return db
        .selectFrom('interactions')
        .select([
          'id',
          'remote_id',
          'author_handle',
          'author_name',
          'text',
          'url',
          'remote_created_at',
          'parent_remote_id',
        ])
        .where('channel_id', '=', channelId)
        .where((eb) =>
          eb.or([eb('root_remote_id', '=', rootRemoteId), eb('remote_id', '=', rootRemoteId)]),
        )
        .where('kind', 'in', ['reply', 'mention', 'quote', 'comment'])
        .orderBy('remote_created_at')
        .limit(limit)
        .execute()
    },
    /** Changes the item only if nobody changed it since `version`; returns whether it did. */
    async update(
      libraryId: string,
      id: string,
      version: number,
      changes: Updateable<InboxItemsTable>,
    ): Promise<boolean> {
      const result = await db
        .updateTable('inbox_items')
        .set({ ...changes, version: version + 1 })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    /** A person's change that needs no agreement on the version (a note, an undo): bumps it for others. */
    async touch(libraryId: string, id: string, changes: Updateable<InboxItemsTable>) {
      await db
        .updateTable('inbox_items')
        .set({ ...changes, version: sql`version + 1` })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },
    /**
     * What the system learnt (a reply went out or failed, an edit or deletion seen on the network).
     * The version is left alone: it guards against two people acting on what they saw, and the one
     * who just answered must be able to close the item at once. Live updates still announce it.
     */
    async noteSystemChange(libraryId: string, id: string, changes: Updateable<InboxItemsTable>) {
      await db
        .updateTable('inbox_items')
        .set(changes)
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },
    async addTag(libraryId: string, itemId: string, tagId: string) {
      await db
        .insertInto('inbox_item_tags')
        .values({ item_id: itemId, tag_id: tagId, library_id: libraryId })
        .onConflict((oc) => oc.columns(['item_id', 'tag_id']).doNothing())
        .execute()
    },
    async removeTag(libraryId: string, itemId: string, tagId: string) {
      await db
        .deleteFrom('inbox_item_tags')
        .where('library_id', '=', libraryId)
        .where('item_id', '=', itemId)
        .where('tag_id', '=', tagId)
        .execute()
    },
    async addNote(row: Insertable<InboxNotesTable>) {
      await db.insertInto('inbox_notes').values(row).execute()
    },
    notes(libraryId: string, itemId: string) {
      return db
        .selectFrom('inbox_notes as n')
        .leftJoin('users as u', 'u.id', 'n.author_id')
        .select(['n.id', 'n.body', 'n.created_at', 'n.author_id', 'u.name as author_name'])
        .where('n.library_id', '=', libraryId)
        .where('n.item_id', '=', itemId)
        .orderBy('n.created_at')
        .execute()
    },
    async addActivity(row: Insertable<InboxActivityTable>) {
      await db.insertInto('inbox_activity').values(row).execute()
    },
    activity(libraryId: string, itemId: string) {
      return db
        .selectFrom('inbox_activity as a')
        .leftJoin('users as u', 'u.id', 'a.actor_id')
        .select([
          'a.id',
          'a.seq',
          'a.action',
          'a.actor_id',
          'u.name as actor_name',
          'a.rule_id',
          'a.rule_name',
          'a.detail',
          'a.at',
          'a.undone_at',
        ])
        .where('a.library_id', '=', libraryId)
        .where('a.item_id', '=', itemId)
        .orderBy('a.seq')
        .execute()
    },
    findActivity(libraryId: string, id: string) {
      return db
        .selectFrom('inbox_activity')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
    },
    async markUndone(id: string, at: string) {
      const r = await db
        .updateTable('inbox_activity')
        .set({ undone_at: at })
        .where('id', '=', id)
        .where('undone_at', 'is', null)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    /** Activity after `seq` in the library, oldest first: what the live stream sends. */
    activitySince(libraryId: string, seq: number, limit: number) {
      return db
        .selectFrom('inbox_activity as a')
        .innerJoin('inbox_items as i', 'i.id', 'a.item_id')
        .leftJoin('users as u', 'u.id', 'a.actor_id')
        .select([
          'a.seq',
          'a.item_id',
          'a.action',
          'a.actor_id',
          'u.name as actor_name',
          'i.state',
          'i.version',
        ])
        .where('a.library_id', '=', libraryId)
        .where('a.seq', '>', seq)
        .orderBy('a.seq')
        .limit(limit)
        .execute()
    },
    async lastIngestSeq(libraryId: string): Promise<number> {
      const row = await db
        .selectFrom('ingest_events')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('library_id', '=', libraryId)
        .executeTakeFirst()
      return Number(row?.seq ?? 0)
    },
    ingestEventsSince(libraryId: string, seq: number, limit: number) {
      return db
        .selectFrom('ingest_events')
        .select(['seq', 'payload', 'inbox_items'])
        .where('library_id', '=', libraryId)
        .where('seq', '>', seq)
        .orderBy('seq')
        .limit(limit)
        .execute()
    },
    async lastActivitySeq(libraryId: string): Promise<number> {
      const row = await db
        .selectFrom('inbox_activity')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('library_id', '=', libraryId)
        .executeTakeFirst()
      return Number(row?.seq ?? 0)
    },
    /** Answers written in Torget to these items (posts threaded under them). */
    replies(libraryId: string, itemId: string) {
      return db
        .selectFrom('posts')
        .innerJoin('users as u', 'u.id', 'posts.author_id')
        .leftJoin('publications as p', 'p.post_id', 'posts.id')
        .select([
          'posts.id',
          'posts.text',
          'posts.state',
          'posts.author_id',
          'u.name as author_name',
          'posts.created_at',
          'p.remote_url',
          'p.remote_id',
        ])
        .where('posts.library_id', '=', libraryId)
        .where('posts.reply_to_item_id', '=', itemId)
        .orderBy('posts.created_at')
        .execute()
    },
    /** Answered or closed items by these authors in these threads: a new message reopens the matter. */
    async earlierInThreads(
      channelId: string,
      authorIds: readonly string[],
      roots: readonly string[],
    ) {
      if (authorIds.length === 0 || roots.length === 0) return []
      // Found through the thread index (channel, root, author): a few probes per read.
      return db
        .selectFrom('interactions as x')
        .innerJoin('inbox_items as i', 'i.id', 'x.id')
        .select(['i.id', 'i.assignee_id', 'x.author_remote_id', 'x.root_remote_id'])
        .where('x.channel_id', '=', channelId)
        .where('x.root_remote_id', 'in', [...new Set(roots)])
        .where('x.author_remote_id', 'in', [...new Set(authorIds)])
        .where('i.state', 'in', ['answered', 'done'])
        .orderBy('i.received_at')
        .execute()
    },
    /** Items first answered since `since`, for response times. */
    answeredSince(libraryId: string, since: string, limit: number) {
      return db
        .selectFrom('inbox_items as i')
        .innerJoin('channels as c', 'c.id', 'i.channel_id')
        .leftJoin('users as u', 'u.id', 'i.first_responder_id')
        .select([
          'i.received_at',
          'i.first_response_at',
          'i.channel_id',
          'c.handle',
          'c.network',
          'i.first_responder_id',
          'u.name as responder_name',
        ])
        .where('i.library_id', '=', libraryId)
        .where('i.first_response_at', '>=', since)
        .orderBy('i.first_response_at', 'desc')
        .limit(limit)
        .execute()
    },
    /** Open, unanswered items due before `before`, soonest first. */
    dueBefore(libraryId: string, before: string, limit: number) {
      return items()
        .where('i.library_id', '=', libraryId)
        .where('i.state', 'in', ['new', 'assigned'])
        .where('i.first_response_at', 'is', null)
        .where('i.due_at', 'is not', null)
        .where('i.due_at', '<', before)
        .orderBy('i.due_at')
        .limit(limit)
        .execute()
    },
    /** The channel's recent items longest unchecked: whose edits and deletions to look for. */
    toRecheck(channelId: string, since: string, checkedBefore: string, limit: number) {
      return db
        .selectFrom('interactions')
        .select(['id', 'library_id', 'remote_id', 'text', 'unavailable_at'])
        .where('channel_id', '=', channelId)
        .where('kind', 'in', ['reply', 'mention', 'quote', 'comment'])
        .where('remote_deleted_at', 'is', null)
        .where('remote_created_at', '>=', since)
        .where((eb) =>
          eb.or([eb('rechecked_at', 'is', null), eb('rechecked_at', '<', checkedBefore)]),
        )
        .orderBy('rechecked_at')
        .limit(limit)
        .execute()
    },
    async markRechecked(ids: readonly string[], at: string) {
      if (ids.length === 0) return
      await db
        .updateTable('interactions')
        .set({ rechecked_at: at })
        .where('id', 'in', [...ids])
        .execute()
    },
    /** The author deleted it on the network: the copy stays, marked. */
    async markRemoteDeleted(id: string, at: string) {
      await db
        .updateTable('interactions')
        .set({ remote_deleted_at: at, rechecked_at: at })
        .where('id', '=', id)
        .execute()
    },
    async markUnavailable(id: string, at: string) {
      await db
        .updateTable('interactions')
        .set({ unavailable_at: at, rechecked_at: at })
        .where('id', '=', id)
        .execute()
    },
    /** The author edited it: the text as first received is kept beside the new one. */
    async recordRemoteEdit(id: string, text: string, editedAt: string, at: string) {
      await db
        .updateTable('interactions')
        .set((eb) => ({
          original_text: eb.fn.coalesce('original_text', 'text'),
          text,
          edited_at: editedAt,
          rechecked_at: at,
        }))
        .where('id', '=', id)
        .execute()
      await db
        .updateTable('inbox_items')
        .set({ search_text: text.toLowerCase() })
        .where('id', '=', id)
        .execute()
    },
    /** Which of these posts are answers to inbox items, and whose. */
    replyPosts(libraryId: string, postIds: readonly string[]) {
      if (postIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('posts')
        .select(['id', 'reply_to_item_id', 'author_id'])
        .where('library_id', '=', libraryId)
        .where('id', 'in', [...postIds])
        .where('reply_to_item_id', 'is not', null)
        .execute()
    },
    /** An answer went out: the item is answered (unless closed), and its first response is timed (a system change: see noteSystemChange). */
    async markAnswered(libraryId: string, itemId: string, responderId: string, at: string) {
      await db
        .updateTable('inbox_items')
        .set((eb) => ({
          state: eb
            .case()
            .when('state', 'in', ['new', 'assigned'])
            .then('answered')
            .else(eb.ref('state'))
            .end(),
          first_response_at: eb.fn.coalesce('first_response_at', eb.val(at)),
          first_responder_id: eb.fn.coalesce('first_responder_id', eb.val(responderId)),
          updated_at: at,
        }))
        .where('library_id', '=', libraryId)
        .where('id', '=', itemId)
        .execute()
    },
    async insertModeration(row: Insertable<ModerationActionsTable>) {
      await db.insertInto('moderation_actions').values(row).execute()
    },
    findModeration(libraryId: string, id: string) {
      return db
        .selectFrom('moderation_actions')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
    },
    async settleModeration(
      id: string,
      changes: { state: string; error_code: string | null; done_at: string | null },
    ) {
      await db.updateTable('moderation_actions').set(changes).where('id', '=', id).execute()
    },
    moderation(libraryId: string, itemId: string) {
      return db
        .selectFrom('moderation_actions')
        .select([
          'id',
          'action',
          'reason_category',
          'reason',
          'actor_id',
          'actor_name',
          'state',
          'error_code',
          'created_at',
        ])
        .where('library_id', '=', libraryId)
        .where('item_id', '=', itemId)
        .orderBy('created_at')
        .execute()
    },
    async setPresence(row: {
      item_id: string
      user_id: string
      library_id: string
      mode: string
      expires_at: string
    }) {
      await db
        .insertInto('inbox_presence')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['item_id', 'user_id'])
            .doUpdateSet({ mode: row.mode, expires_at: row.expires_at }),
        )
        .execute()
    },
    /** Everyone on any item of the library right now. */
    presenceInLibrary(libraryId: string, now: string) {
      return db
        .selectFrom('inbox_presence as p')
        .innerJoin('users as u', 'u.id', 'p.user_id')
        .select(['p.item_id', 'p.user_id', 'u.name', 'p.mode'])
        .where('p.library_id', '=', libraryId)
        .where('p.expires_at', '>', now)
        .orderBy('p.item_id')
        .orderBy('u.name')
        .execute()
    },
    async clearPresence(libraryId: string, itemId: string, userId: string) {
      await db
        .deleteFrom('inbox_presence')
        .where('library_id', '=', libraryId)
        .where('item_id', '=', itemId)
        .where('user_id', '=', userId)
        .execute()
    },
    presence(libraryId: string, itemId: string, now: string) {
      return db
        .selectFrom('inbox_presence as p')
        .innerJoin('users as u', 'u.id', 'p.user_id')
        .select(['p.user_id', 'u.name', 'p.mode'])
        .where('p.library_id', '=', libraryId)
        .where('p.item_id', '=', itemId)
        .where('p.expires_at', '>', now)
        .orderBy('u.name')
        .execute()
    },
  }
}
