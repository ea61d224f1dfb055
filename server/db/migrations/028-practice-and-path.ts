import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely'
import { isPostgres, timestampType } from '../dialect.js'

/**
 * Övningskanalen and the staff path (issue 14): the practice channel's own
 * "network" — the library's practice posts and the practice personas'
 * messages, read by ingest like any network's — the library's own persona
 * scripts, and who the Ansvarig has invited onto the path. The path's
 * progress is not stored: it is computed from what members did.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  const pg = isPostgres(db)
  const serial = pg ? sql`bigint generated always as identity primary key` : sql`integer`
  const serialColumn = (c: ColumnDefinitionBuilder) => (pg ? c : c.primaryKey().autoIncrement())
  const library = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('libraries.id').onDelete('cascade')

  // What the library published on its practice channel: posts and answers to personas.
  await db.schema
    .createTable('practice_posts')
    .addColumn('remote_id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('publication_id', 'text', (c) => c.notNull().unique())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('images', 'integer', (c) => c.notNull())
    // The persona message answered, when this is an answer.
    .addColumn('parent_remote_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('deleted_at', ts)
    .execute()
  await db.schema
    .createIndex('practice_posts_library')
    .on('practice_posts')
    .columns(['library_id', 'created_at'])
    .execute()

  // What the practice personas did: replies by lesson, likes and follows. Read in `seq` order.
  await db.schema
    .createTable('practice_messages')
    .addColumn('seq', serial, serialColumn)
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('library_id', 'text', library)
    .addColumn('kind', 'text', (c) => c.notNull())
    // 'question' | 'complaint' | 'personal' | 'thanks' for replies; null for likes and follows.
    .addColumn('lesson', 'text')
    .addColumn('persona', 'text', (c) => c.notNull())
    .addColumn('persona_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('subject_remote_id', 'text')
    .addColumn('parent_remote_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('hidden_at', ts)
    .addColumn('blocked_at', ts)
    .execute()
  await db.schema
    .createIndex('practice_messages_read')
    .on('practice_messages')
    .columns(['library_id', 'seq'])
    .execute()

  // The library's own practice lines, beside the built-in Swedish ones.
  await db.schema
    .createTable('practice_scripts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('lesson', 'text', (c) => c.notNull())
    .addColumn('persona_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('practice_scripts_library')
    .on('practice_scripts')
    .columns(['library_id', 'lesson'])
    .execute()

  await db.schema
    .createTable('path_invitations')
    .addColumn('library_id', 'text', library)
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('invited_by', 'text', (c) => c.notNull())
    .addColumn('invited_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('path_invitations_pk', ['library_id', 'user_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'path_invitations',
    'practice_scripts',
    'practice_messages',
    'practice_posts',
  ])
    await db.schema.dropTable(table).execute()
}
