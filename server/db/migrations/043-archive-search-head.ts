import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

/**
 * PostgreSQL: a word search reads the newest rows of the filtered list in
 * time order and checks each against the words (server/repos/archive-search.ts).
 * Through (library_id, occurred_at, id) alone each row was a visit to the
 * table's heap, most of a search's time at a million entries. The list's
 * three time indexes now carry the entry's words too, so the check is made in
 * the index (an index-only scan: the archive is appended to, hardly ever
 * updated, so its pages stay all-visible once vacuumed), and only the page
 * shown is read from the table.
 *
 * A btree row holds at most about 2.7 kB, and a long post's or a policy's
 * search vector is more. So the index holds `search_head`: the vector without
 * its positions (no search reads them) while that is at most 2,000 bytes, an
 * empty one when there is nothing to find (weeded, forgotten), and null when
 * it is longer, for the search to check against search_vector in the table.
 *
 * SQLite's FTS5 table already answers in time order: nothing changes there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return
  // pg_column_size is only stable because of what it says of a stored row; of a value it is fixed.
  await sql`
    create function archive_search_head(v tsvector) returns tsvector
    language sql immutable parallel safe as $$
      select case when v is null then ''::tsvector
                  when pg_column_size(strip(v)) <= 2000 then strip(v) end
    $$`.execute(db)
  // Generated from search_vector after the trigger has set it, and emptied with it (weeding,
  // erasure); adding it rewrites the table once, its indexes built anew rather than row by row.
  await sql`alter table archive_entries add column search_head tsvector
    generated always as (archive_search_head(search_vector)) stored`.execute(db)
  for (const [name, column] of INDEXES) {
    await sql`drop index ${sql.id(name)}`.execute(db)
    await sql`create index ${sql.id(name)} on archive_entries
      (library_id, ${sql.raw(column ? `${column}, ` : '')}occurred_at, id) include (search_head)`.execute(
      db,
    )
  }
}

const INDEXES = [
  ['archive_entries_occurred', null],
  ['archive_entries_channel_time', 'channel_id'],
  ['archive_entries_kind_time', 'kind'],
] as const

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return
  for (const [name, column] of INDEXES) {
    await sql`drop index ${sql.id(name)}`.execute(db)
    await sql`create index ${sql.id(name)} on archive_entries
      (library_id, ${sql.raw(column ? `${column}, ` : '')}occurred_at, id)`.execute(db)
  }
  await sql`alter table archive_entries drop column search_head`.execute(db)
  await sql`drop function archive_search_head(tsvector)`.execute(db)
}
