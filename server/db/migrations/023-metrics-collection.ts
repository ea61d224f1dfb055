import type { Kysely } from 'kysely'
import { timestampType } from '../dialect.js'

/**
 * When each channel's own counts (followers, following, posts) are read next,
 * with a lease so that two workers never read one account at once, and the
 * failures in a row that set the back-off. The counts themselves go to
 * account_metrics (migration 022); a post's schedule lives in post_metric_state.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  await db.schema
    .createTable('account_metric_state')
    .addColumn('channel_id', 'text', (c) =>
      c.primaryKey().references('channels.id').onDelete('cascade'),
    )
    .addColumn('library_id', 'text', (c) =>
      c.notNull().references('libraries.id').onDelete('cascade'),
    )
    .addColumn('next_at', ts, (c) => c.notNull())
    .addColumn('sampled_at', ts)
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_code', 'text')
    .addColumn('leased_until', ts)
    .execute()
  await db.schema
    .createIndex('account_metric_state_due')
    .on('account_metric_state')
    .column('next_at')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('account_metric_state').execute()
}
