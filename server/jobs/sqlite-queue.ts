import crypto from 'node:crypto'
import os from 'node:os'
import type { z } from 'zod'
import { type Clock, systemClock } from '../clock.js'
import type { Db } from '../db/database.js'
import type { Logger } from '../logger.js'
import { Alarm } from './alarm.js'
import { errorMessage, retryDelayMs } from './queue.js'
import type { JobDefinition, JobQueue, JobStatus, SendOptions } from './queue.js'
import { type JobRow, jobStore, type Outcome } from './sqlite-store.js'

export interface SqliteJobQueueOptions {
  db: Db
  logger: Logger
  /** Jobs this process runs at once, across all job names. */
  concurrency?: number
  /** Idle wait between looks for due jobs; a send in this process wakes the worker at once. */
  pollIntervalMs?: number
  /** How long stop() waits for running handlers before aborting them. */
  stopTimeoutMs?: number
  /** Finished jobs, and so their keys, are kept this long before the periodic purge. */
  retentionSeconds?: number
  /** What due and lease times are compared with. */
  clock?: Clock
}

interface Run {
  row: JobRow
  job: JobDefinition
  controller: AbortController
  done: Promise<void>
}

const PURGE_EVERY_MS = 60 * 60 * 1000

// Sends wake the workers of every queue on the same handle in this process, not only their own.
const alarms = new WeakMap<Db, Set<Alarm>>()

/** A durable queue in the application's SQLite file; several processes may work it at once. */
export class SqliteJobQueue implements JobQueue {
  readonly #db: Db
  readonly #store: ReturnType<typeof jobStore>
  readonly #log: Logger
  readonly #concurrency: number
  readonly #pollIntervalMs: number
  readonly #stopTimeoutMs: number
  readonly #retentionMs: number
  readonly #clock: Clock
  readonly #workerId = `${os.hostname()}/${process.pid}/${crypto.randomUUID().slice(0, 8)}`
  readonly #jobs = new Map<string, JobDefinition>()
  readonly #running = new Set<Run>()
  readonly #alarm = new Alarm()
  #loop: Promise<void> | undefined
  #stopping = false
  #stopped: Promise<void> | undefined
  #lastPurge = 0

  constructor(options: SqliteJobQueueOptions) {
    this.#db = options.db
    this.#clock = options.clock ?? systemClock
    this.#store = jobStore(options.db, this.#clock)
    this.#log = options.logger.child({ component: 'jobs', backend: 'sqlite' })
    this.#concurrency = options.concurrency ?? 4
    this.#pollIntervalMs = options.pollIntervalMs ?? 250
    this.#stopTimeoutMs = options.stopTimeoutMs ?? 10_000
    this.#retentionMs = (options.retentionSeconds ?? 7 * 24 * 3600) * 1000
  }

