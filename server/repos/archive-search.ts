import { type SelectQueryBuilder, type Selectable, sql } from 'kysely'
import { swedishStem } from '../../core/archive/search.js'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema/index.js'
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

type PersonColumn = 'person_remote_id' | 'person_handle'

/** A filter whose person is known to be found in these columns only (withPerson). */
export interface NarrowFilter extends ArchiveFilter {
  personIn?: readonly PersonColumn[] | undefined
}

/**
 * The filter with the columns its person is found in, or null when no entry
 * of the library has that person. A network id and a handle are told apart
 * by looking, so that the list reads the person's entries in time order
 * through one index and stops with the page (migration 055), where the two
 * columns or-ed were every entry of the person read and sorted.
 */
export async function withPerson(
  db: Db,
  libraryId: string,
  filter: ArchiveFilter,
): Promise<NarrowFilter | null> {
  const person = filter.person
  if (!person) return filter
  const holding = (column: PersonColumn) =>
    db
      .selectFrom('archive_entries')
      .select(sql<number>`1`.as('one'))
      .where('library_id', '=', libraryId)
      .where(column, '=', person)
      .limit(1)
  const found = await db
    .selectNoFrom((eb) => [
      eb.exists(holding('person_remote_id')).as('remote'),
      eb.exists(holding('person_handle')).as('handle'),
    ])
    .executeTakeFirstOrThrow()
  const personIn: PersonColumn[] = []
  // SQLite answers exists with 1 or 0.
  if (found.remote) personIn.push('person_remote_id')
  if (found.handle) personIn.push('person_handle')
  return personIn.length ? { ...filter, personIn } : null
}

/**
 * The list's filters and order, newest first; no words. The no-words list,
 * PostgreSQL's search window and its fallback all start here.
 */
export function filtered(db: Db, libraryId: string, filter: NarrowFilter) {
  return narrowed(db.selectFrom('archive_entries').select(COLUMNS), libraryId, filter)
}

/** The filters and order on any selection from archive_entries. */
function narrowed<Q extends SelectQueryBuilder<Database, 'archive_entries', object>>(
  query: Q,
  libraryId: string,
  filter: NarrowFilter,
): Q {
  let q = query.where('library_id', '=', libraryId)
  if (filter.from) q = q.where('occurred_at', '>=', filter.from)
  if (filter.to) q = q.where('occurred_at', '<', filter.to)
  if (filter.channelId) q = q.where('channel_id', '=', filter.channelId)
  if (filter.kind) q = q.where('kind', '=', filter.kind)
  const person = filter.person
  if (person) {
    const [only, ...more] = filter.personIn ?? ['person_remote_id', 'person_handle']
    q = more.length
      ? q.where((eb) => eb.or([eb(only!, '=', person), ...more.map((c) => eb(c, '=', person))]))
      : q.where(only!, '=', person)
  }
  const before = filter.before
  if (before)
    q = q.where((eb) =>
      eb.or([
        eb('occurred_at', '<', before.at),
        eb.and([eb('occurred_at', '=', before.at), eb('id', '<', before.id)]),
      ]),
    )
  return q.orderBy('occurred_at', 'desc').orderBy('id', 'desc') as Q
}

/**
 * A word of one letter (the "e" of "e-böcker") is matched whole: as the start
 * of a word it matches nearly every entry, and makes the search slow.
 */
const isShortWord = (w: string) => [...w].length === 1

const quoted = (token: string) => `"${token.replaceAll('"', '""')}"`

/** A filter's token in the search index's facets column (migration 054). */
const facet = (letter: string, value: string) =>
  quoted(`\u{E000}${letter}${Buffer.from(value).toString('hex')}`)

/** The most indexed words a search word is asked as; beyond that, as a prefix. */
const MAX_TERMS = 24

/**
 * FTS5: a word as the whole indexed words that start with it (migration 054),
 * found in the index's list of words one seek each, so FTS5 reads their
 * entries lazily, newest first, and stops at a full page. A word that starts
 * more than MAX_TERMS words, or none (a word the tokenizer folds or splits
 * differently from core/archive/search.ts, or one found nowhere), is asked as
 * a prefix, which FTS5 answers by first merging the entries of all its words.
 */
async function ftsWord(db: Db, word: string): Promise<string> {
  const stem = swedishStem(word)
  if (isShortWord(word)) return quoted(stem)
  const terms: string[] = []
  let from = stem
  for (;;) {
    const row = await db
      .selectFrom('archive_search_terms')
      .select('term')
      .where('term', '>=', from)
      .limit(1)
      .executeTakeFirst()
    if (!row?.term.startsWith(stem)) break
    if (terms.length === MAX_TERMS) return `${quoted(stem)}*`
    terms.push(row.term)
    // No token holds a control character: the next word in the list comes after this one.
    from = `${row.term}\u0001`
  }
  return terms.length ? `(${terms.map(quoted).join(' OR ')})` : `${quoted(stem)}*`
}

