import { DomainError } from '../../../core/errors.js'
import type { Comparison, MonthFigures } from '../../../core/schemas/reports.js'
import { MIN_PEERS, compareWithPeers } from '../../../core/stats/compare.js'
import { lastDay, monthOf, previousMonth } from '../../../core/stats/months.js'
import { utcToZoned } from '../../../core/time/zoned.js'
import type { Clock } from '../../clock.js'
import type { Store } from '../../repos/index.js'
import type { LibraryAccess } from '../access.js'
import { auditIn } from '../audit-service.js'
import type { FiguresService } from './figures.js'

/** The last whole month on a library's calendar, and the one it is in. */
export function monthsAt(now: Date, timeZone: string) {
  const current = monthOf(utcToZoned(now, timeZone).date)
  return { current, latest: previousMonth(current) }
}

/** A month a report or comparison may be asked for: one that has begun. */
export function assertBegun(month: string, now: Date, timeZone: string) {
  if (month > monthsAt(now, timeZone).current) throw new DomainError('report_month_not_over')
}

/**
 * Libraries compared by consent. A library sees its own month beside the
 * medians of the others that have opted in, and only while it has opted in
 * itself; nothing at all while fewer than three others have.
 */
export function compareService(deps: { store: Store; figures: FiguresService; clock: Clock }) {
  const { store, figures, clock } = deps

  async function peersMonth(month: string, except: string): Promise<MonthFigures[]> {
    const libraries = (await store.repos.reports.consenting()).filter((l) => l.id !== except)
    const months: MonthFigures[] = []
    for (const library of libraries) {
      // A library that did not exist yet that month has nothing to add to its median.
      if (utcToZoned(library.created_at, library.time_zone).date > lastDay(month)) continue
      months.push(await figures.month(await figures.context(library.id), month))
    }
    return months
  }

  return {
    peersMonth,

    async consent(access: LibraryAccess<'reports.read'> | LibraryAccess<'reports.manage'>) {
      const row = await store.repos.reports.findConsent(access.libraryId)
      return { optedIn: row !== undefined, since: row?.opted_in_at ?? null }
    },

    async setConsent(access: LibraryAccess<'reports.manage'>, optedIn: boolean) {
      await store.transaction(async (repos) => {
        const before = await repos.reports.findConsent(access.libraryId)
        if (optedIn === (before !== undefined)) return
        if (optedIn)
          await repos.reports.setConsent(access.libraryId, access.userId, clock.now().toISOString())
        else await repos.reports.removeConsent(access.libraryId)
        await auditIn(repos, access, {
          action: optedIn ? 'stats.comparison_joined' : 'stats.comparison_left',
        })
      })
      const row = await store.repos.reports.findConsent(access.libraryId)
      return { optedIn: row !== undefined, since: row?.opted_in_at ?? null }
    },

    async compare(access: LibraryAccess<'reports.read'>, month?: string): Promise<Comparison> {
      const ctx = await figures.context(access.libraryId)
      const chosen = month ?? monthsAt(clock.now(), ctx.timeZone).latest
      assertBegun(chosen, clock.now(), ctx.timeZone)
      const own = await figures.month(ctx, chosen)
      const optedIn = (await store.repos.reports.findConsent(access.libraryId)) !== undefined
      // Who else takes part is told only as a number, and only to a library that takes part.
      const peers = optedIn ? await peersMonth(chosen, access.libraryId) : []
      const result = compareWithPeers(own, peers)
      return {
        month: chosen,
        optedIn,
        peers: peers.length,
        minPeers: MIN_PEERS,
        shown: optedIn && result.shown,
        rows: result.rows,
      }
    },
  }
}
export type CompareService = ReturnType<typeof compareService>
