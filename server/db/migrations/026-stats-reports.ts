import type { ColumnDefinitionBuilder, Kysely } from 'kysely'
import { timestampType } from '../dialect.js'

/**
 * The monthly report and the comparison between libraries: who gets the
 * report (per library, or for the whole installation when `library_id` is
 * null), each month's run and each recipient's delivery (so a month is sent
 * once however often the job runs), the libraries that consent to be
 * compared, and each library's month in figures, kept once the month is over.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  const library = (c: ColumnDefinitionBuilder) => c.references('libraries.id').onDelete('cascade')

  await db.schema
    .createTable('stats_consent')
    .addColumn('library_id', 'text', (c) => library(c).primaryKey())
    .addColumn('opted_in_at', ts, (c) => c.notNull())
    .addColumn('opted_in_by', 'text', (c) => c.notNull())
    .execute()

  // `scope` is the library's id, or 'instance' for the region's report.
  await db.schema
    .createTable('report_recipients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('library_id', 'text', library)
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_sent_at', ts)
    // Set when the mail server refused the address; cleared by the Ansvarig.
    .addColumn('bounced_at', ts)
    .addColumn('bounce_reason', 'text')
    .addUniqueConstraint('report_recipients_address', ['scope', 'email'])
    .execute()

  await db.schema
    .createTable('report_runs')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('library_id', 'text', library)
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('report_runs_pk', ['scope', 'month'])
    .execute()

  await db.schema
    .createTable('report_deliveries')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) =>
      c.notNull().references('report_recipients.id').onDelete('cascade'),
    )
    .addColumn('email', 'text', (c) => c.notNull())
    // 'queued' | 'sent' | 'refused'
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('queued_at', ts, (c) => c.notNull())
    .addColumn('settled_at', ts)
    .addPrimaryKeyConstraint('report_deliveries_pk', ['scope', 'month', 'recipient_id'])
    .execute()
  await db.schema
    .createIndex('report_deliveries_recipient')
    .on('report_deliveries')
    .column('recipient_id')
    .execute()

  await db.schema
    .createTable('monthly_figures')
    .addColumn('library_id', 'text', (c) => library(c).notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('computed_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('monthly_figures_pk', ['library_id', 'month'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'monthly_figures',
    'report_deliveries',
    'report_runs',
    'report_recipients',
    'stats_consent',
  ])
    await db.schema.dropTable(table).execute()
}
