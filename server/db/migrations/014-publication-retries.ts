import { type Kysely, sql } from 'kysely'
import { timestampType } from '../dialect.js'

/**
 * When a publication began failing, so that retries stay close together
 * while an outage is short and a success on the channel can bring the
 * others forward. The partial index holds only publications in retry: the
 * look for them after every success costs nothing on a healthy channel.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('publications')
    .addColumn('retrying_since', timestampType(db))
    .execute()
  await sql`update publications set retrying_since = updated_at
            where state in ('pending', 'unknown') and error_kind is not null`.execute(db)
  await db.schema
    .createIndex('publications_retrying')
    .on('publications')
    .columns(['library_id', 'channel_id', 'due_at'])
    .where(sql.ref('retrying_since'), 'is not', null)
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('publications_retrying').execute()
  await db.schema.alterTable('publications').dropColumn('retrying_since').execute()
}
