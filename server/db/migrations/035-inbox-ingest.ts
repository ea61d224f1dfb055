import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

/**
 * Ingest reads the library's inbox rules, tags and approved policy for every batch it
 * writes. With these triggers their changes bump the cache generation (migration 015) like
 * memberships and library settings do, so a worker keeps them in memory and reads one
 * counter per batch instead of five queries; a rule saved in the web process still applies
 * from the next batch on.
 *
 * The thread index holds the conversations only (replies, mentions, quotes, comments): the
 * queries that read threads ask for those kinds alone, and a like, repost or follow, most
 * of what ingest writes, no longer costs a write in a random place of that index.
 */
const WATCHED: { table: string; events: string[] }[] = [
  { table: 'inbox_rules', events: ['insert', 'update', 'delete'] },
  { table: 'inbox_tags', events: ['insert', 'update', 'delete'] },
  { table: 'strategy_versions', events: ['insert', 'update of approved_at', 'delete'] },
]

const triggerName = (table: string, event: string) =>
  `${table}_cache_generation_${event.split(' ')[0]}`

// Word for word as the queries say it (inbox-repo's CONVERSATION_KINDS): SQLite uses a partial
// index only for a query that repeats its condition.
const CONVERSATION_KINDS_SQL = `kind in ('reply', 'mention', 'quote', 'comment')`

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db)
  for (const { table, events } of WATCHED)
    for (const event of events)
      await (
        pg
          ? sql`create trigger ${sql.raw(triggerName(table, event))}
            after ${sql.raw(event)} on ${sql.table(table)}
            for each statement execute function torget_bump_cache_generation()`
          : sql`create trigger ${sql.raw(triggerName(table, event))}
            after ${sql.raw(event)} on ${sql.table(table)} begin
            update cache_generation set value = value + 1 where id = 1;
          end`
      ).execute(db)

  await db.schema.dropIndex('interactions_thread').execute()
  await db.schema
    .createIndex('interactions_thread')
    .on('interactions')
    .columns(['channel_id', 'root_remote_id', 'author_remote_id'])
    .where(sql.raw<boolean>(CONVERSATION_KINDS_SQL))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('interactions_thread').execute()
  await db.schema
    .createIndex('interactions_thread')
    .on('interactions')
    .columns(['channel_id', 'root_remote_id', 'author_remote_id'])
    .execute()
  for (const { table, events } of WATCHED)
    for (const event of events)
      await sql`drop trigger ${sql.raw(triggerName(table, event))}${sql.raw(
        isPostgres(db) ? ` on ${table}` : '',
      )}`.execute(db)
}
