import type { Config } from '../config/config.js'
import { openDatabase } from '../db/database.js'
import { migrateToLatest } from '../db/migrate.js'
import { createStore } from '../repos/index.js'
import path from 'node:path'
import { DomainError, errorMessage } from '../../core/errors.js'
import { torgetVersion } from '../paths.js'
import { commandLineActor } from '../services/audit-service.js'
import { type ChainReport, archiveService } from '../services/archive/archive-service.js'
import { archiveExportService } from '../services/archive/export-service.js'
import { reportQuerySchema } from '../../core/schemas/archive-weeding.js'
import { archiveReportService } from '../services/archive/report-service.js'

export const ARCHIVE_HELP = `torget archive verify [--library ID]
  checks every library's archive chain (or one library's): each entry's content
  against its hash and each hash against the one before; exits 1 at the first break
torget archive export --library ID --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.tar
  writes the records of the period (days in the library's time zone, both included)
  as a delivery package for the archive authority (FGS Paketstruktur 2.0); an
  existing file is never overwritten
torget archive report --library ID --month YYYY-MM
  the month's archive report as JSON: items captured (by class and channel),
  deleted on the network, moderated, released and weeded`

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
  options: {
    library?: string | undefined
    from?: string | undefined
    to?: string | undefined
    out?: string | undefined
    month?: string | undefined
  },
): Promise<number> {
  if (subcommand === 'export') return exportCommand(config, options)
  if (subcommand === 'report') return reportCommand(config, options)
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

async function exportCommand(
  config: Config,
  options: {
    library?: string | undefined
    from?: string | undefined
    to?: string | undefined
    out?: string | undefined
  },
): Promise<number> {
  const { library, from, to, out } = options
  if (!library || !from || !to || !out) {
    console.error(`archive export needs --library, --from, --to and --out.\n\n${ARCHIVE_HELP}`)
    return 2
  }
  const database = openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath })
  try {
    await migrateToLatest(database.db)
    const store = createStore(database.db)
    if (!(await store.repos.libraries.findById(library))) {
      console.error(`There is no library with the id ${library}.`)
      return 2
    }
    const exporter = archiveExportService({
      store,
      version: torgetVersion(),
      workDir: path.join(config.dataDir, 'exports'),
      database: { url: config.databaseUrl, sqlitePath: config.sqlitePath },
    })
    const actor = commandLineActor('archive export')
    const result = await exporter.write(library, { from, to }, path.resolve(out), {
      ...actor,
      libraryId: library,
      name: actor.actorName ?? null,
    })
    console.log(
      `Wrote ${path.resolve(out)}: ${result.entries} entries, ${result.mediaFiles} media files${
        result.missingMedia ? ` (${result.missingMedia} no longer held)` : ''
      }, ${result.files} files, ${(result.bytes / 1e6).toFixed(1)} MB. SHA-256 of the package: ${result.sha256}`,
    )
    return 0
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(errorMessage(error.code, 'en'))
      return 1
    }
    throw error
  } finally {
    await database.close()
  }
}

async function reportCommand(
  config: Config,
  options: { library?: string | undefined; month?: string | undefined },
): Promise<number> {
  const month = reportQuerySchema.safeParse({ month: options.month })
  if (!options.library || !options.month || !month.success) {
    console.error(`Give the library and the month (YYYY-MM).\n\n${ARCHIVE_HELP}`)
    return 2
  }
  const database = openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath })
  try {
    await migrateToLatest(database.db)
    const store = createStore(database.db)
    if (!(await store.repos.libraries.findById(options.library))) {
      console.error(`There is no library with the id ${options.library}.`)
      return 2
    }
    const report = await archiveReportService({ store }).monthly(options.library, month.data.month)
    console.log(JSON.stringify(report, null, 2))
    return 0
  } finally {
    await database.close()
  }
}
