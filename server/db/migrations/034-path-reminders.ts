import type { Kysely } from 'kysely'
import { timestampType } from '../dialect.js'

/**
 * The staff path's reminders: a member invited onto the path who has not moved
 * on for some days is reminded once for the step they stand at. The key makes
 * it once: a second sweep, or two workers at once, find the row and tell no one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('path_reminders')
    .addColumn('library_id', 'text', (c) =>
      c.notNull().references('libraries.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('reminded_at', timestampType(db), (c) => c.notNull())
    .addPrimaryKeyConstraint('path_reminders_pk', ['library_id', 'user_id', 'step'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('path_reminders').execute()
}
