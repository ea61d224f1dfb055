/** The worker thread of `exportIsolated`: reads the period from the database itself and writes the package. */
import { parentPort, workerData } from 'node:worker_threads'
import { sql } from 'kysely'
import { DomainError } from '../../../core/errors.js'
import { openDatabase } from '../../db/database.js'
import { writeDeliveryPackage } from '../../archive/package/write-package.js'
import { archiveRepo } from '../../repos/archive-repo.js'
import { archiveMedia, periodEntries } from './export-source.js'
import type { ExportJob, ExportOutcome } from './isolated-export.js'

const job = workerData as ExportJob
const post = (outcome: ExportOutcome) => parentPort!.postMessage(outcome)
const database = openDatabase(job.database)
try {
  // The period is read once, in order: the page cache a server keeps for its queries would only fill.
  if (database.dialect === 'sqlite') await sql`pragma cache_size = -8192`.execute(database.db)
  const archive = archiveRepo(database.db)
  const result = await writeDeliveryPackage({
    out: job.out,
    metadata: job.metadata,
    entries: periodEntries(archive, job.libraryId, job.from, job.to),
    media: archiveMedia(archive, job.libraryId),
    created: () => post({ kind: 'created' }),
  })
  post({ kind: 'done', result })
} catch (error) {
  if (!(error instanceof DomainError)) throw error
  post({ kind: 'failed', code: error.code, reason: error.reason ?? '' })
} finally {
  await database.close()
}
