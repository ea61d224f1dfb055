import type { Config } from '../config/config.js'
import { openDatabase } from '../db/database.js'
import { migrateToLatest } from '../db/migrate.js'
import { createStore } from '../repos/index.js'
import { type ChainReport, archiveService } from '../services/archive/archive-service.js'

export const ARCHIVE_HELP = `torget archive verify [--library ID]
  checks every library's archive chain (or one library's): each entry's content
  against its hash and each hash against the one before; exits 1 at the first break`

/** One line per library, in plain words. */
export function describeReport(report: ChainReport): string {
  if (report.ok)
    return `Library ${report.libraryId}: the archive is whole — ${report.entries} entries checked${
      report.weeded ? ` (${report.weeded} weeded under a decision, their hashes kept)` : ''
    }.`
  return `Library ${report.libraryId}: the archive is BROKEN at entry ${report.brokenAt}: ${report.problem}. The ${report.entries} entries before it are whole.`
}

export async function archiveCommand(
  config: Config,
  subcommand: string | undefined,
  options: { library?: string | undefined },
): Promise<number> {
  if (subcommand !== 'verify') {
    console.error(`Unknown archive command "${subcommand ?? ''}".\n\n${ARCHIVE_HELP}`)
    return 2
  }
  const database = openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath })
  try {
    await migrateToLatest(database.db)
    const store = createStore(database.db)
    if (options.library && !(await store.repos.libraries.findById(options.library))) {
      console.error(`There is no library with the id ${options.library}.`)
      return 2
    }
    const reports = await archiveService({ store }).verify(options.library)
    if (reports.length === 0) console.log('There is nothing in the archive yet.')
    for (const report of reports) console.log(describeReport(report))
    return reports.every((r) => r.ok) ? 0 : 1
  } finally {
    await database.close()
  }
}
