import type { ColumnDefinitionBuilder, Kysely } from 'kysely'
import { timestampType } from '../dialect.js'

/**
 * Weeding (gallring) of the public-records archive and what surrounds it:
 * retention rules, legal holds, recorded weeding decisions with the entries
 * each removed (by id and hash), the library's archive settings, and daily
 * counts that likes, reposts and follows are reduced to after their retention.
 *
 * Decisions, their entries and holds are records of the archive themselves:
 * they reference the library without a cascade, like archive_entries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  const library = (c: ColumnDefinitionBuilder) => c.notNull().references('libraries.id')

  await db.schema
    .createTable('archive_retention_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('name', 'text', (c) => c.notNull())
    // Each narrowing is optional; a rule with none applies to every entry of the library.
    .addColumn('channel_id', 'text')
    .addColumn('tag_id', 'text')
    .addColumn('record_class', 'text')
    .addColumn('kind', 'text')
    // Null: permanent (bevaras).
    .addColumn('months', 'integer')
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    // A rule a decision named is never deleted, only retired.
    .addColumn('retired_at', ts)
    .execute()
  await db.schema
    .createIndex('archive_retention_rules_library')
    .on('archive_retention_rules')
    .columns(['library_id'])
    .execute()

  await db.schema
    .createTable('archive_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('from_at', ts)
    .addColumn('to_at', ts)
    .addColumn('channel_id', 'text')
    .addColumn('person', 'text')
    .addColumn('tag_id', 'text')
    .addColumn('placed_by', 'text')
    .addColumn('placed_by_name', 'text', (c) => c.notNull())
    .addColumn('placed_at', ts, (c) => c.notNull())
    .addColumn('lifted_by', 'text')
    .addColumn('lifted_by_name', 'text')
    .addColumn('lifted_at', ts)
    .execute()
  await db.schema
    .createIndex('archive_holds_library')
    .on('archive_holds')
    .columns(['library_id'])
    .execute()

  await db.schema
    .createTable('archive_weeding_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('reference', 'text', (c) => c.notNull())
    // JSON: the rules applied, as they read when decided ({ id, name, months }).
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('period_from', ts, (c) => c.notNull())
    .addColumn('period_to', ts, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_name', 'text', (c) => c.notNull())
    .addColumn('decided_at', ts, (c) => c.notNull())
    .addColumn('entry_count', 'integer', (c) => c.notNull())
    .addUniqueConstraint('archive_weeding_decisions_reference', ['library_id', 'reference'])
    .execute()

  await db.schema
    .createTable('archive_decision_entries')
    .addColumn('decision_id', 'text', (c) => c.notNull().references('archive_weeding_decisions.id'))
    .addColumn('library_id', 'text', library)
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_at', ts, (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('archive_decision_entries_pk', ['decision_id', 'entry_id'])
    .execute()

  await db.schema
    .createTable('archive_settings')
    .addColumn('library_id', 'text', (c) => c.primaryKey().references('libraries.id'))
    // Likes, reposts and follows older than this are kept only as daily counts; null: kept.
    .addColumn('interaction_retention_days', 'integer')
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('interaction_counts')
    .addColumn('library_id', 'text', (c) =>
      c.notNull().references('libraries.id').onDelete('cascade'),
    )
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // The library's post the likes and reposts were of; '' for follows.
    .addColumn('subject_remote_id', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('interaction_counts_pk', [
      'library_id',
      'channel_id',
      'day',
      'kind',
      'subject_remote_id',
    ])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'interaction_counts',
    'archive_settings',
    'archive_decision_entries',
    'archive_weeding_decisions',
    'archive_holds',
    'archive_retention_rules',
  ])
    await db.schema.dropTable(table).execute()
}
