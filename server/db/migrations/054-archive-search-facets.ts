import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

/**
 * SQLite: the archive's FTS5 index answers a whole search by itself, so no
 * search reads entries it then throws away (measured by `npm run bench -- archive`
 * at a million entries).
 *
 * - The filters are in the index as well as the words: a column `facets` with
 *   one token each for the library, channel, kind, and the person's handle and
 *   network id. A word narrowed to a person read every match of the word before
 *   (0.4 s for a common word); FTS5 now steps through the person's few entries.
 *   A facet is U+E000 (private use: a token character here, categories Co),
 *   a letter and the value in hex: no search word can hold U+E000
 *   (core/archive/search.ts), so no word typed matches a facet or starts one.
 * - Its rowid is the time key negated (migration 018), so newest first is
 *   ascending. FTS5 seeks forward through a long doclist by its index, but
 *   backward one page at a time: a period, or the next page, long ago cost up
 *   to 10 ms per term that way, 0.3 ms now.
 * - archive_search_terms (fts5vocab) lists the indexed words, so a word is
 *   searched as the few whole words that start with it. As a prefix, FTS5
 *   first merged the entry lists of every such word in the archive, ~100 ns
 *   an entry: 6 ms for a word in one entry of fifteen, whatever the page.
 *
 * Entries whose words were forgotten (weeding, erasure) stay out of the index.
 * PostgreSQL: nothing changes.
 */
const TOKENIZE = sql.raw(`tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"`)

/** Migration 018's text of an entry: what a search word can find. */
const body = (row: 'e' | 'new') =>
  sql.raw(`concat_ws(' ',
    json_extract(${row}.content, '$.text'),
    json_extract(${row}.content, '$.note'),
    (select group_concat(json_extract(m.value, '$.alt'), ' ') from json_each(${row}.content, '$.media') m),
    ${row}.person_handle,
    ${row}.person_name)`)

/** The filters' tokens (server/repos/archive-search.ts asks for the same); none for a missing value. */
const facets = (row: 'e' | 'new') => {
  const facet = (letter: string, column: string) =>
    `char(57344) || '${letter}' || nullif(hex(${row}.${column}), '')`
  return sql.raw(`concat_ws(' ',
    ${facet('l', 'library_id')},
    ${facet('c', 'channel_id')},
    ${facet('k', 'kind')},
    ${facet('h', 'person_handle')},
    ${facet('p', 'person_remote_id')})`)
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return
  await dropTriggers(db)
  await keepIndexed(db)
  await sql`drop table archive_search`.execute(db)
  await sql`create virtual table archive_search using fts5(
      body, facets, content = '', contentless_delete = 1, ${TOKENIZE})`.execute(db)
  // Rowids ascending: FTS5 writes out its pending words whenever a rowid is lower than the last.
  await sql`insert into archive_search (rowid, body, facets)
    select -k.key, ${body('e')}, ${facets('e')}
    from archive_search_kept x
    join archive_search_keys k on k.key = x.key
    join archive_entries e on e.id = k.entry_id
    order by k.key desc`.execute(db)
  await sql`drop table archive_search_kept`.execute(db)
  await sql`create virtual table archive_search_terms using fts5vocab(archive_search, 'instance')`.execute(
    db,
  )
  await sql`
    create trigger archive_search_insert after insert on archive_entries begin
      insert into archive_search_keys (key, entry_id)
        select coalesce(max(k.key) + 1, t.base), new.id
        from (select (cast(strftime('%s', substr(new.occurred_at, 1, 19)) as integer) * 1000
                      + cast(substr(new.occurred_at, 21, 3) as integer)) * 1048576 as base) t
        left join archive_search_keys k on k.key >= t.base and k.key < t.base + 1048576;
      insert into archive_search (rowid, body, facets)
        values (-(select key from archive_search_keys where entry_id = new.id), ${body('new')}, ${facets('new')});
    end`.execute(db)
  await sql`
    create trigger archive_search_delete after delete on archive_entries begin
      delete from archive_search where rowid = -(select key from archive_search_keys where entry_id = old.id);
      delete from archive_search_keys where entry_id = old.id;
    end`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return
  await dropTriggers(db)
  await sql`drop table archive_search_terms`.execute(db)
  await keepIndexed(db, '-rowid')
  await sql`drop table archive_search`.execute(db)
  await sql`create virtual table archive_search using fts5(
      library, body, content = '', contentless_delete = 1, ${TOKENIZE})`.execute(db)
  await sql`insert into archive_search (rowid, library, body)
    select k.key, hex(e.library_id), ${body('e')}
    from archive_search_kept x
    join archive_search_keys k on k.key = x.key
    join archive_entries e on e.id = k.entry_id
    order by k.key`.execute(db)
  await sql`drop table archive_search_kept`.execute(db)
  await sql`
    create trigger archive_search_insert after insert on archive_entries begin
      insert into archive_search_keys (key, entry_id)
        select coalesce(max(k.key) + 1, t.base), new.id
        from (select (cast(strftime('%s', substr(new.occurred_at, 1, 19)) as integer) * 1000
                      + cast(substr(new.occurred_at, 21, 3) as integer)) * 1048576 as base) t
        left join archive_search_keys k on k.key >= t.base and k.key < t.base + 1048576;
      insert into archive_search (rowid, library, body)
        values ((select key from archive_search_keys where entry_id = new.id), hex(new.library_id), ${body('new')});
    end`.execute(db)
  await sql`
    create trigger archive_search_delete after delete on archive_entries begin
      delete from archive_search where rowid = (select key from archive_search_keys where entry_id = old.id);
      delete from archive_search_keys where entry_id = old.id;
    end`.execute(db)
}

async function dropTriggers(db: Kysely<unknown>) {
  await sql`drop trigger archive_search_insert`.execute(db)
  await sql`drop trigger archive_search_delete`.execute(db)
}

/** The keys of the entries the index still holds (a contentless table lists its rowids). */
async function keepIndexed(db: Kysely<unknown>, key: 'rowid' | '-rowid' = 'rowid') {
  await sql`create temp table archive_search_kept (key integer primary key)`.execute(db)
  await sql`insert into archive_search_kept select ${sql.raw(key)} from archive_search`.execute(db)
}
