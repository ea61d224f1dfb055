import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { availableDialects, createTestDatabase, type TestDatabase } from '../test/databases.js'
import { type JobContext, type JobDefinition, defineJob } from './queue.js'
import { SqliteJobQueue } from './sqlite-queue.js'
import { frozenClock } from '../test/clock.js'
import { barrier, queueFactory, sleep, waitFor } from './test-fixtures/helpers.js'

const dialects = await availableDialects()
let sequence = 0

/** A job of a fresh name whose runs are recorded; the handler may be replaced. */
function recordedJob(overrides: Partial<JobDefinition> = {}) {
  const runs: Array<{ payload: unknown; context: JobContext; at: number }> = []
  const job = defineJob({
    name: `test-job-${++sequence}`,
    payload: z.object({ n: z.string().transform(Number) }),
    retries: 0,
    retryDelaySeconds: 0,
    timeoutSeconds: 30,
    async handle() {},
    ...overrides,
  })
  const handle = job.handle
  job.handle = async (payload, context) => {
    runs.push({ payload, context, at: Date.now() })
    await handle(payload, context)
  }
  return { job, runs }
}

/** The payload of barrier runs, left out of what a test counts. */
const BARRIER = { n: '-1' }
function counted<T extends { payload: unknown }>(runs: T[]): T[] {
  return runs.filter((run) => (run.payload as { n: number }).n !== -1)
}

