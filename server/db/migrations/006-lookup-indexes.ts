import type { Kysely } from 'kysely'

/**
 * Every query inside a library names the library. Without statistics SQLite
 * read `library_id = ? AND id IN (…many…)` through the library's index and
 * scanned all of its posts; an index on both columns serves both terms.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['posts', 'channels'])
    await db.schema
      .createIndex(`${table}_library_id`)
      .unique()
      .on(table)
      .columns(['library_id', 'id'])
      .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['posts', 'channels'])
    await db.schema.dropIndex(`${table}_library_id`).execute()
}
