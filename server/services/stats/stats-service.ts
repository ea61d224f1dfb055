import type { Locale } from '../../../core/locale.js'
import type {
  StatsChart,
  StatsDashboard,
  StatsPeriodInput,
  StatsQuery,
} from '../../../core/schemas/stats.js'
import { type Clock, systemClock } from '../../clock.js'
import type { StoreOf } from '../../repos/index.js'
import type { LibraryAccess } from '../access.js'

/** A chart's data as a file: semicolons, CRLF, UTF-8 with a byte-order mark (Excel). */
export interface StatsCsvFile {
  filename: string
  body: string
}

/**
 * The Statistik page's figures for one library, one period (days in the
 * library's time zone) and the chosen channels, read from the rollups
 * (migration 024) and the networks' own counts (migration 022). Every
 * formula is in docs/statistics.md.
 */
export interface StatsService {
  /** Everything the Statistik page shows. */
  dashboard(access: LibraryAccess<'stats.read'>, query: StatsQuery): Promise<StatsDashboard>
  /** One chart's data as CSV, in the member's language. */
  csv(
    access: LibraryAccess<'stats.read'>,
    query: StatsQuery,
    chart: StatsChart,
    locale: Locale,
  ): Promise<StatsCsvFile>
  /**
   * The same figures for a job acting for the library itself (the monthly
   * report), which has no member. Never call it from a request: a route has
   * `dashboard` and an access.
   */
  forLibrary(libraryId: string, period: StatsPeriodInput): Promise<StatsDashboard>
}

export function statsService(deps: { store: StoreOf<'libraries'>; clock?: Clock }): StatsService {
  const clock = deps.clock ?? systemClock
  void clock
  const notYet = () => Promise.reject(new Error('statistics are being built'))
  return { dashboard: notYet, csv: notYet, forLibrary: notYet }
}
