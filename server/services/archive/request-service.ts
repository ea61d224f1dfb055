import type { ArchiveEntry } from '../../../core/archive/entry.js'
import { type EntryMask, maskFits } from '../../../core/archive/masking.js'
import { DomainError } from '../../../core/errors.js'
import type {
  ArchiveMask,
  ArchiveRelease,
  ArchiveRequest,
  ArchiveRequestSummary,
  CreateArchiveRequest,
  CreateMask,
  DecideRequest,
  ReleaseFormat,
} from '../../../core/schemas/archive-request.js'
import {
  archiveRequestStateSchema,
  releaseFormatSchema,
} from '../../../core/schemas/archive-request.js'
import { type Clock, systemClock } from '../../clock.js'
import type {
  ArchiveMaskRow,
  ArchiveReleaseRow,
  ArchiveRequestRow,
} from '../../repos/archive-requests-repo.js'
import type { Repos, StoreOf } from '../../repos/index.js'
import { newId } from '../../security/tokens.js'
import type { LibraryAccess } from '../access.js'
import { auditIn } from '../audit-service.js'
import { sha256Hex, toArchiveEntry } from './chain.js'
import { releaseJson, releasedEntries } from './release-document.js'

const LIST_LIMIT = 200

export interface ReleaseFile {
  releaseId: string
  filename: string
  contentType: string
  body: Uint8Array
}

type RequestRepos = Pick<Repos, 'archiveRequests' | 'archive' | 'libraries' | 'users' | 'audit'>

function toMask(row: ArchiveMaskRow): ArchiveMask & EntryMask {
  return {
    id: row.id,
    entryId: row.entry_id,
    field: row.field as EntryMask['field'],
    mediaIndex: row.media_index,
    ranges: row.ranges === null ? null : (JSON.parse(row.ranges) as EntryMask['ranges']),
    ground: row.ground,
    by: { id: row.created_by, name: row.created_by_name },
    at: row.created_at,
  }
}

function toRelease(row: ArchiveReleaseRow): ArchiveRelease {
  return {
    id: row.id,
    format: releaseFormatSchema.parse(row.format),
    releasedAt: row.released_at,
    by: { id: row.released_by, name: row.released_by_name },
    entries: JSON.parse(row.entries) as ArchiveRelease['entries'],
    maskIds: JSON.parse(row.mask_ids) as string[],
    fileSha256: row.file_sha256,
    byteSize: Number(row.byte_size),
  }
}