/** SQLite's search key for an instant: milliseconds × 2^20 (migration 018). */
const timeKey = (iso: string) => sql<number>`(cast(${Date.parse(iso)} as integer) * 1048576)`
/** The index's rowid is the key negated, so that newest first is ascending (migration 054). */
const rowidAt = (iso: string) => sql<number>`-${timeKey(iso)}`

/**
 * SQLite: FTS5 answers the whole search, filters too (migration 054), reading
 * its matches newest first by its time-keyed rowid and stopping after one
 * page; only that page is read from the table. A facet is its value in full,
 * so its match is exact and the page needs no second look.
 */
export async function searchSqlite(
  db: Db,
  libraryId: string,
  words: readonly string[],
  filter: ArchiveFilter,
  limit: number,
) {
  const facets = [facet('l', libraryId)]
  if (filter.channelId) facets.push(facet('c', filter.channelId))
  if (filter.kind) facets.push(facet('k', filter.kind))
  if (filter.person) facets.push(`(${facet('h', filter.person)} OR ${facet('p', filter.person)})`)
  const terms: string[] = []
  for (const word of words) terms.push(await ftsWord(db, word))
  const match = `facets : (${facets.join(' AND ')}) AND body : (${terms.join(' AND ')})`
  let page = db
    .selectFrom('archive_search')
    .select('rowid')
    .where(sql<boolean>`archive_search match ${match}`)
  // Rowids are integers, or FTS5 ignores the bound and SQLite checks every match against it.
  const starts = []
  if (filter.to) starts.push(rowidAt(filter.to))
  const before = filter.before
  if (before)
    starts.push(
      sql<number>`-coalesce((select key from archive_search_keys where entry_id = ${before.id}), ${timeKey(before.at)})`,
    )
  if (starts.length)
    page = page.where(
      'rowid',
      '>',
      starts.length > 1 ? sql<number>`max(${sql.join(starts)})` : starts[0]!,
    )
  if (filter.from) page = page.where('rowid', '<=', rowidAt(filter.from))
  return db
    .selectFrom(page.orderBy('rowid').limit(limit).as('s'))
    .innerJoin('archive_search_keys as k', (join) => join.on('k.key', '=', sql<number>`-s.rowid`))
    .innerJoin('archive_entries as e', 'e.id', 'k.entry_id')
    .select(COLUMNS.map((c) => `e.${c}` as const))
    .where('e.library_id', '=', libraryId)
    .orderBy('s.rowid')
    .execute()
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
  return sql<string>`(${sql.join(terms, sql` && `)})::text`
}

/** Words to their tsquery's text, as the database's stemmer makes it: the same every time. */
const resolved = new Map<string, string>()
const RESOLVED_KEPT = 1000

/**
 * The words' tsquery, made once and handed to the searches as a value: in a
 * statement's generic plan an expression of its parameters is computed again
 * for every row it is checked against (to_tsquery's parsing and stemming
 * 3,000 times over), where a value is parsed once.
 */
async function queryOf(db: Db, words: readonly string[]) {
  const key = words.join('\u0000')
  let text = resolved.get(key)
  if (text === undefined) {
    const row = await sql<{ q: string }>`select ${tsQuery(words)} as q`.execute(db)
    text = row.rows[0]!.q
    if (resolved.size >= RESOLVED_KEPT) resolved.delete(resolved.keys().next().value!)
    resolved.set(key, text)
  }
  return sql`${text}::tsquery`
}
type Query = Awaited<ReturnType<typeof queryOf>>

/**
 * Rows of the newest end of the filtered list that the search reads in time
 * order before it asks the GIN index instead (PostgreSQL). Common words fill
 * a page within a few hundred rows; rare ones are cheap through the index.
 */
export const SEARCH_WINDOW = 3000
/** The first part of the window, whose matches tell how common the words are. */
const FIRST_PART = 8

type Hit = Selectable<ArchiveEntriesTable>
/** A row of the window: enough to page and to fetch it. */
interface Ref {
  id: string
  occurred_at: string
}

/**
 * PostgreSQL: first the newest rows of the filtered list, read in time order
 * through (library_id, occurred_at, id) and checked against the words,
 * stopping as soon as a page is full. A word in 5% of the entries fills a
 * page after ~2,000 rows, where the GIN index would have fetched and sorted
 * every one of its 50,000 matches first (measured: 1 s against 35 ms at a
 * million entries). The window's first eighth tells how common the words are:
 * when the rest of the window would not fill the page at that rate, the rest
 * comes from the GIN index at once, older than the rows read, newest periods
 * first (byPeriods) — the words are rare, which is what the index is quick
 * at, and reading the whole window for a handful of matches cost a rare word
 * more than its index lookup.
 * The window is read in the time indexes alone (migration 043); the rows of
 * the page are then read from the table, once.
 */
