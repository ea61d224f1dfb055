import type { Kysely } from 'kysely'

/**
 * One library's interactions, in the order received. A rebuild of one
 * library's statistics (`torget stats rebuild`) and the interaction
 * retention's nightly round (oldest likes first) read only that library's
 * rows; without this they read every library's, 78 s for one library of a
 * hundred at the statistics benchmark's size. It costs each ingested row one
 * more index entry, which ingest's benchmark measures.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('interactions_library_received')
    .on('interactions')
    .columns(['library_id', 'received_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('interactions_library_received').execute()
}
