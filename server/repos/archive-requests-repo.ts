import type { Insertable, Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type {
  ArchiveMasksTable,
  ArchiveReleasesTable,
  ArchiveRequestsTable,
} from '../db/schema/archive-requests.js'

export type ArchiveRequestRow = Selectable<ArchiveRequestsTable>
export type ArchiveMaskRow = Selectable<ArchiveMasksTable>
export type ArchiveReleaseRow = Selectable<ArchiveReleasesTable>

/** States in which a request still needs its records: weeding must leave them alone. */
const PENDING_STATES = ['open']

/** Requests for public records, the entries collected, the masks and the releases. */
export function archiveRequestsRepo(db: Db) {
  return {
    async insert(row: Insertable<ArchiveRequestsTable>) {
      await db.insertInto('archive_requests').values(row).execute()
    },
    byDiarienummer(libraryId: string, diarienummer: string) {
      return db
        .selectFrom('archive_requests')
        .select('id')
        .where('library_id', '=', libraryId)
        .where('diarienummer', '=', diarienummer)
        .executeTakeFirst()
    },
    find(libraryId: string, id: string) {
      return db
        .selectFrom('archive_requests')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
    },
    /** Newest received first, with how many entries each holds. */
    list(libraryId: string, limit: number) {
      return db
        .selectFrom('archive_requests as r')
        .selectAll('r')
        .select((eb) =>
          eb
            .selectFrom('archive_request_items as i')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('i.request_id', '=', 'r.id')
            .as('item_count'),
        )
        .where('r.library_id', '=', libraryId)
        .orderBy('r.received_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(limit)
        .execute()
    },
    async setState(
      libraryId: string,
      id: string,
      state: string,
      note: string | null,
      now: string,
    ): Promise<void> {
      await db
        .updateTable('archive_requests')
        .set({ state, updated_at: now, ...(note !== null && { decision_note: note }) })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },
    async touch(id: string, now: string) {
      await db
        .updateTable('archive_requests')
        .set({ updated_at: now })
        .where('id', '=', id)
        .execute()
    },
    async addItems(requestId: string, entryIds: readonly string[], now: string) {
      if (entryIds.length === 0) return
      await db
        .insertInto('archive_request_items')
        .values(entryIds.map((entry_id) => ({ request_id: requestId, entry_id, added_at: now })))
        .onConflict((oc) => oc.columns(['request_id', 'entry_id']).doNothing())
        .execute()
    },
    async removeItem(requestId: string, entryId: string): Promise<boolean> {
      await db
        .deleteFrom('archive_masks')
        .where('request_id', '=', requestId)
        .where('entry_id', '=', entryId)
        .execute()
      const result = await db
        .deleteFrom('archive_request_items')
        .where('request_id', '=', requestId)
        .where('entry_id', '=', entryId)
        .executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },
    /** The collected entries' rows, in chain order, from the request's own library. */
    items(libraryId: string, requestId: string) {
      return db
        .selectFrom('archive_request_items as i')
        .innerJoin('archive_entries as e', 'e.id', 'i.entry_id')
        .selectAll('e')
        .where('i.request_id', '=', requestId)
        .where('e.library_id', '=', libraryId)
        .orderBy('e.seq')
        .execute()
    },
    async hasItem(requestId: string, entryId: string): Promise<boolean> {
      const row = await db
        .selectFrom('archive_request_items')
        .select('entry_id')
        .where('request_id', '=', requestId)
        .where('entry_id', '=', entryId)
        .executeTakeFirst()
      return Boolean(row)
    },
    async insertMask(row: Insertable<ArchiveMasksTable>) {
      await db.insertInto('archive_masks').values(row).execute()
    },
    async deleteMask(requestId: string, maskId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('archive_masks')
        .where('request_id', '=', requestId)
        .where('id', '=', maskId)
        .executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },
    masks(requestId: string) {
      return db
        .selectFrom('archive_masks')
        .selectAll()
        .where('request_id', '=', requestId)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    },
    async insertRelease(row: Insertable<ArchiveReleasesTable>) {
      await db.insertInto('archive_releases').values(row).execute()
    },
    releases(requestId: string) {
      return db
        .selectFrom('archive_releases')
        .selectAll()
        .where('request_id', '=', requestId)
        .orderBy('released_at')
        .orderBy('id')
        .execute()
    },
    /**
     * Of these entries, those an open request in the library has collected:
     * weeding must not remove them until the request is answered.
     */
    /** The open requests that collected each of these entries, with their diarienummer. */
    async openRequestsFor(libraryId: string, entryIds: readonly string[]) {
      const out: { entry_id: string; request_id: string; diarienummer: string }[] = []
      const unique = [...new Set(entryIds)]
      for (let i = 0; i < unique.length; i += 500) {
        out.push(
          ...(await db
            .selectFrom('archive_request_items as i')
            .innerJoin('archive_requests as r', 'r.id', 'i.request_id')
            .select(['i.entry_id', 'r.id as request_id', 'r.diarienummer'])
            .where('r.library_id', '=', libraryId)
            .where('r.state', 'in', PENDING_STATES)
            .where('i.entry_id', 'in', unique.slice(i, i + 500))
            .execute()),
        )
      }
      return out
    },
    /** Releases made in [from, to): the monthly report's "released". */
    async releasesBetween(libraryId: string, from: string, to: string): Promise<number> {
      const row = await db
        .selectFrom('archive_releases as x')
        .innerJoin('archive_requests as r', 'r.id', 'x.request_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('r.library_id', '=', libraryId)
        .where('x.released_at', '>=', from)
        .where('x.released_at', '<', to)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
    async entriesUnderOpenRequests(
      libraryId: string,
      entryIds: readonly string[],
    ): Promise<Set<string>> {
      const held = new Set<string>()
      const unique = [...new Set(entryIds)]
      for (let i = 0; i < unique.length; i += 500) {
        const rows = await db
          .selectFrom('archive_request_items as i')
          .innerJoin('archive_requests as r', 'r.id', 'i.request_id')
          .select('i.entry_id')
          .distinct()
          .where('r.library_id', '=', libraryId)
          .where('r.state', 'in', PENDING_STATES)
          .where('i.entry_id', 'in', unique.slice(i, i + 500))
          .execute()
        for (const r of rows) held.add(r.entry_id)
      }
      return held
    },
  }
}
export type ArchiveRequestsRepo = ReturnType<typeof archiveRequestsRepo>
