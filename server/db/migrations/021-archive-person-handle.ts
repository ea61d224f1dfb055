import type { Kysely } from 'kysely'

/**
 * The archive's person filter takes a network id or a handle. Without an index
 * on the handle, a word search narrowed to a person read every match of the word
 * to find the few by that person (measured by `npm run bench -- archive`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('archive_entries_person_handle')
    .on('archive_entries')
    .columns(['library_id', 'person_handle'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('archive_entries_person_handle').execute()
}
