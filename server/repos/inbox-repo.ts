import { type Insertable, type Updateable, sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { InboxActivityTable, InboxItemsTable, InboxNotesTable } from '../db/schema/inbox.js'
import { inboxModerationRepo } from './inbox-moderation-repo.js'
import { inboxThreadRepo } from './inbox-thread-repo.js'
import { inboxListRepo, itemRows } from './inbox-list-repo.js'

export type { InboxFilter } from './inbox-list-repo.js'

export function inboxRepo(db: Db) {
  return {
    ...inboxItemsRepo(db),
    ...inboxListRepo(db),
    ...inboxThreadRepo(db),
    ...inboxModerationRepo(db),
  }
}

function inboxItemsRepo(db: Db) {
  const items = () => itemRows(db)

  const repo = {
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
  }
  return repo
}
