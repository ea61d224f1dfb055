import { rm } from 'node:fs/promises'
import { Worker } from 'node:worker_threads'
import type { ErrorCode } from '../../../core/errors.js'
import {
  ArchivePackageError,
  type DeliveryPackageOptions,
  type DeliveryPackageResult,
} from '../../archive/package/write-package.js'

/**
 * The young generation of the thread that writes a package. V8 grows a busy thread's
 * young generation towards 64 MB the longer it allocates, and the garbage buffers of
 * the media it has written wait for it: a process that exported 100,000 entries ended
 * twice the size of one that exported 10,000. Bounded, the package's memory is the same
 * for a week or a decade.
 */
const YOUNG_MB = 16
/** Room for what grows with the package: the set of media hashes already written. */
const OLD_MB = 512

/** What the thread needs to read the period itself: where the database is, and what to write. */
export interface ExportJob {
  database: { url: string | undefined; sqlitePath: string }
  libraryId: string
  /** UTC instants on occurred_at: from (included), to (excluded). */
  from: string
  to: string
  out: string
  metadata: DeliveryPackageOptions['metadata']
}

export type ExportOutcome =
  | { kind: 'created' }
  | { kind: 'done'; result: DeliveryPackageResult }
  | { kind: 'failed'; code: ErrorCode; reason: string }

function workerFile(): { url: URL; execArgv: string[] } {
  // Under the tests the sources are TypeScript; the built server runs the compiled file.
  if (import.meta.url.endsWith('.ts'))
    return { url: new URL('./export-worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] }
  return { url: new URL('./export-worker.js', import.meta.url), execArgv: [] }
}

/**
 * Writes a delivery package in a worker thread of bounded memory that reads the entries
 * and media from the database with a connection of its own: the process that serves
 * everyone else neither grows with the package nor waits on its hashing. Failures are
 * the writer's own (storage_full, archive_export_exists …); a thread that dies leaves
 * no partial file behind either.
 */
export function exportIsolated(job: ExportJob): Promise<DeliveryPackageResult> {
  const { url, execArgv } = workerFile()
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, {
      workerData: job,
      execArgv,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB, maxOldGenerationSizeMb: OLD_MB },
      stdout: false,
      stderr: false,
    })
    let created = false
    let settled = false
    const settle = (outcome: () => void) => {
      if (settled) return
      settled = true
      outcome()
    }
    // Only a file this export made is removed: one that was there before is never touched.
    const died = (reason: string, cause?: unknown) =>
      settle(() => {
        const removed = created ? rm(job.out, { force: true }) : Promise.resolve()
        void removed.finally(() =>
          reject(new ArchivePackageError('archive_export_failed', reason, { cause })),
        )
      })
    worker.on('message', (message: ExportOutcome) => {
      if (message.kind === 'created') created = true
      else if (message.kind === 'done') settle(() => resolve(message.result))
      else settle(() => reject(new ArchivePackageError(message.code, message.reason)))
    })
    worker.on('error', (error: Error & { code?: string }) =>
      died(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out_of_memory' : error.message, error),
    )
    worker.on('exit', () => died('stopped'))
  })
}
