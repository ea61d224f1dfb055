import type { ColumnDefinitionBuilder, Kysely } from 'kysely'
import { timestampType } from '../dialect.js'

/**
 * What the networks themselves count, kept as history: each account's
 * followers, following and posts once a day, and each published post's
 * likes, reposts, replies, quotes (and views where a network gives them) at
 * intervals that thin out with age. Counts are null where a network did not
 * say. Names are Torget's, the same for every network (docs/metrics.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  const library = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('libraries.id').onDelete('cascade')
  const channel = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('channels.id').onDelete('cascade')

  await db.schema
    .createTable('account_metrics')
    .addColumn('channel_id', 'text', channel)
    .addColumn('library_id', 'text', library)
    // The day in the library's time zone (YYYY-MM-DD); a later sample that day replaces the earlier.
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('sampled_at', ts, (c) => c.notNull())
    .addColumn('followers', 'integer')
    .addColumn('following', 'integer')
    .addColumn('posts', 'integer')
    .addPrimaryKeyConstraint('account_metrics_pk', ['channel_id', 'day'])
    .execute()
  await db.schema
    .createIndex('account_metrics_library')
    .on('account_metrics')
    .columns(['library_id', 'day'])
    .execute()

  // Every sample of a post's counts, as the network gave them.
  await db.schema
    .createTable('post_metrics')
    .addColumn('publication_id', 'text', (c) =>
      c.notNull().references('publications.id').onDelete('cascade'),
    )
    .addColumn('library_id', 'text', library)
    .addColumn('channel_id', 'text', channel)
    .addColumn('sampled_at', ts, (c) => c.notNull())
    .addColumn('likes', 'integer')
    .addColumn('reposts', 'integer')
    .addColumn('replies', 'integer')
    .addColumn('quotes', 'integer')
    .addColumn('views', 'integer')
    .addPrimaryKeyConstraint('post_metrics_pk', ['publication_id', 'sampled_at'])
    .execute()

  // One row per published post: its latest counts (what dashboards read) and when to look again.
  await db.schema
    .createTable('post_metric_state')
    .addColumn('publication_id', 'text', (c) =>
      c.primaryKey().references('publications.id').onDelete('cascade'),
    )
    .addColumn('library_id', 'text', library)
    .addColumn('channel_id', 'text', channel)
    .addColumn('published_at', ts, (c) => c.notNull())
    // Null once the last sample (30 days after publishing) is taken or the post is gone.
    .addColumn('next_at', ts)
    // How many of the thinning intervals (1 h, 6 h, 1 d, 7 d, 30 d) are behind it.
    .addColumn('stage', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sampled_at', ts)
    .addColumn('likes', 'integer')
    .addColumn('reposts', 'integer')
    .addColumn('replies', 'integer')
    .addColumn('quotes', 'integer')
    .addColumn('views', 'integer')
    // When the network said the post no longer exists; its last counts are kept.
    .addColumn('gone_at', ts)
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('leased_until', ts)
    .execute()
  await db.schema
    .createIndex('post_metric_state_due')
    .on('post_metric_state')
    .column('next_at')
    .execute()
  await db.schema
    .createIndex('post_metric_state_library')
    .on('post_metric_state')
    .columns(['library_id', 'published_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['post_metric_state', 'post_metrics', 'account_metrics'])
    await db.schema.dropTable(table).execute()
}
