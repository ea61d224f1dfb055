import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

/**
 * What ingest writes for every interaction, made cheaper (issue 10's ingest rate).
 *
 * Deduplication looked up (channel, kind, remote id), and a Bluesky remote id begins with its
 * author's DID: each row of a read went to a random page of that index, and a read of 500
 * wrote some 450 pages of it. `remote_key` is the remote id with a Bluesky record key (a
 * time id) moved to the front, so a read's new keys sit side by side; the same ids map to the
 * same keys (ingest-repo's remoteKey, and the SQL below for the rows there are), so nothing
 * already stored is taken for new.
 *
 * An inbox item's insert no longer bumps the statistics generation by trigger (once per row on
 * SQLite): ingest, the only writer of new items, bumps it once per batch (ingest-repo).
 *
 * On PostgreSQL a foreign key is a trigger run per row: the library_id columns of the
 * ingest's tables lose theirs, since each row already goes with its library through its
 * channel or item (deleting a library deletes its channels, their interactions and items).
 * SQLite checks a key with one probe of a hot page; its interactions, rebuilt here to drop the
 * old unique index (SQLite cannot drop a constraint), lose the library key all the same.
 */
const KEY_SQLITE = `case when substr(remote_id, 1, 5) = 'at://'
  then substr(remote_id, length(rtrim(remote_id, replace(remote_id, '/', ''))) + 1)
    || ' ' || rtrim(remote_id, replace(remote_id, '/', ''))
  else remote_id end`
const KEY_PG = `case when left(remote_id, 5) = 'at://'
  then substring(remote_id from '[^/]*$') || ' ' || substring(remote_id from '^.*/')
  else remote_id end`

const LIBRARY_KEYS = [
  ['interactions', 'interactions_library_id_fkey'],
  ['inbox_items', 'inbox_items_library_id_fkey'],
  ['inbox_items', 'inbox_items_channel_id_fkey'],
  ['inbox_item_tags', 'inbox_item_tags_library_id_fkey'],
  ['inbox_activity', 'inbox_activity_library_id_fkey'],
  ['ingest_events', 'ingest_events_library_id_fkey'],
] as const

const COLUMNS = `"id", "library_id", "channel_id", "kind", "remote_id", "author_remote_id",
  "author_handle", "author_name", "author_url", "author_avatar", "text", "original_text", "url",
  "subject_remote_id", "parent_remote_id", "root_remote_id", "reply_target", "remote_created_at",
  "received_at", "edited_at", "remote_deleted_at", "unavailable_at", "rechecked_at", "media"`

const THREAD_INDEX = `create index "interactions_thread" on "interactions"
  ("channel_id", "root_remote_id", "author_remote_id")
  where kind in ('reply', 'mention', 'quote', 'comment')`

function rebuildSqlite(unique: 'remote_key' | 'remote_id', libraryKey: boolean) {
  return [
    `create table "interactions_new" ("id" text primary key,
      "library_id" text not null${libraryKey ? ` references "libraries" ("id") on delete cascade` : ''},
      "channel_id" text not null references "channels" ("id") on delete cascade,
      "kind" text not null, "remote_id" text not null, "author_remote_id" text not null,
      "author_handle" text not null, "author_name" text not null, "author_url" text not null,
      "author_avatar" text, "text" text not null, "original_text" text, "url" text not null,
      "subject_remote_id" text, "parent_remote_id" text, "root_remote_id" text,
      "reply_target" text, "remote_created_at" text not null, "received_at" text not null,
      "edited_at" text, "remote_deleted_at" text, "unavailable_at" text, "rechecked_at" text,
      "media" text${unique === 'remote_key' ? ', "remote_key" text not null' : ''},
      constraint "interactions_remote" unique ("channel_id", "kind", "${unique}"))`,
    unique === 'remote_key'
      ? `insert into "interactions_new" (${COLUMNS}, "remote_key")
          select ${COLUMNS}, ${KEY_SQLITE} from "interactions" order by rowid`
      : `insert into "interactions_new" (${COLUMNS}) select ${COLUMNS} from "interactions" order by rowid`,
    `drop table "interactions"`,
    `alter table "interactions_new" rename to "interactions"`,
    THREAD_INDEX,
  ]
}

/** SQLite's way to change a table: a new one, filled, renamed; the keys to it checked after. */
async function inSqliteRebuild(db: Kysely<unknown>, statements: string[]) {
  // Dropping the old table with foreign keys on would delete every inbox item with it (cascade).
  // SQLite migrations run outside a transaction (Kysely), so the setting can be changed here.
  await sql`pragma foreign_keys = off`.execute(db)
  try {
    await sql`begin`.execute(db)
    try {
      for (const statement of statements) await sql.raw(statement).execute(db)
      for (const table of ['interactions', 'inbox_items']) {
        const broken = await sql`select * from pragma_foreign_key_check(${table})`.execute(db)
        if (broken.rows.length) throw new Error(`${table}: foreign keys broken by the rebuild`)
      }
      await sql`commit`.execute(db)
    } catch (error) {
      await sql`rollback`.execute(db)
      throw error
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db)
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table interactions add column remote_key text`.execute(db)
    await sql.raw(`update interactions set remote_key = ${KEY_PG}`).execute(db)
    await sql`alter table interactions alter column remote_key set not null`.execute(db)
    await sql`alter table interactions drop constraint interactions_remote`.execute(db)
    await sql`alter table interactions add constraint interactions_remote
      unique (channel_id, kind, remote_key)`.execute(db)
    for (const [table, key] of LIBRARY_KEYS)
      await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(key)}`.execute(
        db,
      )
    await sql`drop trigger inbox_items_stats_generation_insert on inbox_items`.execute(db)
    return
  }
  await inSqliteRebuild(db, rebuildSqlite('remote_key', false))
  await sql`drop trigger inbox_items_stats_generation_insert`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create trigger inbox_items_stats_generation_insert after insert on inbox_items
      referencing new table as changed
      for each statement execute function torget_bump_stats_generation()`.execute(db)
    await sql`alter table interactions drop constraint interactions_remote`.execute(db)
    await sql`alter table interactions add constraint interactions_remote
      unique (channel_id, kind, remote_id)`.execute(db)
    await sql`alter table interactions drop column remote_key`.execute(db)
    for (const [table, key] of LIBRARY_KEYS) {
      const column = key === 'inbox_items_channel_id_fkey' ? 'channel_id' : 'library_id'
      const parent = column === 'channel_id' ? 'channels' : 'libraries'
      await sql`alter table ${sql.table(table)} add constraint ${sql.id(key)}
        foreign key (${sql.id(column)}) references ${sql.table(parent)} (id) on delete cascade`.execute(
        db,
      )
    }
    return
  }
  await sql`create trigger inbox_items_stats_generation_insert after insert on inbox_items begin
    insert into stats_generations (library_id, value) values (new.library_id, 1)
      on conflict (library_id) do update set value = value + 1;
  end`.execute(db)
  await inSqliteRebuild(db, rebuildSqlite('remote_id', true))
}
