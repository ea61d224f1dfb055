import type { Kysely } from 'kysely'
import { isPostgres, timestampType } from '../dialect.js'

/**
 * The public-records archive (core/archive/entry.ts): per library an
 * append-only chain of entries, its head (taken under a lock to append, so
 * two writers never fork the chain), copies of the media it keeps, and where
 * each capture consumer has read its source up to.
 *
 * Entries refer to posts, items and channels by id as plain text, with no
 * foreign key: a record outlives the channel, post or item it came from. The
 * library is referenced without a cascade: a library with an archive cannot be
 * deleted by accident, since only weeding under a decision removes records.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  const blob = isPostgres(db) ? 'bytea' : 'blob'

  await db.schema
    .createTable('archive_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', (c) => c.notNull().references('libraries.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_class', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('refers_to', 'text')
    // What makes a capture the same capture (a publication, an activity, a policy approval), so
    // capturing it again adds nothing.
    .addColumn('capture_key', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('network', 'text')
    .addColumn('remote_id', 'text')
    .addColumn('url', 'text')
    // The network id of the conversation's root, for the conversation view (not hashed: it is
    // read from the content and the post answered).
    .addColumn('thread_root', 'text')
    .addColumn('occurred_at', ts, (c) => c.notNull())
    .addColumn('captured_at', ts, (c) => c.notNull())
    .addColumn('person_remote_id', 'text')
    .addColumn('person_handle', 'text')
    .addColumn('person_name', 'text')
    // JSON: the entry's content as hashed; null once weeded.
    .addColumn('content', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('weeded_by', 'text')
    .addUniqueConstraint('archive_entries_seq', ['library_id', 'seq'])
    .addUniqueConstraint('archive_entries_capture', [
      'library_id',
      'kind',
      'subject',
      'capture_key',
    ])
    .execute()
  for (const [name, columns] of [
    ['archive_entries_occurred', ['library_id', 'occurred_at', 'id']],
    ['archive_entries_person', ['library_id', 'person_remote_id']],
    ['archive_entries_subject', ['library_id', 'subject']],
    ['archive_entries_thread', ['library_id', 'thread_root']],
  ] as const)
    await db.schema
      .createIndex(name)
      .on('archive_entries')
      .columns([...columns])
      .execute()

  await db.schema
    .createTable('archive_heads')
    .addColumn('library_id', 'text', (c) => c.primaryKey().references('libraries.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()

  // Content-addressed: post_images rows go with their post, the archive's copy stays.
  await db.schema
    .createTable('archive_media')
    .addColumn('library_id', 'text', (c) => c.notNull().references('libraries.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('data', blob, (c) => c.notNull())
    .addColumn('stored_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('archive_media_pk', ['library_id', 'sha256'])
    .execute()

  // Outbox consumers: how far each has read its source table (ingest_events, inbox_activity).
  await db.schema
    .createTable('archive_positions')
    .addColumn('consumer', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['archive_positions', 'archive_media', 'archive_heads', 'archive_entries'])
    await db.schema.dropTable(table).execute()
}
