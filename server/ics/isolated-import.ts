import { Worker } from 'node:worker_threads'
import { IcsError, type IcsErrorCode } from './errors.js'
import { ICS_IMPORT_DEFAULTS, type IcsImportOptions } from './import-ics.js'
import type { IcsImport } from './occurrence.js'

/**
 * Heap of the thread that reads one file. The 5 MB a file may have fits with
 * room to spare; a file built to exhaust memory ends that thread, not the
 * server that every library shares.
 */
const HEAP_MB = 160
/** Beyond the file's own time budget: starting the thread and parsing, which cannot be interrupted. */
const GRACE_MS = 5_000

// One file at a time per process: imports are rare, and two hostile files must not double the memory.
let queue: Promise<unknown> = Promise.resolve()

/**
 * `importIcs` in a worker thread with bounded memory and a hard deadline, so
 * the process keeps answering (health checks, other libraries) while a file
 * is read, and a hostile file costs at most one thread's heap.
 */
export function importIcsIsolated(
  input: string | Uint8Array,
  options: IcsImportOptions,
): Promise<IcsImport> {
  const run = queue.then(() => inWorker(input, options))
  queue = run.catch(() => undefined)
  return run
}

function workerFile(): { url: URL; execArgv: string[] } {
  // Under the tests the sources are TypeScript; the built server runs the compiled file.
  if (import.meta.url.endsWith('.ts')) {
    return { url: new URL('./import-worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] }
  }
  return { url: new URL('./import-worker.js', import.meta.url), execArgv: [] }
}

function inWorker(input: string | Uint8Array, options: IcsImportOptions): Promise<IcsImport> {
  const { url, execArgv } = workerFile()
  const budgetMs = options.timeBudgetMs ?? ICS_IMPORT_DEFAULTS.timeBudgetMs
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, {
      workerData: { input, options },
      execArgv,
      resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: 16 },
      stdout: false,
      stderr: false,
    })
    let settled = false
    const settle = (outcome: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      outcome()
      void worker.terminate()
    }
    const refuse = (code: IcsErrorCode, message: string) =>
      settle(() => reject(new IcsError(code, message)))
    const timer = setTimeout(
      () => refuse('too_complex', `Reading the file took longer than ${budgetMs} ms`),
      budgetMs + GRACE_MS,
    )
    worker.on(
      'message',
      (
        message:
          { ok: true; result: IcsImport } | { ok: false; code: IcsErrorCode; message: string },
      ) =>
        message.ok ? settle(() => resolve(message.result)) : refuse(message.code, message.message),
    )
    worker.on('error', (error: Error & { code?: string }) =>
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? refuse('too_complex', `Reading the file needed more than ${HEAP_MB} MB`)
        : settle(() => reject(error)),
    )
    worker.on('exit', () =>
      settle(() => reject(new Error('The calendar reader stopped without an answer'))),
    )
  })
}
