import { type Selectable, sql } from 'kysely'
import { swedishStem } from '../../core/archive/search.js'
import type { Db } from '../db/database.js'
import type { ArchiveEntriesTable } from '../db/schema/archive.js'

export interface ArchiveFilter {
  /** UTC instants on occurred_at: from (included), to (excluded). */
  from?: string | undefined
  to?: string | undefined
  channelId?: string | undefined
  kind?: string | undefined
  /** A network id or a handle. */
  person?: string | undefined
  /** Words to find (core/archive/search.ts): each as the start of a word, all of them. */
  q?: string | undefined
  /** Entries older than this one (occurred_at, id), for the next page. */
  before?: { at: string; id: string } | undefined
}

/** Every column but PostgreSQL's search vector, which is for the index alone. */
export const COLUMNS = [
  'id',
  'library_id',
  'seq',
  'kind',
  'record_class',
  'subject',
  'refers_to',
  'capture_key',
  'channel_id',
  'network',
  'remote_id',
  'url',
  'thread_root',
  'occurred_at',
  'captured_at',
  'person_remote_id',
  'person_handle',
  'person_name',
  'content',
  'content_hash',
  'prev_hash',
  'hash',
  'weeded_by',
] as const satisfies readonly (keyof ArchiveEntriesTable)[]

/**
 * The list's filters and order, newest first; no words. The no-words list,
 * PostgreSQL's search window and its fallback all start here.
 */
export function filtered(db: Db, libraryId: string, filter: ArchiveFilter) {
  let query = db.selectFrom('archive_entries').select(COLUMNS).where('library_id', '=', libraryId)
  if (filter.from) query = query.where('occurred_at', '>=', filter.from)
  if (filter.to) query = query.where('occurred_at', '<', filter.to)
  if (filter.channelId) query = query.where('channel_id', '=', filter.channelId)
  if (filter.kind) query = query.where('kind', '=', filter.kind)
  const person = filter.person
  if (person)
    query = query.where((eb) =>
      eb.or([eb('person_remote_id', '=', person), eb('person_handle', '=', person)]),
    )
  const before = filter.before
  if (before)
    query = query.where((eb) =>
      eb.or([
        eb('occurred_at', '<', before.at),
        eb.and([eb('occurred_at', '=', before.at), eb('id', '<', before.id)]),
      ]),
    )
  return query.orderBy('occurred_at', 'desc').orderBy('id', 'desc')
}

/**
 * A word of one letter (the "e" of "e-böcker") is matched whole: as the start
 * of a word it matches nearly every entry, and makes the search slow.
 */
const isShortWord = (w: string) => [...w].length === 1

/** FTS5: the library's own entries, and each word as the start of a word, quoted so it is never syntax. */
function ftsQuery(libraryId: string, words: readonly string[]): string {
  const terms = words.map(
    (w) => `"${swedishStem(w).replaceAll('"', '""')}"${isShortWord(w) ? '' : '*'}`,
  )
  return `library : "${Buffer.from(libraryId).toString('hex')}" AND body : (${terms.join(' AND ')})`
}

/** SQLite's search rowid for an instant: milliseconds × 2^20 (migration 018). */
const timeKey = (iso: string) => sql<number>`(${Date.parse(iso)} * 1048576)`

/**
 * SQLite: FTS5 walks its matches newest first by its time-keyed rowid and
 * stops after one page; the other filters are checked on the way.
 */
export function searchSqlite(
  db: Db,
  libraryId: string,
  words: readonly string[],
  filter: ArchiveFilter,
  limit: number,
) {
  let query = db
    .selectFrom('archive_search as s')
    .innerJoin('archive_search_keys as k', 'k.key', 's.rowid')
    .innerJoin('archive_entries as e', 'e.id', 'k.entry_id')
    .select(COLUMNS.map((c) => `e.${c}` as const))
    .where(sql<boolean>`archive_search match ${ftsQuery(libraryId, words)}`)
    .where('e.library_id', '=', libraryId)
  if (filter.from) query = query.where('s.rowid', '>=', timeKey(filter.from))
  if (filter.to) query = query.where('s.rowid', '<', timeKey(filter.to))
  if (filter.channelId) query = query.where('e.channel_id', '=', filter.channelId)
  if (filter.kind) query = query.where('e.kind', '=', filter.kind)
  const person = filter.person
  if (person)
    query = query.where((eb) =>
      eb.or([eb('e.person_remote_id', '=', person), eb('e.person_handle', '=', person)]),
    )
  const before = filter.before
  if (before)
    query = query.where(
      's.rowid',
      '<',
      sql<number>`coalesce((select key from archive_search_keys where entry_id = ${before.id}), ${timeKey(before.at)})`,
    )
  return query.orderBy('s.rowid', 'desc').limit(limit).execute()
}

const lexeme = (w: string) =>
  `'${w.replaceAll('\\', '\\\\').replaceAll("'", "''")}'${isShortWord(w) ? '' : ':*'}`

