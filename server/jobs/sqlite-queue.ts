import crypto from 'node:crypto'
import os from 'node:os'
import { type ExpressionBuilder, type Selectable, sql } from 'kysely'
import type { z } from 'zod'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema/index.js'
import type { JobsTable } from '../db/schema/jobs.js'
import type { Logger } from '../logger.js'
import { Alarm } from './alarm.js'
import {
  errorMessage,
  type JobDefinition,
  type JobQueue,
  type JobStatus,
  retryDelayMs,
  type SendOptions,
} from './queue.js'

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
}

type JobRow = Selectable<JobsTable>

interface Run {
  row: JobRow
  job: JobDefinition
  controller: AbortController
  done: Promise<void>
}

const PURGE_EVERY_MS = 60 * 60 * 1000

// Set when a claim takes over an expired lease, so the job's history says why it ran again.
const TAKEN_OVER = sql<string | null>`case when state = 'active'
  then 'lease expired: the worker of attempt ' || attempts || ' stopped answering' else last_error end`

// Sends wake the workers of every queue on the same handle in this process, not only their own.
const alarms = new WeakMap<Db, Set<Alarm>>()

/** A durable queue in the application's SQLite file; several processes may work it at once. */
export class SqliteJobQueue implements JobQueue {
  readonly #db: Db
  readonly #log: Logger
  readonly #concurrency: number
  readonly #pollIntervalMs: number
  readonly #stopTimeoutMs: number
  readonly #retentionMs: number
  readonly #workerId = `${os.hostname()}/${process.pid}/${crypto.randomUUID().slice(0, 8)}`
  readonly #jobs = new Map<string, JobDefinition>()
  readonly #running = new Set<Run>()
  #loop: Promise<void> | undefined
  #stopping = false
  #stopped: Promise<void> | undefined
  readonly #alarm = new Alarm()
  #lastPurge = 0

