import type { Kysely } from 'kysely'

/**
 * What a received reply or comment carried besides its text (photos, video), as
 * the network listed it: the archive copies the files when it captures the item,
 * so the public record holds the media as received, not a link that may die.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('interactions').addColumn('media', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('interactions').dropColumn('media').execute()
}
