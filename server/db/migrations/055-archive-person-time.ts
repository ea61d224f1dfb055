import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

/**
 * The archive's list narrowed to a person, newest first. With (library_id,
 * person_remote_id) and (library_id, person_handle) alone, every entry of the
 * person was read and sorted for a page: for someone with 20,000 entries a
 * word search on PostgreSQL took 70–170 ms, each step of it reading them all
 * again. Now the person's entries are read in time order and the read stops
 * with the page; on PostgreSQL the index holds the entry's words too
 * (migration 043), so a word search reads the person's newest entries in the
 * index alone. Which of the two columns a value names is looked up first
 * (server/repos/archive-search.ts), since one index is read in order where
 * two, or-ed, are not.
 */
const INDEXES = [
  ['archive_entries_person_time', 'archive_entries_person', 'person_remote_id'],
  ['archive_entries_person_handle_time', 'archive_entries_person_handle', 'person_handle'],
] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  const include = isPostgres(db) ? sql` include (search_head)` : sql``
  for (const [name, old, column] of INDEXES) {
    await sql`create index ${sql.id(name)} on archive_entries
      (library_id, ${sql.id(column)}, occurred_at, id)${include}`.execute(db)
    await sql`drop index ${sql.id(old)}`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name, old, column] of INDEXES) {
    await sql`create index ${sql.id(old)} on archive_entries (library_id, ${sql.id(column)})`.execute(
      db,
    )
    await sql`drop index ${sql.id(name)}`.execute(db)
  }
}
