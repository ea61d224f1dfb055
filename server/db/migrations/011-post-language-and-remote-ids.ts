import { type Kysely, sql } from 'kysely'
import { timestampType } from '../dialect.js'

/**
 * A post's language, sent to the networks (Bluesky `langs`, Mastodon
 * `language`); posts written so far get their library's.
 *
 * When a publication was first tried: within Mastodon's Idempotency-Key
 * window a retry sends the key again instead of looking the post up. Left
 * empty for publications tried before this migration, which then look up.
 *
 * One remote post per channel belongs to one publication at most. A look-up
 * that claimed another publication's post could record it twice, and then
 * withdrawing one deleted the other's; where that happened, the later claim
 * loses its remote id (a published one is marked failed for a person to see),
 * so that the unique index can hold from now on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('posts')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('sv'))
    .execute()
  await sql`update posts set language = (select locale from libraries where libraries.id = posts.library_id)`.execute(
    db,
  )
  await db.schema
    .alterTable('publications')
    .addColumn('first_attempt_at', timestampType(db))
    .execute()

  await sql`update publications
    set state = case when state = 'published' then 'failed' else state end,
        error_kind = case when state = 'published' then 'permanent' else error_kind end,
        error_code = case when state = 'published' then 'remote_id_taken' else error_code end,
        error_message = case when state = 'published'
          then 'Recorded with a post that belongs to another publication; check the channel and publish again'
          else error_message end,
        remote_id = null,
        remote_url = null
    where remote_id is not null and exists (
      select 1 from publications earlier
      where earlier.channel_id = publications.channel_id
        and earlier.remote_id = publications.remote_id
        and earlier.id <> publications.id
        and (earlier.published_at < publications.published_at
          or (earlier.published_at = publications.published_at and earlier.id < publications.id)
          or (publications.published_at is null
            and (earlier.published_at is not null or earlier.id < publications.id))))`.execute(db)
  await db.schema
    .createIndex('publications_channel_remote_id')
    .on('publications')
    .columns(['channel_id', 'remote_id'])
    .unique()
    .where(sql.ref('remote_id'), 'is not', null)
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('publications_channel_remote_id').execute()
  await db.schema.alterTable('publications').dropColumn('first_attempt_at').execute()
  await db.schema.alterTable('posts').dropColumn('language').execute()
}
