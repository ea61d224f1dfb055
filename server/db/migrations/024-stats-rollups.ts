import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely'
import { timestampType } from '../dialect.js'

/**
 * Statistics read from rollups, not from the raw interactions: counts per
 * library, channel and kind for each hour (UTC) and each day (the library's
 * own day), and per published post (publication) by day and in all. A consumer keeps
 * them up to date from ingest_events; `torget stats rebuild` makes them again
 * from the interactions and the retention's daily counts. Campaigns are read
 * through their posts, so moving a post between campaigns is right at once.
 * Posts can be marked as a paid boost (owned / paid / earned).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  const library = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('libraries.id').onDelete('cascade')
  const channel = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('channels.id').onDelete('cascade')
  const count = (c: ColumnDefinitionBuilder) => c.notNull()

  await db.schema
    .createTable('stats_daily')
    .addColumn('library_id', 'text', library)
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', channel)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', count)
    .addPrimaryKeyConstraint('stats_daily_pk', ['library_id', 'day', 'channel_id', 'kind'])
    .execute()

  await db.schema
    .createTable('stats_hourly')
    .addColumn('library_id', 'text', library)
    // The hour's start in UTC: an hour is the same hour in every zone a library keeps.
    .addColumn('hour', ts, (c) => c.notNull())
    .addColumn('channel_id', 'text', channel)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', count)
    .addPrimaryKeyConstraint('stats_hourly_pk', ['library_id', 'hour', 'channel_id', 'kind'])
    .execute()

  await db.schema
    .createTable('stats_post_daily')
    .addColumn('library_id', 'text', library)
    .addColumn('publication_id', 'text', (c) =>
      c.notNull().references('publications.id').onDelete('cascade'),
    )
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', count)
    .addPrimaryKeyConstraint('stats_post_daily_pk', ['library_id', 'publication_id', 'day', 'kind'])
    .execute()

  // Each post's counts so far: what ranking a year of posts reads, without summing their days.
  await db.schema
    .createTable('stats_post_totals')
    .addColumn('library_id', 'text', library)
    .addColumn('publication_id', 'text', (c) =>
      c.notNull().references('publications.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', count)
    .addPrimaryKeyConstraint('stats_post_totals_pk', ['library_id', 'publication_id', 'kind'])
    .execute()

  // How far the consumer has read ingest_events.
  await db.schema
    .createTable('stats_positions')
    .addColumn('consumer', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()

  // The posts of a period, for the Statistik page (publications had no index by library).
  await db.schema
    .createIndex('publications_library_published')
    .on('publications')
    .columns(['library_id', 'published_at'])
    .where(sql.ref('published_at'), 'is not', null)
    .execute()

  await db.schema
    .alterTable('posts')
    .addColumn('paid_boost', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('posts').dropColumn('paid_boost').execute()
  await db.schema.dropIndex('publications_library_published').execute()
  for (const table of [
    'stats_positions',
    'stats_post_totals',
    'stats_post_daily',
    'stats_hourly',
    'stats_daily',
  ])
    await db.schema.dropTable(table).execute()
}
