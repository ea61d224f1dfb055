import { z } from 'zod'
import { type DatabaseHandle, openDatabase } from '../../db/database.js'
import { createLogger } from '../../logger.js'
import type { TestDatabase } from '../../test/databases.js'
import { createJobQueue, type JobQueueTuning } from '../create-queue.js'
import { defineJob, type JobDefinition, type JobQueue } from '../queue.js'

export const silentLogger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent')

/** Short intervals so the suites stay fast; pg-boss allows no polling below 500 ms. */
export const FAST: JobQueueTuning = {
  pollIntervalMs: 100,
  stopTimeoutMs: 1000,
  superviseIntervalSeconds: 1,
}

/** Opens queues on one test database, each on a connection of its own, and closes them all. */
export function queueFactory(database: () => TestDatabase) {
  const queues: JobQueue[] = []
  const handles: DatabaseHandle[] = []
  return {
    open(tuning: JobQueueTuning = {}): JobQueue {
      const { url, sqlitePath, dialect } = database()
      // A connection of its own, as another worker process would have.
      const handle = openDatabase({ url, sqlitePath })
      handles.push(handle)
      const queue = createJobQueue({
        dialect,
        db: handle.db,
        databaseUrl: url,
        logger: silentLogger,
        ...FAST,
        ...tuning,
      })
      queues.push(queue)
      return queue
    },
    async closeAll() {
      await Promise.all(queues.splice(0).map((queue) => queue.stop()))
      await Promise.all(handles.splice(0).map((handle) => handle.close()))
    },
  }
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(20)
  }
}

/**
 * Sends one more run of `job` and waits until it has completed. A worker
 * takes due jobs oldest first, so whatever was due before the barrier has
 * been taken by then: a test shows that something did not run without
 * sleeping.
 */
export async function barrier<P extends z.ZodType>(
  queue: JobQueue,
  job: JobDefinition<P>,
  payload: z.input<P>,
): Promise<void> {
  const key = `barrier:${++barriers}`
  await queue.send(job, payload, { key })
  await waitFor(async () => (await queue.status(job, key))?.state === 'completed', 10_000, key)
}
let barriers = 0

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

const processPayload = z.object({ n: z.number() })

/** The job of processes.test.ts, defined once so worker processes and the test agree on its lease. */
export function processJob(name: string, handle: JobDefinition<typeof processPayload>['handle']) {
  return defineJob({
    name,
    payload: processPayload,
    retries: 1,
    retryDelaySeconds: 0,
    timeoutSeconds: 1,
    handle,
  })
}
