import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

/**
 * Full-text search over the archive: an entry's text (a post's, an item's, an
 * edit's, a policy's), a moderation's note, its images' alt texts and the
 * person's handle and name. Kept by triggers, so every way an entry is
 * written — capture, a restore, a bulk load — is indexed the same;
 * archiveRepo.forgetSearchText takes an entry out (weeding, erasure).
 *
 * PostgreSQL: a tsvector column with the built-in `swedish` configuration
 * (Snowball stemmer: "biblioteken" and "biblioteket" are both "bibliotek"; å,
 * ä and ö kept), GIN-indexed, recomputed when content or person changes. It
 * is not a generated column, so that it can be emptied while content stays.
 *
 * SQLite: an FTS5 table with the unicode61 tokenizer, diacritics kept
 * (remove_diacritics 0): in Swedish å, ä and ö are letters of their own, and
 * folding them would make "får" find "far" and "för" find "for". Combining
 * marks (M*) are word characters, so Arabic written with vowel marks stays one
 * word instead of falling apart at each mark. FTS5 has no Swedish stemmer;
 * queries are prefixes of a lightly stemmed word instead (core/archive/search.ts).
 *
 * Its rowid is a time key, occurred_at in ms × 2^20 plus a counter within the
 * ms, so that "newest first" is FTS5's own rowid order and a query stops after
 * one page instead of sorting every match; archive_search_keys maps it to the
 * entry (a table without an INTEGER PRIMARY KEY may change its rowids on VACUUM,
 * so the entries' own rowids cannot be used).
 */
const BODY = (row: 'new') =>
  sql.raw(`concat_ws(' ',
    json_extract(${row}.content, '$.text'),
    json_extract(${row}.content, '$.note'),
    (select group_concat(json_extract(m.value, '$.alt'), ' ') from json_each(${row}.content, '$.media') m),
    ${row}.person_handle,
    ${row}.person_name)`)

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table archive_entries add column search_vector tsvector`.execute(db)
    await sql`
      create function archive_entries_search_vector() returns trigger language plpgsql as $$
      declare c jsonb := new.content::jsonb;
      begin
        new.search_vector := to_tsvector('swedish'::regconfig, concat_ws(' ',
          c ->> 'text',
          c ->> 'note',
          (select string_agg(m ->> 'alt', ' ') from jsonb_array_elements(
            case when jsonb_typeof(c -> 'media') = 'array' then c -> 'media' else '[]'::jsonb end) m),
          new.person_handle,
          new.person_name));
        return new;
      end $$`.execute(db)
    await sql`
      create trigger archive_entries_search
      before insert or update of content, person_handle, person_name on archive_entries
      for each row execute function archive_entries_search_vector()`.execute(db)
    await sql`update archive_entries set content = content`.execute(db)
    await sql`create index archive_entries_search on archive_entries using gin (search_vector)`.execute(
      db,
    )
    return
  }
  await sql`create table archive_search_keys (key integer primary key, entry_id text not null unique)`.execute(
    db,
  )
  await sql`
    create virtual table archive_search using fts5(
      library, body, content = '', contentless_delete = 1,
      tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'")`.execute(db)
  await sql`
    create trigger archive_search_insert after insert on archive_entries begin
      insert into archive_search_keys (key, entry_id)
        select coalesce(max(k.key) + 1, t.base), new.id
        from (select (cast(strftime('%s', substr(new.occurred_at, 1, 19)) as integer) * 1000
                      + cast(substr(new.occurred_at, 21, 3) as integer)) * 1048576 as base) t
        left join archive_search_keys k on k.key >= t.base and k.key < t.base + 1048576;
      insert into archive_search (rowid, library, body)
        values ((select key from archive_search_keys where entry_id = new.id),
                hex(new.library_id), ${BODY('new')});
    end`.execute(db)
  // Only weeding's decision may remove entries; this keeps the index whole if it does, or a test does.
  await sql`
    create trigger archive_search_delete after delete on archive_entries begin
      delete from archive_search where rowid = (select key from archive_search_keys where entry_id = old.id);
      delete from archive_search_keys where entry_id = old.id;
    end`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger archive_entries_search on archive_entries`.execute(db)
    await sql`drop function archive_entries_search_vector()`.execute(db)
    await sql`alter table archive_entries drop column search_vector`.execute(db)
    return
  }
  await sql`drop trigger archive_search_insert`.execute(db)
  await sql`drop trigger archive_search_delete`.execute(db)
  await sql`drop table archive_search`.execute(db)
  await sql`drop table archive_search_keys`.execute(db)
}
