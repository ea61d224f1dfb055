import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

/**
 * What lets every web process cache who is signed in, their roles and each library's
 * settings, yet forget it at once when any of it changes: one counter, bumped by triggers
 * in the same transaction as the change. A request reads the counter (one row by its key)
 * and trusts a cached entry only if it was filled under the same value. Triggers rather
 * than each service: signing out, a password reset, a role change, a removal, an accepted
 * invitation or a renamed channel happen in many places, and a cache that one of them
 * forgets to clear keeps a signed-out session alive.
 *
 * The counter covers: sessions ended (deleted), memberships, users' name, address,
 * language, password and admin flag, libraries, invitations, and channels' names.
 *
 * Also the undated drafts ("Ej planerat"), newest first, as one index of their own: the
 * calendar takes the first few and counts the rest without reading the posts.
 */
const WATCHED: { table: string; events: string[] }[] = [
  { table: 'sessions', events: ['delete'] },
  { table: 'memberships', events: ['insert', 'update', 'delete'] },
  {
    table: 'users',
    events: ['update of email, name, locale, password_hash, is_instance_admin', 'delete'],
  },
  { table: 'libraries', events: ['update', 'delete'] },
  { table: 'invitations', events: ['insert', 'update', 'delete'] },
  { table: 'channels', events: ['insert', 'update of network, handle, deleted_at', 'delete'] },
]

const triggerName = (table: string, event: string) =>
  `${table}_cache_generation_${event.split(' ')[0]}`

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cache_generation')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute()
  await sql`insert into cache_generation (id, value) values (1, 1)`.execute(db)

  if (isPostgres(db)) {
    await sql`create function torget_bump_cache_generation() returns trigger language plpgsql as $$
      begin
        update cache_generation set value = value + 1 where id = 1;
        return null;
      end $$`.execute(db)
    for (const { table, events } of WATCHED)
      for (const event of events)
        await sql`create trigger ${sql.raw(triggerName(table, event))}
          after ${sql.raw(event)} on ${sql.table(table)}
          for each statement execute function torget_bump_cache_generation()`.execute(db)
  } else {
    for (const { table, events } of WATCHED)
      for (const event of events)
        await sql`create trigger ${sql.raw(triggerName(table, event))}
          after ${sql.raw(event)} on ${sql.table(table)} begin
          update cache_generation set value = value + 1 where id = 1;
        end`.execute(db)
  }

  await db.schema
    .createIndex('posts_library_undated')
    .on('posts')
    .columns(['library_id', 'updated_at', 'id'])
    .where(sql.ref('calendar_at'), 'is', null)
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('posts_library_undated').execute()
  for (const { table, events } of WATCHED)
    for (const event of events)
      await sql`drop trigger ${sql.raw(triggerName(table, event))}${sql.raw(
        isPostgres(db) ? ` on ${table}` : '',
      )}`.execute(db)
  if (isPostgres(db)) await sql`drop function torget_bump_cache_generation()`.execute(db)
  await db.schema.dropTable('cache_generation').execute()
}
