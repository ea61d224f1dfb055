import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

/**
 * PostgreSQL: a search for a rare word asks the GIN index, which knows
 * nothing of time, so every match was read from the table's heap to find the
 * newest page: ~1,250 scattered rows for a word in one entry of 800, most of
 * a loaded search's time at a million entries (`npm run bench -- archive`).
 *
 * The index now holds, beside an entry's words, the 30-day period it
 * happened in as a lexeme of its own ('~693'), so a search can ask for its
 * words in the newest periods first (server/repos/archive-search.ts) and read
 * only those matches from the heap. '~' is never part of a searched word
 * (core/archive/search.ts), so no search text can match a period. The index
 * is on an expression, so search_vector stays the entry's words alone and
 * emptying it (weeding, erasure) still takes the entry out of every search.
 *
 * SQLite's FTS5 table already answers in time order: nothing changes there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return
  // Seconds since the epoch do not depend on the time zone, so immutable holds though extract is stable.
  await sql`
    create function archive_search_period(at timestamptz) returns tsvector
    language sql immutable parallel safe as $$
      select array_to_tsvector(array['~' || floor(extract(epoch from at) / 2592000)::bigint::text])
    $$`.execute(db)
  await sql`create index archive_entries_search_periods on archive_entries
    using gin ((search_vector || archive_search_period(occurred_at)))`.execute(db)
  await sql`drop index archive_entries_search`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return
  await sql`create index archive_entries_search on archive_entries using gin (search_vector)`.execute(
    db,
  )
  await sql`drop index archive_entries_search_periods`.execute(db)
  await sql`drop function archive_search_period(timestamptz)`.execute(db)
}
