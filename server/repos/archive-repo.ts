import { type Insertable, type Selectable, sql } from 'kysely'
import { GENESIS_HASH } from '../../core/archive/entry.js'
import { searchWords } from '../../core/archive/search.js'
import type { Db } from '../db/database.js'
import { isPostgres } from '../db/dialect.js'
import type { ArchiveEntriesTable, ArchiveMediaTable } from '../db/schema/archive.js'
import {
  type ArchiveFilter,
  COLUMNS,
  filtered,
  searchPostgres,
  searchSqlite,
  withPerson,
} from './archive-search.js'

export type { ArchiveFilter }

export type ArchiveEntryRow = Selectable<ArchiveEntriesTable>

// Rows per insert: 25 columns each, within SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const CHUNK = 500

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size))
  return out
}

/**
 * The archive's store: entries are appended and read. No row is ever
 * deleted, and the one update is `weed` (content to null under a recorded
 * decision, hashes kept); server/services/archive/no-delete.test.ts fails if
 * any other code writes to archive_entries.
 */
export function archiveRepo(db: Db) {
  return {
    /**
     * The library's chain head, locked until the transaction ends: on
     * PostgreSQL by the row lock; on SQLite the insert takes the one write
     * lock before anything is read, so no other process appends meanwhile.
     */
    async lockHead(libraryId: string): Promise<{ seq: number; hash: string }> {
      await db
        .insertInto('archive_heads')
        .values({ library_id: libraryId, seq: 0, hash: GENESIS_HASH })
        .onConflict((oc) => oc.column('library_id').doNothing())
        .execute()
      let query = db
        .selectFrom('archive_heads')
        .select(['seq', 'hash'])
        .where('library_id', '=', libraryId)
      if (isPostgres(db)) query = query.forUpdate()
      const head = await query.executeTakeFirstOrThrow()
      return { seq: Number(head.seq), hash: head.hash }
    },
    head(libraryId: string) {
      return db
        .selectFrom('archive_heads')
        .select(['seq', 'hash'])
        .where('library_id', '=', libraryId)
        .executeTakeFirst()
    },
    async setHead(libraryId: string, seq: number, hash: string) {
      await db
        .updateTable('archive_heads')
        .set({ seq, hash })
        .where('library_id', '=', libraryId)
        .execute()
    },
    /** Entries already captured under these subjects, by kind, subject and capture key. */
    async captured(libraryId: string, subjects: readonly string[]) {
      const found = new Map<string, string>()
      for (const part of chunks([...new Set(subjects)], CHUNK)) {
        const rows = await db
          .selectFrom('archive_entries')
          .select(['id', 'kind', 'subject', 'capture_key'])
          .where('library_id', '=', libraryId)
          .where('subject', 'in', part)
          .execute()
        for (const r of rows) found.set(`${r.kind}\u0000${r.subject}\u0000${r.capture_key}`, r.id)
      }
      return found
    },
    async insertEntries(rows: readonly Insertable<ArchiveEntriesTable>[]) {
      // Newest first: SQLite's search index wants its rowids, the time negated, ascending within
      // a transaction, and writes out what it holds each time one is lower (migration 054).
      const newestFirst = [...rows].sort((a, b) =>
        a.occurred_at < b.occurred_at ? 1 : a.occurred_at > b.occurred_at ? -1 : 0,
      )
      for (const part of chunks(newestFirst, CHUNK))
        await db.insertInto('archive_entries').values(part).execute()
    },
    async storeMedia(row: Insertable<ArchiveMediaTable>) {
      await db
        .insertInto('archive_media')
        .values(row)
        .onConflict((oc) => oc.columns(['library_id', 'sha256']).doNothing())
        .execute()
    },
    media(libraryId: string, sha256: string) {
      return db
        .selectFrom('archive_media')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('sha256', '=', sha256)
        .executeTakeFirst()
    },
    async position(consumer: string): Promise<number> {
      const row = await db
        .selectFrom('archive_positions')
        .select('seq')
        .where('consumer', '=', consumer)
        .executeTakeFirst()
      return Number(row?.seq ?? 0)
    },
    async savePosition(consumer: string, seq: number, now: string) {
      await db
        .insertInto('archive_positions')
        .values({ consumer, seq, updated_at: now })
        .onConflict((oc) => oc.column('consumer').doUpdateSet({ seq, updated_at: now }))
        .execute()
    },
    /** Libraries with an archive (their chains to verify). */
    async libraryIds(): Promise<string[]> {
      const rows = await db.selectFrom('archive_heads').select('library_id').execute()
      return rows.map((r) => r.library_id)
    },
    /** A stretch of the chain in order, for verification and export. */
    chain(libraryId: string, afterSeq: number, limit: number) {
      return db
        .selectFrom('archive_entries')
        .select(COLUMNS)
        .where('library_id', '=', libraryId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute()
    },
    /** A period's entries (occurred_at from ≤ t < to) in chain order, after a place in the chain. */
    period(libraryId: string, from: string, to: string, afterSeq: number, limit: number) {
      return db
        .selectFrom('archive_entries')
        .select(COLUMNS)
        .where('library_id', '=', libraryId)
        .where('seq', '>', afterSeq)
        .where('occurred_at', '>=', from)
        .where('occurred_at', '<', to)
        .orderBy('seq')
        .limit(limit)
        .execute()
    },
    /** Newest first, by when it happened; with words to find, through the search index. */
    async list(libraryId: string, filter: ArchiveFilter, limit: number) {
      const words = filter.q === undefined ? [] : searchWords(filter.q)
      // Only separators (a lone quote, "*", "--"): nothing can match.
      if (filter.q !== undefined && words.length === 0) return []
      if (!words.length) {
        const narrow = await withPerson(db, libraryId, filter)
        return narrow ? filtered(db, libraryId, narrow).limit(limit).execute() : []
      }
      return isPostgres(db)
        ? searchPostgres(db, libraryId, words, filter, limit)
        : searchSqlite(db, libraryId, words, filter, limit)
    },
    /**
     * Takes entries out of the search index, whatever they still hold: after
     * weeding nulls their content, or an erasure. Filters and the person
     * search still find them; only their words no longer do.
     */
    async forgetSearchText(libraryId: string, entryIds: readonly string[]) {
      for (const part of chunks([...new Set(entryIds)], CHUNK)) {
        if (isPostgres(db)) {
          await sql`update archive_entries set search_vector = null
            where library_id = ${libraryId} and id in (${sql.join(part)})`.execute(db)
          continue
        }
        await sql`delete from archive_search where rowid in (
            select -k.key from archive_search_keys k join archive_entries e on e.id = k.entry_id
            where e.library_id = ${libraryId} and k.entry_id in (${sql.join(part)}))`.execute(db)
      }
    },
    /**
     * Weeding under a recorded decision, the only change an entry ever sees:
     * its content goes, its row and hashes stay so the chain still verifies.
     * Already weeded entries are left as they are (the first decision holds).
     */
    async weed(libraryId: string, decisionId: string, ids: readonly string[]): Promise<number> {
      let weeded = 0
      for (const part of chunks([...ids], CHUNK)) {
        const result = await db
          .updateTable('archive_entries')
          .set({ content: null, weeded_by: decisionId })
          .where('library_id', '=', libraryId)
          .where('id', 'in', part)
          .where('weeded_by', 'is', null)
          .executeTakeFirst()
        weeded += Number(result.numUpdatedRows)
      }
      return weeded
    },
    /**
     * Removes kept files no unweeded entry names any more. A SHA-256 in hex is
     * found in the content's JSON as it was written; a text that happened to
     * contain the same 64 characters keeps the file, the safe way round.
     */
    async dropUnreferencedMedia(libraryId: string, sha256s: readonly string[]): Promise<number> {
      let dropped = 0
      for (const sha of new Set(sha256s)) {
        const used = await db
          .selectFrom('archive_entries')
          .select('id')
          .where('library_id', '=', libraryId)
          .where('weeded_by', 'is', null)
          .where('content', 'like', `%${sha}%`)
          .limit(1)
          .executeTakeFirst()
        if (used) continue
        const result = await db
          .deleteFrom('archive_media')
          .where('library_id', '=', libraryId)
          .where('sha256', '=', sha)
          .executeTakeFirst()
        dropped += Number(result.numDeletedRows)
      }
      return dropped
    },
    /** Entries captured in [from, to), counted by record class, channel and kind. */
    capturedCounts(libraryId: string, from: string, to: string) {
      return db
        .selectFrom('archive_entries')
        .select(['record_class', 'channel_id', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
        .where('library_id', '=', libraryId)
        .where('captured_at', '>=', from)
        .where('captured_at', '<', to)
        .groupBy(['record_class', 'channel_id', 'kind'])
        .execute()
    },
    /** Entries whose person is this network account (by id or handle). */
    byPerson(libraryId: string, remoteIds: readonly string[], handles: readonly string[]) {
      return db
        .selectFrom('archive_entries')
        .select(COLUMNS)
        .where('library_id', '=', libraryId)
        .where((eb) =>
          eb.or([
            ...(remoteIds.length ? [eb('person_remote_id', 'in', [...remoteIds])] : []),
            ...(handles.length ? [eb('person_handle', 'in', [...handles])] : []),
          ]),
        )
        .orderBy('seq')
        .execute()
    },
    /** Entries naming a member (writer, approver, publisher, moderator) in their content. */
    naming(libraryId: string, memberId: string) {
      return db
        .selectFrom('archive_entries')
        .select(COLUMNS)
        .where('library_id', '=', libraryId)
        .where('content', 'like', `%"id":${JSON.stringify(memberId)}%`)
        .orderBy('seq')
        .execute()
    },
    find(libraryId: string, id: string) {
      return db
        .selectFrom('archive_entries')
        .select(COLUMNS)
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
    },
    bySubject(libraryId: string, subject: string) {
      return db
        .selectFrom('archive_entries')
        .select(COLUMNS)
        .where('library_id', '=', libraryId)
        .where('subject', '=', subject)
        .orderBy('seq')
        .execute()
    },
    /** A conversation: every entry in the thread with this root (the library's post or its item's). */
    conversation(libraryId: string, threadRoot: string, limit: number) {
      return db
        .selectFrom('archive_entries')
        .select(COLUMNS)
        .where('library_id', '=', libraryId)
        .where('thread_root', '=', threadRoot)
        .orderBy('occurred_at')
        .orderBy('seq')
        .limit(limit)
        .execute()
    },
  }
}
export type ArchiveRepo = ReturnType<typeof archiveRepo>