/**
 * tsquery: each word as a prefix, quoted as a lexeme, stemmed here or only by
 * the swedish configuration. Snowball leaves "biblioteket" whole (its Swedish
 * step has no "-et"), which as a prefix would miss "biblioteken", so the word
 * is stemmed here first; but stemmed twice "påminnelse" becomes "påminnel",
 * longer than Snowball's "påminn" for the word itself, so the word as typed
 * is asked for too — once only when Snowball makes both the same lexeme, since
 * each prefix costs the GIN index a scan of its own.
 */
function tsQuery(words: readonly string[]) {
  const terms = words.map((w) => {
    const stem = sql`to_tsquery('swedish'::regconfig, ${lexeme(swedishStem(w))})`
    const typed = sql`to_tsquery('swedish'::regconfig, ${lexeme(w)})`
    return sql`(case when ${stem} = ${typed} then ${stem} else ${stem} || ${typed} end)`
  })
  return sql`(${sql.join(terms, sql` && `)})`
}

/**
 * Rows of the newest end of the filtered list that the search reads in time
 * order before it asks the GIN index instead (PostgreSQL). Common words fill
 * a page within a few hundred rows; rare ones are cheap through the index.
 */
export const SEARCH_WINDOW = 3000
/** The first part of the window, whose matches tell how common the words are. */
const FIRST_PART = 8

type Hit = Selectable<ArchiveEntriesTable>

/**
 * PostgreSQL: first the newest rows of the filtered list, read in time order
 * through (library_id, occurred_at, id) and checked against the words,
 * stopping as soon as a page is full. A word in 5% of the entries fills a
 * page after ~2,000 rows, where the GIN index would have fetched and sorted
 * every one of its 50,000 matches first (measured: 1 s against 35 ms at a
 * million entries). The window's first eighth tells how common the words are:
 * when the rest of the window would not fill the page at that rate, the rest
 * comes from the GIN index at once, older than the rows read — the words are
 * rare, which is what the index is quick at, and reading the whole window
 * for a handful of matches cost a rare word more than its index lookup.
 */
export async function searchPostgres(
  db: Db,
  libraryId: string,
  words: readonly string[],
  filter: ArchiveFilter,
  limit: number,
  window = SEARCH_WINDOW,
): Promise<Hit[]> {
  const query = tsQuery(words)
  const first = Math.ceil(window / FIRST_PART)
  const head = await recent(db, libraryId, query, filter, first, limit)
  let hits = head.hits
  let last = head.last
  if (hits.length >= limit || !last) return hits.slice(0, limit)
  if (window > first && hits.length * (window / first) >= limit) {
    const rest = await recent(
      db,
      libraryId,
      query,
      after(filter, last),
      window - first,
      limit - hits.length,
    )
    hits = [...hits, ...rest.hits]
    if (hits.length >= limit || !rest.last) return hits.slice(0, limit)
    last = rest.last
  }
  const older = await indexed(db, libraryId, query, after(filter, last))
    .limit(limit - hits.length)
    .execute()
  return [...hits, ...older]
}

const after = (filter: ArchiveFilter, row: { occurred_at: string; id: string }): ArchiveFilter => ({
  ...filter,
  before: { at: row.occurred_at, id: row.id },
})

/**
 * The newest `rows` rows of the filtered list checked against the words: the matches among
 * them (at most `limit`), and the last row read when there were `rows` of them, so a scan that
 * ended early is told from one that covered every filtered row.
 */
async function recent(
  db: Db,
  libraryId: string,
  query: ReturnType<typeof tsQuery>,
  filter: ArchiveFilter,
  rows: number,
  limit: number,
): Promise<{ hits: Hit[]; last: Hit | undefined }> {
  const window = filtered(db, libraryId, filter)
    .select([
      sql<string>`search_vector`.as('search_vector'),
      sql<string>`row_number() over (order by occurred_at desc, id desc)`.as('position'),
    ])
    .limit(rows)
  const found = await db
    .selectFrom(window.as('w'))
    .select(COLUMNS.map((c) => `w.${c}` as const))
    .select([
      sql<boolean>`w.search_vector @@ ${query}`.as('hit'),
      sql<boolean>`w.position = ${rows}`.as('last'),
    ])
    .where(sql<boolean>`w.search_vector @@ ${query} or w.position = ${rows}`)
    .orderBy('w.occurred_at', 'desc')
    .orderBy('w.id', 'desc')
    .limit(limit + 1)
    .execute()
  const strip = ({ hit: _h, last: _l, ...row }: (typeof found)[number]): Hit => row
  const last = found.find((r) => r.last)
  return { hits: found.filter((r) => r.hit).map(strip), last: last && strip(last) }
}

/** The filtered list narrowed to the words through the GIN index. */
function indexed(
  db: Db,
  libraryId: string,
  query: ReturnType<typeof tsQuery>,
  filter: ArchiveFilter,
) {
  return filtered(db, libraryId, filter).where(sql<boolean>`search_vector @@ ${query}`)
}
