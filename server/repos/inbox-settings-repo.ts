import { type Insertable, type Updateable, sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { InboxRulesTable, InboxTagsTable, SavedRepliesTable } from '../db/schema/inbox.js'

/** The library's shared inbox tools: tags, saved replies, automatic rules. */
export function inboxSettingsRepo(db: Db) {
  return {
    tags(libraryId: string) {
      return db
        .selectFrom('inbox_tags as t')
        .select([
          't.id',
          't.name',
          't.name_key',
          't.position',
          (eb) =>
            eb
              .selectFrom('inbox_item_tags as it')
              .select(eb.fn.countAll<number>().as('n'))
              .whereRef('it.tag_id', '=', 't.id')
              .as('items'),
        ])
        .where('t.library_id', '=', libraryId)
        .orderBy('t.position')
        .orderBy('t.name')
        .execute()
    },
    /** The library's tag ids alone: what ingest's rules check, once per read (no item counts). */
    async tagIds(libraryId: string) {
      const rows = await db
        .selectFrom('inbox_tags')
        .select('id')
        .where('library_id', '=', libraryId)
        .execute()
      return rows.map((r) => r.id)
    },
    async insertTags(rows: Insertable<InboxTagsTable>[]) {
      if (rows.length === 0) return
      await db
        .insertInto('inbox_tags')
        .values(rows)
        .onConflict((oc) => oc.columns(['library_id', 'name_key']).doNothing())
        .execute()
    },
    async updateTag(libraryId: string, id: string, changes: Updateable<InboxTagsTable>) {
      const r = await db
        .updateTable('inbox_tags')
        .set(changes)
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async deleteTag(libraryId: string, id: string) {
      const r = await db
        .deleteFrom('inbox_tags')
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numDeletedRows) === 1
    },
    async nextTagPosition(libraryId: string) {
      const row = await db
        .selectFrom('inbox_tags')
        .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
        .where('library_id', '=', libraryId)
        .executeTakeFirst()
      return Number(row?.next ?? 1)
    },
    savedReplies(libraryId: string) {
      return db
        .selectFrom('saved_replies as s')
        .leftJoin('users as u', 'u.id', 's.updated_by')
        .select([
          's.id',
          's.title',
          's.body',
          's.updated_at',
          's.updated_by',
          'u.name as updated_by_name',
        ])
        .where('s.library_id', '=', libraryId)
        .orderBy('s.title')
        .execute()
    },
    async insertSavedReply(row: Insertable<SavedRepliesTable>) {
      await db.insertInto('saved_replies').values(row).execute()
    },
    async updateSavedReply(libraryId: string, id: string, changes: Updateable<SavedRepliesTable>) {
      const r = await db
        .updateTable('saved_replies')
        .set(changes)
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async deleteSavedReply(libraryId: string, id: string) {
      const r = await db
        .deleteFrom('saved_replies')
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numDeletedRows) === 1
    },
    async memberIds(libraryId: string) {
      const rows = await db
        .selectFrom('memberships')
        .select('user_id')
        .where('library_id', '=', libraryId)
        .execute()
      return rows.map((r) => r.user_id)
    },
    rules(libraryId: string) {
      return db
        .selectFrom('inbox_rules')
        .selectAll()
        .where('library_id', '=', libraryId)
        .orderBy('position')
        .execute()
    },
    async insertRule(row: Insertable<InboxRulesTable>) {
      await db.insertInto('inbox_rules').values(row).execute()
    },
    async updateRule(libraryId: string, id: string, changes: Updateable<InboxRulesTable>) {
      const r = await db
        .updateTable('inbox_rules')
        .set(changes)
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async deleteRule(libraryId: string, id: string) {
      const r = await db
        .deleteFrom('inbox_rules')
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numDeletedRows) === 1
    },
  }
}