function toSummary(row: ArchiveRequestRow, itemCount: number): ArchiveRequestSummary {
  return {
    id: row.id,
    diarienummer: row.diarienummer,
    requester: row.requester,
    receivedAt: row.received_at,
    description: row.description,
    state: archiveRequestStateSchema.parse(row.state),
    decisionNote: row.decision_note,
    createdBy: { id: row.created_by, name: row.created_by_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    itemCount,
  }
}

/** A file name that any system accepts, whatever the diarienummer holds. */
function safeName(diarienummer: string): string {
  const name = diarienummer
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return name.slice(0, 80) || 'begaran'
}

/**
 * Requests for public records (utlämnande): registered under a diarienummer,
 * the records collected from the archive, the secrecy review's masks kept
 * beside the records (never in them), the release as PDF or JSON, and a log
 * of every release. A request moves open → released (more copies may follow,
 * of the same contents) → closed, or open → refused / closed.
 */
export function archiveRequestService({
  store,
  clock = systemClock,
}: {
  store: StoreOf<'archiveRequests' | 'archive' | 'libraries' | 'users' | 'audit'>
  clock?: Clock
}) {
  const now = () => clock.now().toISOString()

  async function memberName(repos: Pick<Repos, 'users'>, userId: string) {
    return (await repos.users.findById(userId))?.name ?? ''
  }

  async function load(repos: RequestRepos, libraryId: string, id: string) {
    const row = await repos.archiveRequests.find(libraryId, id)
    if (!row) throw new DomainError('archive_request_not_found')
    return row
  }

  function assertOpen(row: ArchiveRequestRow) {
    if (row.state !== 'open') throw new DomainError('archive_request_not_open')
  }

  async function detail(repos: RequestRepos, row: ArchiveRequestRow): Promise<ArchiveRequest> {
    // One after another: called inside transactions, which have one connection.
    const entries = await repos.archiveRequests.items(row.library_id, row.id)
    const masks = await repos.archiveRequests.masks(row.id)
    const releases = await repos.archiveRequests.releases(row.id)
    const library = await repos.libraries.findById(row.library_id)
    const allMasks = masks.map(toMask)
    return {
      ...toSummary(row, entries.length),
      items: entries.map((e) => ({
        entry: toArchiveEntry(e),
        masks: allMasks.filter((m) => m.entryId === e.id),
      })),
      releases: releases.map(toRelease),
      releaseLocale: library?.locale === 'en' ? 'en' : 'sv',
    }
  }

  return {
    async list(access: LibraryAccess<'archive.read'>): Promise<ArchiveRequestSummary[]> {
      const rows = await store.repos.archiveRequests.list(access.libraryId, LIST_LIMIT)
      return rows.map((r) => toSummary(r, Number(r.item_count ?? 0)))
    },

    async get(access: LibraryAccess<'archive.read'>, id: string): Promise<ArchiveRequest> {
      return detail(store.repos, await load(store.repos, access.libraryId, id))
    },

    async create(
      access: LibraryAccess<'archive.prepare'>,
      input: CreateArchiveRequest,
    ): Promise<ArchiveRequest> {
      return store.transaction(async (repos) => {
        if (await repos.archiveRequests.byDiarienummer(access.libraryId, input.diarienummer))
          throw new DomainError('archive_request_exists')
        const at = now()
        const row = {
          id: newId(),
          library_id: access.libraryId,
          diarienummer: input.diarienummer,
          requester: input.requester || null,
          received_at: new Date(input.receivedAt).toISOString(),
          description: input.description ?? '',
          state: 'open',
          decision_note: null,
          created_by: access.userId,
          created_by_name: await memberName(repos, access.userId),
          created_at: at,
          updated_at: at,
        }
        await repos.archiveRequests.insert(row)
        return detail(repos, row)
      })
    },

    /** Collects archive entries of the library into the request; entries already in it stay once. */
    async addItems(
      access: LibraryAccess<'archive.prepare'>,
      id: string,
      entryIds: readonly string[],
    ): Promise<ArchiveRequest> {
      return store.transaction(async (repos) => {
        const row = await load(repos, access.libraryId, id)
        assertOpen(row)
        const unique = [...new Set(entryIds)]
        const found = []
        for (const entryId of unique)
          found.push(await repos.archive.find(access.libraryId, entryId))
        if (found.some((e) => !e)) throw new DomainError('archive_entry_not_found')
        await repos.archiveRequests.addItems(row.id, unique, now())
        await repos.archiveRequests.touch(row.id, now())
        return detail(repos, row)
      })
    },

    async removeItem(
      access: LibraryAccess<'archive.prepare'>,
      id: string,
      entryId: string,
    ): Promise<ArchiveRequest> {
      return store.transaction(async (repos) => {
        const row = await load(repos, access.libraryId, id)
        assertOpen(row)
        if (!(await repos.archiveRequests.removeItem(row.id, entryId)))
          throw new DomainError('archive_entry_not_in_request')
        await repos.archiveRequests.touch(row.id, now())
        return detail(repos, row)
      })
    },

    async addMask(
      access: LibraryAccess<'archive.prepare'>,
      id: string,
      input: CreateMask,
    ): Promise<ArchiveRequest> {
      return store.transaction(async (repos) => {
        const row = await load(repos, access.libraryId, id)
        assertOpen(row)
        if (!(await repos.archiveRequests.hasItem(row.id, input.entryId)))
          throw new DomainError('archive_entry_not_in_request')
        const stored = await repos.archive.find(access.libraryId, input.entryId)
        if (!stored) throw new DomainError('archive_entry_not_found')
        const mask = {
          field: input.field,
          mediaIndex: input.field === 'alt' ? (input.mediaIndex ?? null) : null,
          ranges: input.ranges ?? null,
        }
        if (!maskFits(toArchiveEntry(stored), mask)) throw new DomainError('archive_mask_invalid')
        await repos.archiveRequests.insertMask({
          id: newId(),
          request_id: row.id,
          entry_id: input.entryId,
          field: mask.field,
          media_index: mask.mediaIndex,
          ranges: mask.ranges === null ? null : JSON.stringify(mask.ranges),
          ground: input.ground,
          created_by: access.userId,
          created_by_name: await memberName(repos, access.userId),
          created_at: now(),
        })
        await repos.archiveRequests.touch(row.id, now())
        return detail(repos, row)
      })
    },

    async removeMask(
      access: LibraryAccess<'archive.prepare'>,
      id: string,
      maskId: string,
    ): Promise<ArchiveRequest> {
      return store.transaction(async (repos) => {
        const row = await load(repos, access.libraryId, id)
        assertOpen(row)
        if (!(await repos.archiveRequests.deleteMask(row.id, maskId)))
          throw new DomainError('archive_mask_not_found')
        await repos.archiveRequests.touch(row.id, now())
        return detail(repos, row)
      })
    },

    /**
     * Renders the collected records under their masks as a file and logs the
     * release (entries with their hashes, masks, the file's SHA-256) in the
     * same transaction. The archived entries are only read.
     */
    async release(
      access: LibraryAccess<'archive.release'>,
      id: string,
      format: ReleaseFormat,
    ): Promise<ReleaseFile> {
      return store.transaction(async (repos) => {
        const row = await load(repos, access.libraryId, id)
        if (row.state === 'closed' || row.state === 'refused')
          throw new DomainError('archive_request_finished')
        const library = await repos.libraries.findById(access.libraryId)
        if (!library) throw new DomainError('library_not_found')
        const entries: ArchiveEntry[] = (
          await repos.archiveRequests.items(access.libraryId, row.id)
        ).map(toArchiveEntry)
        if (entries.length === 0) throw new DomainError('archive_request_empty')
        const masks = (await repos.archiveRequests.masks(row.id)).map(toMask)
        const locale = library.locale === 'en' ? 'en' : 'sv'
        const releasedAt = now()
        const meta = {
          library: { id: library.id, name: library.name },
          request: {
            id: row.id,
            diarienummer: row.diarienummer,
            receivedAt: row.received_at,
            description: row.description,
          },
          releasedAt,
          releasedBy: await memberName(repos, access.userId),
          locale,
        } as const
        const released = releasedEntries(entries, masks, locale)
        let body: Uint8Array
        if (format === 'json') body = releaseJson(meta, released)
        else {
          // pdfkit and its fonts load on the first release, not at start.
          const { renderReleasePdf } = await import('../../documents/release-pdf.js')
          body = await renderReleasePdf({ ...meta, timeZone: library.time_zone }, released)
        }
        const releaseId = newId()
        const fileSha256 = sha256Hex(body)
        await repos.archiveRequests.insertRelease({
          id: releaseId,
          request_id: row.id,
          format,
          released_at: releasedAt,
          released_by: access.userId,
          released_by_name: meta.releasedBy,
          entries: JSON.stringify(entries.map((e) => ({ id: e.id, hash: e.hash }))),
          mask_ids: JSON.stringify(masks.map((m) => m.id)),
          file_sha256: fileSha256,
          byte_size: body.byteLength,
        })
        if (row.state === 'open')
          await repos.archiveRequests.setState(
            access.libraryId,
            row.id,
            'released',
            null,
            releasedAt,
          )
        await auditIn(repos, access, {
          action: 'export.archive_release',
          target: { type: 'archive_request', id: row.id, label: row.diarienummer },
          details: { format, entries: entries.length, masks: masks.length },
        })
        return {
          releaseId,
          filename: `utlamnande-${safeName(row.diarienummer)}.${format}`,
          contentType: format === 'pdf' ? 'application/pdf' : 'application/json; charset=utf-8',
          body,
        }
      })
    },

    /** Closes the request, or refuses it (a decision that can be appealed; the note gives the ground). */
    async decide(
      access: LibraryAccess<'archive.release'>,
      id: string,
      input: DecideRequest,
    ): Promise<ArchiveRequest> {
      return store.transaction(async (repos) => {
        const row = await load(repos, access.libraryId, id)
        if (row.state === 'closed' || row.state === 'refused')
          throw new DomainError('archive_request_finished')
        // What was released cannot be refused afterwards; it can only be closed.
        if (input.outcome === 'refused' && row.state !== 'open')
          throw new DomainError('archive_request_not_open')
        await repos.archiveRequests.setState(
          access.libraryId,
          row.id,
          input.outcome,
          input.note,
          now(),
        )
        return detail(repos, (await repos.archiveRequests.find(access.libraryId, row.id))!)
      })
    },

    /** For weeding: of these entries, those an open request holds. */
    entriesUnderOpenRequests(libraryId: string, entryIds: readonly string[]) {
      return store.repos.archiveRequests.entriesUnderOpenRequests(libraryId, entryIds)
    },
  }
}
export type ArchiveRequestService = ReturnType<typeof archiveRequestService>
