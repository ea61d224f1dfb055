import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { availableDialects, createTestDatabase, type TestDatabase } from '../test/databases.js'
import type { JobContext } from './queue.js'
import { processJob, queueFactory, waitFor } from './test-fixtures/helpers.js'

const dialects = await availableDialects()
const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const script = path.join(here, 'test-fixtures', 'worker-process.ts')

interface WorkerEvent {
  event: string
  pid: number
  n?: number
  attempt?: number
}

interface WorkerProcess {
  child: ChildProcess
  events: WorkerEvent[]
  next(event: string): Promise<WorkerEvent>
  kill(): Promise<void>
}

/**
 * Node with tsx's loader rather than the tsx CLI: the CLI runs the script in a child process
 * of its own, so a SIGKILL would hit the CLI and leave the real worker running.
 */
function startWorker(args: string[]): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const events: WorkerEvent[] = []
  readline
    .createInterface({ input: child.stdout! })
    .on('line', (line) => events.push(JSON.parse(line) as WorkerEvent))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    child,
    events,
    async next(event) {
      await waitFor(
        () => events.some((e) => e.event === event) || child.exitCode !== null,
        20_000,
        `worker event ${event}`,
      )
      const found = events.find((e) => e.event === event)
      if (!found) throw new Error(`The worker exited (${child.exitCode}) before ${event}`)
      return found
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}

describe.each(dialects)('worker processes on %s', (dialect) => {
  let database: TestDatabase
  const queues = queueFactory(() => database)
  const workers: WorkerProcess[] = []
  const start = (mode: 'hang' | 'run', name: string) => {
    const worker = startWorker([mode, dialect, database.sqlitePath, database.url ?? '-', name])
    workers.push(worker)
    return worker
  }

  beforeAll(async () => {
    database = await createTestDatabase(dialect)
  })
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.kill()))
    await queues.closeAll()
  })
  afterAll(() => database.drop())

  it('hand a SIGKILLed worker’s job to another process once its lease runs out', async () => {
    const name = `crash-${dialect}`
    const survivor = queues.open()
    const runs: JobContext[] = []
    const job = processJob(name, async (_payload, context) => {
      runs.push(context)
    })
    await survivor.send(job, { n: 1 }, { key: 'doomed' })

    const doomed = start('hang', name)
    const started = await doomed.next('started')
    const startedAt = Date.now()
    expect(started.pid).toBe(doomed.child.pid)
    expect(started.attempt).toBe(1)
    expect(await survivor.status(job, 'doomed')).toMatchObject({ state: 'active', attempts: 1 })
    await doomed.kill()

    await survivor.work([job])
    await waitFor(
      async () => (await survivor.status(job, 'doomed'))?.state === 'completed',
      15_000,
      'the job to complete',
    )
    expect(runs.map((run) => run.attempt)).toEqual([2])
    // Not before the dead worker's lease (timeoutSeconds: 1) ran out.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(800)
    expect(await survivor.status(job, 'doomed')).toMatchObject({ state: 'completed', attempts: 2 })
  })

  it('run each of 60 jobs exactly once across three processes', async () => {
    const name = `shared-${dialect}`
    const sender = queues.open()
    const job = processJob(name, async () => {})
    const workerProcesses = [start('run', name), start('run', name), start('run', name)]
    await Promise.all(workerProcesses.map((worker) => worker.next('ready')))
    await Promise.all(
      Array.from({ length: 60 }, (_, n) => sender.send(job, { n }, { key: `k${n}` })),
    )
    const runs = () =>
      workerProcesses.flatMap((worker) => worker.events.filter((e) => e.event === 'started'))
    await waitFor(() => runs().length >= 60, 20_000, '60 runs')
    await waitFor(async () => (await sender.status(job, 'k59'))?.state === 'completed')
    const counts = new Map<number, number>()
    for (const run of runs()) counts.set(run.n!, (counts.get(run.n!) ?? 0) + 1)
    expect(counts.size).toBe(60)
    expect([...counts.values()].filter((count) => count !== 1)).toEqual([])
    expect(
      workerProcesses.filter((worker) => worker.events.some((e) => e.event === 'started')).length,
    ).toBeGreaterThan(1)
  })
})