export async function searchPostgres(
  db: Db,
  libraryId: string,
  words: readonly string[],
  asked: ArchiveFilter,
  limit: number,
  window = SEARCH_WINDOW,
): Promise<Hit[]> {
  const filter = await withPerson(db, libraryId, asked)
  if (!filter) return []
  const query = await queryOf(db, words)
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
  const older = await byPeriods(db, libraryId, query, filter, last, limit - hits.length)
  return [...hits, ...older]
}

/** The length of a period in the search index (migration 053): 30 days, counted from 1970. */
const PERIOD_MS = 2_592_000_000
/**
 * How many periods each step asks for before the next, older ones; the rest
 * at once after the last step. A word in one entry of 800 has ~40 matches in
 * a period of a library with a million entries over two years.
 */
const PERIOD_STEPS = [2, 8]

/**
 * Entries matching the words through the GIN index, newest first, asking for
 * the newest periods first: only their matches are read from the table, not
 * every match of the words since the archive began (migration 053).
 */
async function byPeriods(
  db: Db,
  libraryId: string,
  query: Query,
  filter: NarrowFilter,
  last: Ref,
  limit: number,
): Promise<Hit[]> {
  const words = sql`(search_vector || archive_search_period(occurred_at))`
  const found: Hit[] = []
  let from = after(filter, last)
  let top = Math.floor(Date.parse(last.occurred_at) / PERIOD_MS)
  for (const span of PERIOD_STEPS) {
    const periods = Array.from({ length: span }, (_, i) => `'~${top - i}'`).join(' | ')
    const rows = await filtered(db, libraryId, from)
      .where(sql<boolean>`${words} @@ (${query} && ${periods}::tsquery)`)
      .limit(limit - found.length)
      .execute()
    found.push(...rows)
    const start = new Date((top - span + 1) * PERIOD_MS).toISOString()
    if (found.length >= limit || (filter.from && filter.from >= start)) return found
    // Whatever is left happened before the periods asked for.
    from = { ...filter, before: undefined, to: start }
    top -= span
  }
  const rest = await filtered(db, libraryId, from)
    .where(sql<boolean>`${words} @@ ${query}`)
    .limit(limit - found.length)
    .execute()
  return [...found, ...rest]
}

const after = (filter: NarrowFilter, row: Ref): NarrowFilter => ({
  ...filter,
  before: { at: row.occurred_at, id: row.id },
})

/**
 * The newest `rows` rows of the filtered list checked against the words: the matches among
 * them (at most `limit`), read from the table in the same statement, and the last row read
 * when there were `rows` of them, so a scan that ended early is told from one that covered
 * every filtered row. A row whose words are too many for the index (search_head null) is
 * checked against search_vector in the table; should some of those not match, the window is
 * read on from the last row seen.
 */
async function recent(
  db: Db,
  libraryId: string,
  query: Query,
  filter: NarrowFilter,
  rows: number,
  limit: number,
): Promise<{ hits: Hit[]; last: Ref | undefined }> {
  const hits: Hit[] = []
  let from = filter
  let left = rows
  for (;;) {
    const wanted = limit - hits.length + 1
    const window = narrowed(
      db
        .selectFrom('archive_entries')
        .select([
          'id',
          'occurred_at',
          sql<string | null>`search_head`.as('search_head'),
          sql<string>`row_number() over (order by occurred_at desc, id desc)`.as('position'),
        ]),
      libraryId,
      from,
    ).limit(left)
    const found = await db
      .selectFrom(window.as('w'))
      // Only a match is read from the table: the index holds what the window needs.
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('archive_entries as e')
            .select(COLUMNS.map((c) => `e.${c}` as const))
            .whereRef('e.id', '=', 'w.id')
            .where(
              sql<boolean>`(w.search_head @@ ${query} or (w.search_head is null and e.search_vector @@ ${query}))`,
            )
            .as('hit'),
        (join) => join.onTrue(),
      )
      .select(['w.id as ref_id', 'w.occurred_at as ref_at', 'w.position'])
      .select(COLUMNS.map((c) => `hit.${c}` as const))
      .where(
        sql<boolean>`w.search_head @@ ${query} or w.search_head is null or w.position = ${left}`,
      )
      .orderBy('w.occurred_at', 'desc')
      .orderBy('w.id', 'desc')
      .limit(wanted)
      .execute()
    for (const row of found)
      if (row.id !== null) hits.push(Object.fromEntries(COLUMNS.map((c) => [c, row[c]])) as Hit)
    const ref = (r: (typeof found)[number]): Ref => ({ id: r.ref_id, occurred_at: r.ref_at })
    const end = found.find((r) => Number(r.position) === left)
    // Stopped at `wanted` rows short of a full page: only when long rows did not match.
    const cut = found.length === wanted && !end && hits.length < limit
    if (!cut) return { hits, last: end && ref(end) }
    const seen = found.at(-1)!
    left -= Number(seen.position)
    from = after(filter, ref(seen))
  }
}