describe.each(dialects)('job queue on %s', (dialect) => {
  let database: TestDatabase
  const queues = queueFactory(() => database)

  beforeAll(async () => {
    database = await createTestDatabase(dialect)
  })
  afterEach(() => queues.closeAll())
  afterAll(() => database.drop())

  it('runs a sent job once, with the payload as the schema parses it', async () => {
    const queue = queues.open()
    const { job, runs } = recordedJob()
    await queue.work([job])
    await queue.send(job, { n: '41' }, { key: 'a' })
    await waitFor(async () => (await queue.status(job, 'a'))?.state === 'completed')
    await barrier(queue, job, BARRIER)
    expect(counted(runs)).toHaveLength(1)
    expect(runs[0]!.payload).toEqual({ n: 41 })
    expect(runs[0]!.context.attempt).toBe(1)
    expect(await queue.status(job, 'a')).toMatchObject({
      state: 'completed',
      attempts: 1,
      lastError: null,
    })
  })

  it('rejects an invalid payload at send and queues nothing', async () => {
    const queue = queues.open()
    const { job } = recordedJob()
    await expect(queue.send(job, { n: 5 } as never, { key: 'bad' })).rejects.toThrow()
    expect(await queue.status(job, 'bad')).toBeUndefined()
  })

  it('queues the same key once, even sent again after it ran', async () => {
    const queue = queues.open()
    const { job, runs } = recordedJob()
    await queue.send(job, { n: '1' }, { key: 'same' })
    await queue.send(job, { n: '2' }, { key: 'same' })
    await queue.send(job, { n: '3' }, { key: 'other' })
    await queue.work([job])
    await waitFor(async () => (await queue.status(job, 'same'))?.state === 'completed')
    await queue.send(job, { n: '4' }, { key: 'same' })
    await waitFor(() => runs.length >= 2)
    await barrier(queue, job, BARRIER)
    expect(counted(runs).map((run) => run.payload)).toEqual(
      expect.arrayContaining([{ n: 1 }, { n: 3 }]),
    )
    expect(counted(runs)).toHaveLength(2)
  })

  it('does not run a job before its runAt', async () => {
    const queue = queues.open()
    const { job, runs } = recordedJob()
    await queue.work([job])
    const runAt = new Date(Date.now() + 1000)
    await queue.send(job, { n: '1' }, { key: 'later', runAt })
    await barrier(queue, job, BARRIER)
    expect(counted(runs)).toHaveLength(0)
    expect(await queue.status(job, 'later')).toMatchObject({ state: 'pending', attempts: 0 })
    await waitFor(() => counted(runs).length === 1, 5000)
    expect(counted(runs)[0]!.at).toBeGreaterThanOrEqual(runAt.getTime())
  })

  it('retries a failing handler, then marks the job failed with the last error', async () => {
    const queue = queues.open()
    const { job, runs } = recordedJob({
      retries: 2,
      async handle(_payload, context) {
        throw new Error(`boom ${context.attempt}`)
      },
    })
    await queue.work([job])
    await queue.send(job, { n: '1' }, { key: 'fails' })
    await waitFor(async () => (await queue.status(job, 'fails'))?.state === 'failed', 8000)
    expect(runs.map((run) => run.context.attempt)).toEqual([1, 2, 3])
    const status = await queue.status(job, 'fails')
    expect(status).toMatchObject({ state: 'failed', attempts: 3 })
    expect(status!.lastError).toContain('boom 3')
  })

  it('waits the backoff delay before a retry', async () => {
    const queue = queues.open()
    const { job, runs } = recordedJob({
      retries: 1,
      retryDelaySeconds: 1,
      async handle(_payload, context) {
        if (context.attempt === 1) throw new Error('first try fails')
      },
    })
    await queue.work([job])
    await queue.send(job, { n: '1' }, { key: 'backoff' })
    await waitFor(async () => (await queue.status(job, 'backoff'))?.state === 'completed', 8000)
    expect(runs).toHaveLength(2)
    // First retry waits between 1× and 2× the delay (jitter), plus polling.
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(950)
    expect(await queue.status(job, 'backoff')).toMatchObject({ state: 'completed', attempts: 2 })
  })

  it('fails a job at once when the payload no longer fits the schema at run', async () => {
    const queue = queues.open()
    const sent = defineJob({
      name: `test-job-${++sequence}`,
      payload: z.object({ n: z.number() }),
      retries: 3,
      retryDelaySeconds: 0,
      timeoutSeconds: 30,
      handle: async () => {},
    })
    const { job: stricter, runs } = recordedJob({
      name: sent.name,
      retries: 3,
      payload: z.object({ n: z.number().min(10) }),
    })
    await queue.send(sent, { n: 1 }, { key: 'old-shape' })
    await queue.work([stricter])
    await waitFor(async () => (await queue.status(stricter, 'old-shape'))?.state === 'failed')
    expect(runs).toHaveLength(0)
    const status = await queue.status(stricter, 'old-shape')
    expect(status).toMatchObject({ state: 'failed', attempts: 1 })
    expect(status!.lastError).toContain('invalid payload')
  })

  it('cancels a waiting job, which then never runs, and frees its key', async () => {
    const queue = queues.open()
    const { job, runs } = recordedJob()
    await queue.send(job, { n: '1' }, { key: 'withdrawn', runAt: new Date(Date.now() + 60_000) })
    expect(await queue.cancel(job, 'withdrawn')).toBe(true)
    expect(await queue.cancel(job, 'withdrawn')).toBe(false)
    expect(await queue.status(job, 'withdrawn')).toBeUndefined()
    await queue.send(job, { n: '2' }, { key: 'now' })
    expect(await queue.cancel(job, 'now')).toBe(true)
    await queue.work([job])
    // Sent after the cancelled one was due: when it has run, the cancelled one would have too.
    await queue.send(job, { n: '3' }, { key: 'withdrawn' })
    await waitFor(async () => (await queue.status(job, 'withdrawn'))?.state === 'completed')
    expect(runs.map((run) => run.payload)).toEqual([{ n: 3 }])
    expect(await queue.cancel(job, 'withdrawn')).toBe(false)
  })

  it('runs each of 50 jobs exactly once across two workers', async () => {
    const first = queues.open({ concurrency: 4 })
    const second = queues.open({ concurrency: 4 })
    const { job, runs } = recordedJob({ handle: () => sleep(40) })
    const byWorker = { first: 0, second: 0 }
    const countedBy = (worker: keyof typeof byWorker): JobDefinition => ({
      ...job,
      handle: async (payload, context) => {
        byWorker[worker]++
        await job.handle(payload, context)
      },
    })
    for (let i = 0; i < 50; i++) await first.send(job, { n: String(i) }, { key: `k${i}` })
    await Promise.all([first.work([countedBy('first')]), second.work([countedBy('second')])])
    // Every one completed: a second run of any would have started before its first one ended.
    await waitFor(
      async () =>
        (await Promise.all([...Array(50).keys()].map((i) => first.status(job, `k${i}`)))).every(
          (status) => status?.state === 'completed',
        ),
      15_000,
    )
    const perKey = new Map<number, number>()
    for (const run of runs) {
      const n = (run.payload as { n: number }).n
      perKey.set(n, (perKey.get(n) ?? 0) + 1)
    }
    expect(perKey.size).toBe(50)
    expect([...perKey.values()].every((count) => count === 1)).toBe(true)
    expect(runs).toHaveLength(50)
    expect(byWorker.first).toBeGreaterThan(0)
    expect(byWorker.second).toBeGreaterThan(0)
  })

  it('runs a job again on another worker when its worker hangs past the timeout', async () => {
    const stuck = queues.open({ concurrency: 1, stopTimeoutMs: 100 })
    const healthy = queues.open({ concurrency: 1 })
    const signals: AbortSignal[] = []
    const { job, runs } = recordedJob({ retries: 1, timeoutSeconds: 1 })
    const hanging: JobDefinition = {
      ...job,
      handle: async (payload, context) => {
        signals.push(context.signal)
        await job.handle(payload, context)
        await new Promise(() => {}) // never settles, and ignores its signal
      },
    }
    await stuck.work([hanging])
    await stuck.send(job, { n: '7' }, { key: 'stuck' })
    await waitFor(() => runs.length === 1)
    await healthy.work([job])
    await waitFor(async () => (await healthy.status(job, 'stuck'))?.state === 'completed', 10_000)
    expect(runs.map((run) => run.context.attempt)).toEqual([1, 2])
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(950)
    expect(signals[0]!.aborted).toBe(true)
  })

  it('stop() waits for a running handler to finish', async () => {
    const queue = queues.open()
    const observer = queues.open()
    let finished = false
    const { job, runs } = recordedJob({
      handle: async () => {
        await sleep(300)
        finished = true
      },
    })
    await queue.work([job])
    await queue.send(job, { n: '1' }, { key: 'graceful' })
    await waitFor(() => runs.length === 1)
    await queue.stop()
    expect(finished).toBe(true)
    expect(await observer.status(job, 'graceful')).toMatchObject({ state: 'completed' })
  })

  it('stop() aborts a handler that outlives the stop timeout and leaves the job to be retried', async () => {
    const queue = queues.open({ stopTimeoutMs: 300 })
    const observer = queues.open()
    const { job, runs } = recordedJob({
      retries: 1,
      handle: (_payload, context) =>
        new Promise((resolve) => context.signal.addEventListener('abort', () => resolve())),
    })
    await queue.work([job])
    await queue.send(job, { n: '1' }, { key: 'aborted' })
    await waitFor(() => runs.length === 1)
    const stopping = Date.now()
    await queue.stop()
    expect(Date.now() - stopping).toBeLessThan(5000)
    expect(runs[0]!.context.signal.aborted).toBe(true)
    expect(await observer.status(job, 'aborted')).toMatchObject({ state: 'pending', attempts: 1 })
  })
})

