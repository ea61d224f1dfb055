import type { ArchiveEntry } from '../../../core/archive/entry.js'
import { GENESIS_HASH } from '../../../core/archive/entry.js'
import { DomainError } from '../../../core/errors.js'
import type {
  ArchiveEntryDetail,
  ArchivePage,
  ArchiveQuery,
} from '../../../core/schemas/archive.js'
import { addDays, zonedToUtc } from '../../../core/time/zoned.js'
import type { ArchiveEntryRow } from '../../repos/archive-repo.js'
import type { StoreOf } from '../../repos/index.js'
import type { LibraryAccess } from '../access.js'
import { hasher, sha256Hex, toArchiveEntry } from './chain.js'

/**
 * A page of the list or a search: more than a screen, as the inbox's 50, and
 * "Visa fler" goes on. A hundred made every search, most of them for a
 * handful of the newest items, send and render twice the rows.
 */
const PAGE_SIZE = 50
const CONVERSATION_LIMIT = 500
const VERIFY_PAGE = 1_000

/** What a chain's check found: whole, or the first place it is broken, in plain words. */
export type ChainReport =
  | { libraryId: string; ok: true; entries: number; weeded: number }
  | { libraryId: string; ok: false; entries: number; brokenAt: number; problem: string }

/** Recomputes one stored entry's hashes against the previous entry's hash. */
function check(row: ArchiveEntryRow, expectedSeq: number, prevHash: string): string | null {
  const seq = Number(row.seq)
  if (seq !== expectedSeq)
    return seq > expectedSeq
      ? `entry ${expectedSeq} is missing (the next one kept is ${seq})`
      : `entry ${seq} appears twice`
  if (row.prev_hash !== prevHash)
    return `entry ${seq} does not follow entry ${seq - 1} (its link to the previous entry is wrong)`
  // The stored text is the canonical JSON that was hashed: any changed byte shows.
  if (row.content !== null && sha256Hex(row.content) !== row.content_hash)
    return `the content of entry ${seq} was changed after it was archived`
  const expected = hasher.entryHash(prevHash, row.content_hash, {
    seq,
    kind: row.kind as ArchiveEntry['kind'],
    subject: row.subject,
    refersTo: row.refers_to,
    occurredAt: row.occurred_at,
    capturedAt: row.captured_at,
    remoteId: row.remote_id,
    url: row.url,
    person:
      row.person_remote_id !== null
        ? {
            remoteId: row.person_remote_id,
            handle: row.person_handle ?? '',
            name: row.person_name ?? '',
          }
        : null,
  })
  if (expected !== row.hash)
    return `the description of entry ${seq} (kind, times, network id, person) was changed after it was archived`
  return null
}

/** Finding and reading archived records, and checking that no record was changed or removed. */
export function archiveService({ store }: { store: StoreOf<'archive' | 'libraries'> }) {
  async function libraryZone(libraryId: string) {
    const library = await store.repos.libraries.findById(libraryId)
    if (!library) throw new DomainError('library_not_found')
    return library.time_zone
  }

  const service = {
    async list(access: LibraryAccess<'archive.read'>, query: ArchiveQuery): Promise<ArchivePage> {
      if (query.from && query.to && query.to < query.from)
        throw new DomainError('calendar_range_invalid')
      // Only days need the library's time zone: most searches have none, and save the query.
      const zone = query.from || query.to ? await libraryZone(access.libraryId) : 'UTC'
      const [at, id] = query.cursor?.split('|') ?? []
      const rows = await store.repos.archive.list(
        access.libraryId,
        {
          from: query.from && zonedToUtc(query.from, '00:00', zone).toISOString(),
          to: query.to && zonedToUtc(addDays(query.to, 1), '00:00', zone).toISOString(),
          channelId: query.channel,
          kind: query.kind,
          person: query.person,
          q: query.q,
          before: at && id ? { at, id } : undefined,
        },
        PAGE_SIZE + 1,
      )
      const items = rows.slice(0, PAGE_SIZE).map(toArchiveEntry)
      const last = items.at(-1)
      return {
        items,
        next: rows.length > PAGE_SIZE && last ? `${last.occurredAt}|${last.id}` : null,
      }
    },

    /** An entry, everything archived about the same thing, and its conversation as archived. */
    async get(access: LibraryAccess<'archive.read'>, id: string): Promise<ArchiveEntryDetail> {
      const row = await store.repos.archive.find(access.libraryId, id)
      if (!row) throw new DomainError('archive_entry_not_found')
      const [subject, conversation] = await Promise.all([
        store.repos.archive.bySubject(access.libraryId, row.subject),
        row.thread_root
          ? store.repos.archive.conversation(access.libraryId, row.thread_root, CONVERSATION_LIMIT)
          : Promise.resolve([row]),
      ])
      return {
        entry: toArchiveEntry(row),
        subject: subject.map(toArchiveEntry),
        conversation: conversation.map(toArchiveEntry),
      }
    },

    /** Walks one library's chain from the first entry, recomputing every hash. */
    async verifyLibrary(libraryId: string): Promise<ChainReport> {
      let prevHash = GENESIS_HASH
      let seq = 0
      let weeded = 0
      for (;;) {
        const rows = await store.repos.archive.chain(libraryId, seq, VERIFY_PAGE)
        for (const row of rows) {
          const problem = check(row, seq + 1, prevHash)
          if (problem) return { libraryId, ok: false, entries: seq, brokenAt: seq + 1, problem }
          seq += 1
          prevHash = row.hash
          if (row.content === null) weeded += 1
        }
        if (rows.length < VERIFY_PAGE) break
      }
      // The head remembers the last entry: removing entries from the end shows here.
      const head = await store.repos.archive.head(libraryId)
      if (head && (Number(head.seq) !== seq || head.hash !== prevHash))
        return {
          libraryId,
          ok: false,
          entries: seq,
          brokenAt: seq + 1,
          problem:
            Number(head.seq) > seq
              ? `entries ${seq + 1} to ${head.seq} are missing from the end of the chain`
              : `the chain goes on past its recorded end (entry ${head.seq})`,
        }
      return { libraryId, ok: true, entries: seq, weeded }
    },

    /** Every library's chain, or one library's. */
    async verify(libraryId?: string): Promise<ChainReport[]> {
      const ids = libraryId ? [libraryId] : await store.repos.archive.libraryIds()
      const reports: ChainReport[] = []
      for (const id of ids) reports.push(await service.verifyLibrary(id))
      return reports
    },
  }
  return service
}
export type ArchiveService = ReturnType<typeof archiveService>
