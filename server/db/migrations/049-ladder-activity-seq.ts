import type { Kysely } from 'kysely'

/**
 * What a night's ladder rebuild needs to place only the people whose step
 * can have changed since the last (ladder-rebuild.ts):
 * - ladder_activity.seq: the activity consumer's position in ingest's outbox
 *   when it last added to the row (0 for rows from before this migration);
 * - ladder_settings.placed_seq: the position the last rebuild had seen, so
 *   rows with a larger seq are news to it;
 * - ladder_settings.placed_rules: the rules it placed people by; new rules
 *   place everyone again.
 * Existing libraries have neither, so their next rebuild places everyone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('ladder_activity')
    .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.alterTable('ladder_settings').addColumn('placed_seq', 'bigint').execute()
  await db.schema.alterTable('ladder_settings').addColumn('placed_rules', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ladder_settings').dropColumn('placed_rules').execute()
  await db.schema.alterTable('ladder_settings').dropColumn('placed_seq').execute()
  await db.schema.alterTable('ladder_activity').dropColumn('seq').execute()
}
