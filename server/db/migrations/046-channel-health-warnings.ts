import type { Kysely } from 'kysely'

/**
 * channels.health_warning: a channel that publishes but cannot do all it
 * should (Meta did not grant, or took back, the permission to read comments),
 * as a stable code the channel's card explains. Null while nothing is wrong.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('channels').addColumn('health_warning', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('channels').dropColumn('health_warning').execute()
}
