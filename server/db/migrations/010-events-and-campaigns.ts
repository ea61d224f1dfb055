import type { ColumnDefinitionBuilder, Kysely } from 'kysely'
import { timestampType } from '../dialect.js'

/**
 * Planning around the library's own calendar: imported event sources and their
 * occurrences, campaigns with a peak, the library's own peak-plan templates,
 * and weekly recurring slots ("Veckans postning").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  const library = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('libraries.id').onDelete('cascade')
  const creator = (c: ColumnDefinitionBuilder) => c.references('users.id').onDelete('set null')

  await db.schema
    .createTable('event_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_fetched_at', ts)
    .addColumn('last_success_at', ts)
    .addColumn('error_code', 'text')
    .addColumn('error_at', ts)
    .addColumn('created_by', 'text', creator)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('event_sources_library')
    .on('event_sources')
    .column('library_id')
    .execute()

  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('source_id', 'text', (c) =>
      c.notNull().references('event_sources.id').onDelete('cascade'),
    )
    .addColumn('uid', 'text', (c) => c.notNull())
    .addColumn('recurrence_key', 'text', (c) => c.notNull())
    .addColumn('overridden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('url', 'text')
    .addColumn('starts_at', ts, (c) => c.notNull())
    .addColumn('ends_at', ts, (c) => c.notNull())
    .addColumn('all_day', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_modified', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('events_source_occurrence', ['source_id', 'uid', 'recurrence_key'])
    .execute()
  await db.schema
    .createIndex('events_library_starts')
    .on('events')
    .columns(['library_id', 'starts_at'])
    .execute()

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('goal', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('audience', 'text')
    .addColumn('channel_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('peak_at', ts, (c) => c.notNull())
    // An event that leaves the feed leaves the campaign, which keeps its own name and peak.
    .addColumn('event_id', 'text', (c) => c.references('events.id').onDelete('set null'))
    .addColumn('created_by', 'text', creator)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('campaigns_library_peak')
    .on('campaigns')
    .columns(['library_id', 'peak_at'])
    .execute()

  // The plan a campaign's drafts came from: which slot each post fills and the text it started
  // with, so progress counts a slot as written only once someone has written it.
  await db.schema
    .createTable('campaign_slots')
    .addColumn('post_id', 'text', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('library_id', 'text', library)
    .addColumn('campaign_id', 'text', (c) =>
      c.notNull().references('campaigns.id').onDelete('cascade'),
    )
    .addColumn('offset_days', 'integer', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('starter_text', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('campaign_slots_campaign')
    .on('campaign_slots')
    .columns(['library_id', 'campaign_id'])
    .execute()

  await db.schema
    .createTable('plan_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slots', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', creator)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('plan_templates_library')
    .on('plan_templates')
    .column('library_id')
    .execute()

  await db.schema
    .createTable('recurring_slots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('channel_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('prompt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('audience', 'text')
    .addColumn('member_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('next_turn', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_week', 'text')
    .addColumn('last_post_id', 'text')
    .addColumn('created_by', 'text', creator)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('recurring_slots_library')
    .on('recurring_slots')
    .column('library_id')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'recurring_slots',
    'plan_templates',
    'campaign_slots',
    'campaigns',
    'events',
    'event_sources',
  ])
    await db.schema.dropTable(table).execute()
}
