import type { Kysely } from 'kysely'
import { timestampType } from '../dialect.js'

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  await db.schema
    .createTable('strategy_drafts')
    .addColumn('library_id', 'text', (c) =>
      c.primaryKey().references('libraries.id').onDelete('cascade'),
    )
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('strategy_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', (c) =>
      c.notNull().references('libraries.id').onDelete('cascade'),
    )
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.references('users.id'))
    .addColumn('approved_at', ts)
    .addUniqueConstraint('strategy_versions_number', ['library_id', 'number'])
    .execute()
  await db.schema
    .createIndex('strategy_versions_approved')
    .on('strategy_versions')
    .columns(['library_id', 'approved_at'])
    .execute()

  await db.schema
    .createTable('policy_reads')
    .addColumn('library_id', 'text', (c) =>
      c.notNull().references('libraries.id').onDelete('cascade'),
    )
    .addColumn('version_id', 'text', (c) =>
      c.notNull().references('strategy_versions.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('read_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_reads_pk', ['version_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('policy_links')
    .addColumn('library_id', 'text', (c) =>
      c.primaryKey().references('libraries.id').onDelete('cascade'),
    )
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['policy_links', 'policy_reads', 'strategy_versions', 'strategy_drafts'])
    await db.schema.dropTable(table).execute()
}
