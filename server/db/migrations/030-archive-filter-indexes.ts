import type { Kysely } from 'kysely'

/**
 * The archive's list, newest first, narrowed to a channel or a kind. A word
 * search on PostgreSQL reads the newest rows of the filtered list in time
 * order before it asks the GIN index (server/repos/archive-search.ts); with
 * only (library_id, occurred_at, id) it read every channel's rows to find one
 * channel's, three times the rows and most of the time of a search narrowed
 * to a channel (measured by `npm run bench -- archive`), and a search for the
 * library's own posts read through every received item. SQLite's list without
 * words sorts the same way and uses them too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, column] of [
    ['archive_entries_channel_time', 'channel_id'],
    ['archive_entries_kind_time', 'kind'],
  ] as const)
    await db.schema
      .createIndex(name)
      .on('archive_entries')
      .columns(['library_id', column, 'occurred_at', 'id'])
      .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('archive_entries_channel_time').execute()
  await db.schema.dropIndex('archive_entries_kind_time').execute()
}