  async send<P extends z.ZodType>(
    job: JobDefinition<P>,
    payload: z.input<P>,
    options: SendOptions,
  ): Promise<void> {
    job.payload.parse(payload)
    const queued = await this.#store.insert({
      name: job.name,
      key: options.key,
      // The input, not the parsed output: the run parses it again, and transforms need their input.
      payload: JSON.stringify(payload ?? null),
      maxAttempts: job.retries + 1,
      runAt: options.runAt ?? this.#clock.now(),
    })
    if (queued) for (const alarm of alarms.get(this.#db) ?? []) alarm.wake()
  }

  cancel(job: Pick<JobDefinition, 'name'>, key: string): Promise<boolean> {
    return this.#store.deleteWaiting(job.name, key)
  }

  status(job: Pick<JobDefinition, 'name'>, key: string): Promise<JobStatus | undefined> {
    return this.#store.status(job.name, key)
  }

  /** Deletes completed and failed jobs finished before the given time; their keys become free. */
  purgeFinished(olderThan: Date): Promise<number> {
    return this.#store.purgeFinished(olderThan)
  }

  async work(jobs: readonly JobDefinition[]): Promise<void> {
    if (this.#stopping) throw new Error('The job queue is stopped')
    for (const job of jobs) this.#jobs.set(job.name, job)
    if (this.#loop) return
    let set = alarms.get(this.#db)
    if (!set) alarms.set(this.#db, (set = new Set()))
    set.add(this.#alarm)
    this.#loop = this.#poll()
  }

  stop(): Promise<void> {
    if (!this.#stopped) {
      this.#stopping = true
      this.#stopped = this.#shutdown()
    }
    return this.#stopped
  }

  async #poll(): Promise<void> {
    while (!this.#stopping) {
      let found = false
      try {
        if (this.#running.size < this.#concurrency) found = await this.#claimOne()
        const now = this.#clock.now().getTime()
        if (now - this.#lastPurge > PURGE_EVERY_MS) {
          this.#lastPurge = now
          const purged = await this.purgeFinished(new Date(now - this.#retentionMs))
          if (purged) this.#log.info({ purged }, 'purged finished jobs')
        }
      } catch (error) {
        this.#log.error({ err: error }, 'job polling failed')
      }
      // Right after a find, look again at once: there may be more.
      if (!found) await this.#alarm.sleep(this.#pollIntervalMs)
    }
  }

  async #claimOne(): Promise<boolean> {
    const leaseSeconds = (name: string) => this.#jobs.get(name)!.timeoutSeconds
    const row = await this.#store.claim([...this.#jobs.keys()], leaseSeconds, this.#workerId)
    if (row === 'none') return false
    if (row === 'again') return true
    const run: Run = {
      row,
      job: this.#jobs.get(row.name)!,
      controller: new AbortController(),
      done: Promise.resolve(),
    }
    run.done = this.#execute(run)
      .catch((error: unknown) =>
        this.#log.error({ err: error, job: row.name, jobId: row.id }, 'job bookkeeping failed'),
      )
      .finally(() => {
        this.#running.delete(run)
        this.#alarm.wake()
      })
    this.#running.add(run)
    return true
  }

  async #execute({ row, job, controller }: Run): Promise<void> {
    let payload: unknown
    try {
      payload = job.payload.parse(JSON.parse(row.payload))
    } catch (error) {
      // Retrying cannot fix a payload the current code rejects.
      await this.#settle(row, { state: 'failed', error: `invalid payload: ${errorMessage(error)}` })
      return
    }
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), job.timeoutSeconds * 1000)
    })
    const context = { jobId: row.id, attempt: row.attempts, signal: controller.signal }
    const handling = Promise.resolve()
      .then(() => job.handle(payload, context))
      .then(
        () => ({ ok: true as const }),
        (error: unknown) => ({ ok: false as const, error }),
      )
    const outcome = await Promise.race([handling, timeout])
    clearTimeout(timer)
    if (outcome === 'timeout') {
      const message = `timed out after ${job.timeoutSeconds}s`
      controller.abort(new Error(message))
      await this.#failOrRetry(row, job, message)
      // The slot stays taken until the handler returns, so a hung handler cannot multiply.
      await handling
    } else if (outcome.ok) {
      await this.#settle(row, { state: 'completed' })
    } else {
      await this.#failOrRetry(row, job, errorMessage(outcome.error))
    }
  }

  async #failOrRetry(row: JobRow, job: JobDefinition, error: string): Promise<void> {
    if (row.attempts >= row.max_attempts) return this.#settle(row, { state: 'failed', error })
    const runAt = new Date(this.#clock.now().getTime() + retryDelayMs(job, row.attempts))
    const log = { job: row.name, jobId: row.id, attempt: row.attempts, error, retryAt: runAt }
    this.#log.warn(log, 'job failed; will retry')
    await this.#settle(row, { state: 'pending', error, runAt })
  }

  async #settle(row: JobRow, outcome: Outcome): Promise<void> {
    const log = { job: row.name, jobId: row.id, attempt: row.attempts }
    if (!(await this.#store.settle(row, outcome))) {
      this.#log.warn(log, 'job result discarded: its lease had passed to another run')
    } else if (outcome.state === 'failed') {
      this.#log.error({ ...log, error: outcome.error }, 'job failed for good')
    }
  }

  async #shutdown(): Promise<void> {
    alarms.get(this.#db)?.delete(this.#alarm)
    this.#alarm.wake()
    await this.#loop
    let timer: NodeJS.Timeout | undefined
    const finished = await Promise.race([
      Promise.allSettled([...this.#running].map((run) => run.done)).then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), this.#stopTimeoutMs)
      }),
    ])
    clearTimeout(timer)
    if (finished) return
    // Handlers still running are told to stop and their attempt counts as failed, as with pg-boss.
    // Those already aborted timed out, and their attempt is recorded.
    const unfinished = [...this.#running].filter((run) => !run.controller.signal.aborted)
    await Promise.all(
      unfinished.map(async (run) => {
        run.controller.abort(new Error('the worker is stopping'))
        await this.#failOrRetry(run.row, run.job, 'the worker stopped while the job was running')
      }),
    )
  }
}
