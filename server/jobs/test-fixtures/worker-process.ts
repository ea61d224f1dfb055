// A worker process for processes.test.ts, reporting on stdout one JSON line per event.
// Usage: node --import tsx worker-process.ts <hang|run> <sqlite|postgres> <sqlitePath> <databaseUrl|-> <jobName>
// hang: takes one job and never finishes it (the test kills the process); run: runs jobs until killed.
import { openDatabase } from '../../db/database.js'
import { createJobQueue } from '../create-queue.js'
import { FAST, processJob, silentLogger, sleep } from './helpers.js'

const [mode, dialect, sqlitePath, url, name] = process.argv.slice(2)
if (
  (mode !== 'hang' && mode !== 'run') ||
  (dialect !== 'sqlite' && dialect !== 'postgres') ||
  !sqlitePath ||
  !url ||
  !name
) {
  throw new Error(
    'usage: worker-process.ts <hang|run> <sqlite|postgres> <sqlitePath> <databaseUrl|-> <jobName>',
  )
}
const databaseUrl = url === '-' ? undefined : url
const database = openDatabase({ url: databaseUrl, sqlitePath })
const queue = createJobQueue({
  dialect,
  db: database.db,
  databaseUrl,
  logger: silentLogger,
  ...FAST,
})

function report(event: Record<string, unknown>) {
  process.stdout.write(`${JSON.stringify({ ...event, pid: process.pid })}\n`)
}

await queue.work([
  processJob(name, async (payload, context) => {
    report({ event: 'started', n: payload.n, attempt: context.attempt })
    if (mode === 'hang') await new Promise(() => {})
    await sleep(20)
  }),
])
report({ event: 'ready' })
