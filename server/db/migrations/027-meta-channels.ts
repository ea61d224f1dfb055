import type { Kysely } from 'kysely'
import { isPostgres, timestampType } from '../dialect.js'

/**
 * Facebook, Instagram and Threads:
 * - channels.access_expires_at: when Meta's access ends (a long-lived token's
 *   expiry, or the data-access expiry of a Page token), shown in Kanaler;
 * - meta_media: the images Meta fetches by URL, each behind a short-lived
 *   signed link (only the token's hash is stored), kept until it expires;
 * - meta_containers: the media container made for a publication, written
 *   before it is published, so a retry publishes that container rather than a second one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  const blob = isPostgres(db) ? 'bytea' : 'blob'
  await db.schema.alterTable('channels').addColumn('access_expires_at', ts).execute()
  await db.schema
    .createTable('meta_media')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('data', blob, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('meta_media_expiry')
    .on('meta_media')
    .columns(['expires_at'])
    .execute()
  await db.schema
    .createTable('meta_containers')
    .addColumn('publication_id', 'text', (c) =>
      c.primaryKey().references('publications.id').onDelete('cascade'),
    )
    .addColumn('container_id', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('meta_containers').execute()
  await db.schema.dropTable('meta_media').execute()
  await db.schema.alterTable('channels').dropColumn('access_expires_at').execute()
}
