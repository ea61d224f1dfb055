// A worker process for crash.test.ts: it takes the job, reports, and hangs until killed.
// Usage: node --import tsx crash-worker.ts <sqlite|postgres> <sqlitePath> <databaseUrl|-> <jobName>
import { openDatabase } from '../../db/database.js'
import { createJobQueue } from '../create-queue.js'
import { crashJob, FAST, silentLogger } from './helpers.js'

const [dialect, sqlitePath, url, name] = process.argv.slice(2)
if ((dialect !== 'sqlite' && dialect !== 'postgres') || !sqlitePath || !url || !name) {
  throw new Error('usage: crash-worker.ts <sqlite|postgres> <sqlitePath> <databaseUrl|-> <jobName>')
}
const databaseUrl = url === '-' ? undefined : url
const database = openDatabase({ url: databaseUrl, sqlitePath })
const queue = createJobQueue({ dialect, db: database.db, databaseUrl, logger: silentLogger, ...FAST })

function report(event: Record<string, unknown>) {
  process.stdout.write(`${JSON.stringify({ ...event, pid: process.pid })}\n`)
}

await queue.work([
  crashJob(name, async (_payload, context) => {
    report({ event: 'started', attempt: context.attempt })
    await new Promise(() => {}) // the test kills this process mid-job
  }),
])
report({ event: 'ready' })
