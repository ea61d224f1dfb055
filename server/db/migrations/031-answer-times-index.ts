import type { Kysely } from 'kysely'

/**
 * Statistik measures the answer time of every item a period received. The inbox's
 * newest-first index (library, received_at, id) finds them; carrying the channel and
 * the first answer's time as well lets the database answer from the index alone, not
 * one table read per item (thousands in a busy quarter). The inbox's pages use it as
 * before: the added columns come after the ones they sort by.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('inbox_items_received').execute()
  await db.schema
    .createIndex('inbox_items_received')
    .on('inbox_items')
    .columns(['library_id', 'received_at', 'id', 'channel_id', 'first_response_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('inbox_items_received').execute()
  await db.schema
    .createIndex('inbox_items_received')
    .on('inbox_items')
    .columns(['library_id', 'received_at', 'id'])
    .execute()
}
