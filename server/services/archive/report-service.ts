import { DomainError } from '../../../core/errors.js'
import type { ArchiveReport } from '../../../core/schemas/archive-weeding.js'
import { utcToZoned, zonedToUtc } from '../../../core/time/zoned.js'
import { type Clock, systemClock } from '../../clock.js'
import type { Repos, StoreOf } from '../../repos/index.js'
import type { LibraryAccess } from '../access.js'

type ReportRepos = Pick<Repos, 'archive' | 'archiveWeeding' | 'archiveRequests' | 'libraries'>

/** Releases (utlämnanden) in [from, to), as the requests for public records logged them. */
export type ReleaseCount = (
  repos: ReportRepos,
  libraryId: string,
  from: string,
  to: string,
) => Promise<number>

const loggedReleases: ReleaseCount = (repos, libraryId, from, to) =>
  repos.archiveRequests.releasesBetween(libraryId, from, to)

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** The archive's monthly report: what came in, what befell it, what went out and what was weeded. */
export function archiveReportService({
  store,
  releases = loggedReleases,
  clock = systemClock,
}: {
  store: StoreOf<keyof ReportRepos>
  releases?: ReleaseCount
  clock?: Clock
}) {
  const service = {
    async monthly(libraryId: string, requested?: string): Promise<ArchiveReport> {
      const library = await store.repos.libraries.findById(libraryId)
      if (!library) throw new DomainError('library_not_found')
      const month = requested ?? utcToZoned(clock.now(), library.time_zone).date.slice(0, 7)
      // The month as the library lives it: from its first midnight to the next month's.
      const from = zonedToUtc(`${month}-01`, '00:00', library.time_zone).toISOString()
      const to = zonedToUtc(`${nextMonth(month)}-01`, '00:00', library.time_zone).toISOString()
      const rows = await store.repos.archive.capturedCounts(libraryId, from, to)
      const byClass = { upprattad: 0, inkommen: 0 }
      const byChannel = new Map<string | null, number>()
      const byKind = new Map<string, number>()
      let total = 0
      for (const r of rows) {
        const n = Number(r.n)
        // Only what was captured as a record: amendments are counted by what befell the items.
        if (r.kind === 'post_published' || r.kind === 'item_received') {
          total += n
          if (r.record_class === 'upprattad' || r.record_class === 'inkommen')
            byClass[r.record_class] += n
          byChannel.set(r.channel_id, (byChannel.get(r.channel_id) ?? 0) + n)
        }
        byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + n)
      }
      const decisions = await store.repos.archiveWeeding.decisionsBetween(libraryId, from, to)
      return {
        libraryId,
        month,
        from,
        to,
        captured: {
          total,
          byClass,
          byChannel: [...byChannel].map(([channelId, count]) => ({ channelId, count })),
        },
        deletedOnNetwork: byKind.get('item_deleted') ?? 0,
        moderated: byKind.get('moderation') ?? 0,
        released: await releases(store.repos, libraryId, from, to),
        weeded: decisions.reduce((sum, d) => sum + Number(d.entry_count), 0),
        decisions: decisions.map((d) => ({
          id: d.id,
          reference: d.reference,
          entries: Number(d.entry_count),
        })),
      }
    },
    report(access: LibraryAccess<'archive.read'>, month: string | undefined) {
      return service.monthly(access.libraryId, month)
    },
  }
  return service
}
export type ArchiveReportService = ReturnType<typeof archiveReportService>
