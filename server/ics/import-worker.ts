/** The worker thread of `importIcsIsolated`: reads one file and posts the outcome back. */
import { parentPort, workerData } from 'node:worker_threads'
import { IcsError } from './errors.js'
import { type IcsImportOptions, importIcs } from './import-ics.js'

const { input, options } = workerData as { input: Uint8Array; options: IcsImportOptions }
try {
  parentPort!.postMessage({ ok: true, result: importIcs(input, options) })
} catch (error) {
  if (!(error instanceof IcsError)) throw error
  parentPort!.postMessage({ ok: false, code: error.code, message: error.message })
}