  constructor(options: SqliteJobQueueOptions) {
    this.#db = options.db
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
    const now = new Date().toISOString()
    const result = await this.#db
      .insertInto('jobs')
      .values({
        id: crypto.randomUUID(),
        name: job.name,
        key: options.key,
        // The input, not the parsed output: the run parses it again, and transforms need their input.
        payload: JSON.stringify(payload ?? null),
        state: 'pending',
        attempts: 0,
        max_attempts: job.retries + 1,
        run_at: (options.runAt ?? new Date()).toISOString(),
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['name', 'key']).doNothing())
      .executeTakeFirst()
    const queued = Number(result.numInsertedOrUpdatedRows ?? 0) > 0
    if (queued) for (const alarm of alarms.get(this.#db) ?? []) alarm.wake()
  }

  async cancel(job: JobDefinition, key: string): Promise<boolean> {
    // Deleted rather than marked, so the key can be sent again (e.g. a post rescheduled).
    const result = await this.#db
      .deleteFrom('jobs')
      .where('name', '=', job.name)
      .where('key', '=', key)
      .where('state', '=', 'pending')
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }

  async status(job: JobDefinition, key: string): Promise<JobStatus | undefined> {
    const row = await this.#db
      .selectFrom('jobs')
      .select(['id', 'state', 'attempts', 'last_error'])
      .where('name', '=', job.name)
      .where('key', '=', key)
      .executeTakeFirst()
    return (
      row && { id: row.id, state: row.state, attempts: row.attempts, lastError: row.last_error }
    )
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

  /** Deletes completed and failed jobs finished before the given time; their keys become free. */
  async purgeFinished(olderThan: Date): Promise<number> {
    const result = await this.#db
      .deleteFrom('jobs')
      .where('state', 'in', ['completed', 'failed'])
      .where('finished_at', '<', olderThan.toISOString())
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  async #poll(): Promise<void> {
    while (!this.#stopping) {
      let found = false
      try {
        if (this.#running.size < this.#concurrency) found = await this.#claimOne()
        if (Date.now() - this.#lastPurge > PURGE_EVERY_MS) {
          this.#lastPurge = Date.now()
          const purged = await this.purgeFinished(new Date(Date.now() - this.#retentionMs))
          if (purged) this.#log.info({ purged }, 'purged finished jobs')
        }
      } catch (error) {
        this.#log.error({ err: error }, 'job polling failed')
      }
      if (!found) await this.#alarm.sleep(this.#pollIntervalMs)
    }
  }

  /** Claims one due job and starts it; true when a job was found (so look again at once). */
  async #claimOne(): Promise<boolean> {
    const names = [...this.#jobs.keys()]
    const now = new Date()
    const nowIso = now.toISOString()
    const claimable = (eb: ExpressionBuilder<Database, 'jobs'>) =>
      eb.and([
        eb('name', 'in', names),
        eb.or([
          eb.and([eb('state', '=', 'pending'), eb('run_at', '<=', nowIso)]),
          // A lease past its end means the worker died or hung: the job is taken over.
          eb.and([eb('state', '=', 'active'), eb('lease_expires_at', '<=', nowIso)]),
        ]),
      ])
    // A read first, so idle polling never takes SQLite's write lock.
    const candidate = await this.#db
      .selectFrom('jobs')
      .select(['id', 'name'])
      .where(claimable)
      .orderBy('run_at')
      .limit(1)
      .executeTakeFirst()
    if (!candidate) return false
    const job = this.#jobs.get(candidate.name)!
    // Compare-and-set: the WHERE is checked again under the write lock, so of several
    // processes racing for this row exactly one gets it back from RETURNING.
    const row = await this.#db
      .updateTable('jobs')
      .set({
        state: 'active',
        attempts: sql<number>`attempts + 1`,
        lease_expires_at: new Date(now.getTime() + job.timeoutSeconds * 1000).toISOString(),
        worker_id: this.#workerId,
        last_error: TAKEN_OVER,
        updated_at: nowIso,
      })
      .where('id', '=', candidate.id)
      .where(claimable)
      .returningAll()
      .executeTakeFirst()
    if (!row) return true
    // The lease expired on the last attempt: no run is left.
    if (row.attempts > row.max_attempts) await this.#settle(row, { state: 'failed' })
    else this.#start({ row, job, controller: new AbortController(), done: Promise.resolve() })
    return true
  }

  #start(run: Run): void {
    const { row } = run
    run.done = this.#execute(run)
      .catch((error: unknown) =>
        this.#log.error({ err: error, job: row.name, jobId: row.id }, 'job bookkeeping failed'),
      )
      .finally(() => {
        this.#running.delete(run)
        this.#alarm.wake()
      })
    this.#running.add(run)
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
    const handling = Promise.resolve()
      .then(() =>
        job.handle(payload, { jobId: row.id, attempt: row.attempts, signal: controller.signal }),
      )
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
    if (row.attempts < row.max_attempts) {
      const runAt = new Date(Date.now() + retryDelayMs(job, row.attempts))
      this.#log.warn(
        { job: row.name, jobId: row.id, attempt: row.attempts, error, retryAt: runAt },
        'job failed; will retry',
      )
      await this.#settle(row, { state: 'pending', error, runAt })
    } else {
      await this.#settle(row, { state: 'failed', error })
    }
  }

  /** Records a run's outcome, fenced to that run: a later attempt's row is left alone. */
  async #settle(
    row: JobRow,
    outcome: { state: 'completed' | 'failed' | 'pending'; error?: string; runAt?: Date },
  ): Promise<void> {
    const now = new Date().toISOString()
    const finished = outcome.state !== 'pending'
    const result = await this.#db
      .updateTable('jobs')
      .set({
        state: outcome.state,
        lease_expires_at: null,
        updated_at: now,
        finished_at: finished ? now : null,
        ...(outcome.runAt && { run_at: outcome.runAt.toISOString() }),
        ...(outcome.error !== undefined && { last_error: outcome.error }),
      })
      .where('id', '=', row.id)
      .where('state', '=', 'active')
      .where('attempts', '=', row.attempts)
      .executeTakeFirst()
    const log = { job: row.name, jobId: row.id, attempt: row.attempts }
    if (Number(result.numUpdatedRows) === 0)
      this.#log.warn(log, 'job result discarded: its lease had passed to another run')
    else if (outcome.state === 'failed')
      this.#log.error({ ...log, error: outcome.error }, 'job failed for good')
  }

  async #shutdown(): Promise<void> {
    alarms.get(this.#db)?.delete(this.#alarm)
    this.#alarm.wake()
    await this.#loop
    const runs = [...this.#running]
    let timer: NodeJS.Timeout | undefined
    const finished = await Promise.race([
      Promise.allSettled(runs.map((run) => run.done)).then(() => true),
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
