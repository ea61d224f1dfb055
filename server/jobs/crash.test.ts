import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { availableDialects, createTestDatabase, type TestDatabase } from '../test/databases.js'
import type { JobContext } from './queue.js'
import { crashJob, queueFactory, waitFor } from './test-fixtures/helpers.js'

const dialects = await availableDialects()
const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const worker = path.join(here, 'test-fixtures', 'crash-worker.ts')

interface WorkerEvent {
  event: string
  pid: number
  attempt?: number
}

/**
 * Node with tsx's loader rather than the tsx CLI: the CLI runs the script in a child process
 * of its own, so a SIGKILL would hit the CLI and leave the real worker running.
 */
function startWorker(args: string[]): { child: ChildProcess; next(event: string): Promise<WorkerEvent> } {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  const events: WorkerEvent[] = []
  readline.createInterface({ input: child.stdout! }).on('line', (line) => events.push(JSON.parse(line) as WorkerEvent))
  return {
    child,
    async next(event) {
      await waitFor(() => events.some((e) => e.event === event) || child.exitCode !== null, 20_000, `worker event ${event}`)
      const found = events.find((e) => e.event === event)
      if (!found) throw new Error(`The worker exited (${child.exitCode}) before ${event}`)
      return found
    },
  }
}

describe.each(dialects)('a worker process killed mid-job on %s', (dialect) => {
  let database: TestDatabase
  const queues = queueFactory(() => database)
  const children: ChildProcess[] = []

  beforeAll(async () => {
    database = await createTestDatabase(dialect)
  })
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await queues.closeAll()
  })
  afterAll(() => database.drop())

  it('leaves its job to another process once the lease runs out', async () => {
    const name = `crash-${dialect}`
    const survivor = queues.open()
    const runs: JobContext[] = []
    const job = crashJob(name, async (_payload, context) => {
      runs.push(context)
    })
    await survivor.send(job, { n: 1 }, { key: 'doomed' })

    const { child, next } = startWorker([dialect, database.sqlitePath, database.url ?? '-', name])
    children.push(child)
    const started = await next('started')
    const startedAt = Date.now()
    expect(started.pid).toBe(child.pid)
    expect(started.attempt).toBe(1)
    expect(await survivor.status(job, 'doomed')).toMatchObject({ state: 'active', attempts: 1 })

    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited

    await survivor.work([job])
    await waitFor(async () => (await survivor.status(job, 'doomed'))?.state === 'completed', 15_000, 'the job to complete')
    expect(runs.map((run) => run.attempt)).toEqual([2])
    // Not before the dead worker's lease (timeoutSeconds: 2) ran out.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1500)
    expect(await survivor.status(job, 'doomed')).toMatchObject({ state: 'completed', attempts: 2 })
  })
})
