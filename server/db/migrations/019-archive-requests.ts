import type { Kysely } from 'kysely'
import { timestampType } from '../dialect.js'

/**
 * Requests for public records (utlämnande, core/schemas/archive-request.ts):
 * the request under its diarienummer, the archive entries collected for it,
 * the masks of the secrecy review, and the log of every release. Masks sit
 * beside the entries they hide parts of: the archived entry is never changed.
 * Entries are named by id without a foreign key, as everywhere in the archive.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)

  await db.schema
    .createTable('archive_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', (c) => c.notNull().references('libraries.id'))
    .addColumn('diarienummer', 'text', (c) => c.notNull())
    // Null: the requester stayed anonymous, as anyone may (TF 2 kap. 18 §).
    .addColumn('requester', 'text')
    .addColumn('received_at', ts, (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decision_note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('archive_requests_diarienummer', ['library_id', 'diarienummer'])
    .execute()
  await db.schema
    .createIndex('archive_requests_state')
    .on('archive_requests')
    .columns(['library_id', 'state'])
    .execute()

  await db.schema
    .createTable('archive_request_items')
    .addColumn('request_id', 'text', (c) =>
      c.notNull().references('archive_requests.id').onDelete('cascade'),
    )
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('added_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('archive_request_items_pk', ['request_id', 'entry_id'])
    .execute()
  // Weeding asks which entries an open request covers.
  await db.schema
    .createIndex('archive_request_items_entry')
    .on('archive_request_items')
    .column('entry_id')
    .execute()

  await db.schema
    .createTable('archive_masks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) =>
      c.notNull().references('archive_requests.id').onDelete('cascade'),
    )
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('media_index', 'integer')
    // JSON [{start, end}], or null for the whole field.
    .addColumn('ranges', 'text')
    .addColumn('ground', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('archive_masks_request')
    .on('archive_masks')
    .columns(['request_id', 'entry_id'])
    .execute()

  await db.schema
    .createTable('archive_releases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('archive_requests.id'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('released_at', ts, (c) => c.notNull())
    .addColumn('released_by', 'text')
    .addColumn('released_by_name', 'text', (c) => c.notNull())
    // JSON: [{id, hash}] of the entries released, and the ids of the masks applied.
    .addColumn('entries', 'text', (c) => c.notNull())
    .addColumn('mask_ids', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('archive_releases_request')
    .on('archive_releases')
    .columns(['request_id', 'released_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'archive_releases',
    'archive_masks',
    'archive_request_items',
    'archive_requests',
  ])
    await db.schema.dropTable(table).execute()
}