describe('the job queue on sqlite, by its clock', () => {
  let database: TestDatabase
  const queues = queueFactory(() => database)

  beforeAll(async () => {
    database = await createTestDatabase('sqlite')
  })
  afterEach(() => queues.closeAll())
  afterAll(() => database.drop())

  it('runs a job when the clock reaches its time, not before', async () => {
    const clock = frozenClock()
    const queue = queues.open({ clock })
    const { job, runs } = recordedJob()
    await queue.work([job])
    await queue.send(
      job,
      { n: '1' },
      { key: 'tomorrow', runAt: new Date(clock.now().getTime() + 86_400_000) },
    )
    await barrier(queue, job, BARRIER)
    expect(counted(runs)).toHaveLength(0)
    clock.advance(86_400_000)
    await barrier(queue, job, BARRIER)
    expect(counted(runs).map((run) => run.payload)).toEqual([{ n: 1 }])
  })
})

describe('job queue housekeeping on sqlite', () => {
  let database: TestDatabase
  const queues = queueFactory(() => database)

  beforeAll(async () => {
    database = await createTestDatabase('sqlite')
  })
  afterEach(() => queues.closeAll())
  afterAll(() => database.drop())

  it('purges finished jobs, which frees their keys', async () => {
    const queue = queues.open()
    const { job, runs } = recordedJob()
    await queue.work([job])
    await queue.send(job, { n: '1' }, { key: 'old' })
    await waitFor(async () => (await queue.status(job, 'old'))?.state === 'completed')
    const sqlite = queue as SqliteJobQueue
    expect(await sqlite.purgeFinished(new Date(Date.now() - 60_000))).toBe(0)
    expect(await sqlite.purgeFinished(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1)
    expect(await queue.status(job, 'old')).toBeUndefined()
    await queue.send(job, { n: '2' }, { key: 'old' })
    await waitFor(() => runs.length === 2)
  })
})
