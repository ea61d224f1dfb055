import type { Clock } from '../clock.js'
import type { Db, Dialect } from '../db/database.js'
import type { Logger } from '../logger.js'
import type { JobQueue } from './queue.js'
import { SqliteJobQueue } from './sqlite-queue.js'

/** Tuning both backends understand; the defaults suit production. */
export interface JobQueueTuning {
  /** Jobs run at once: per process on SQLite, per job name and process on pg-boss. */
  concurrency?: number
  /** Idle polling interval (default 250 ms on SQLite, 1 s on pg-boss, which allows no less than 500 ms). */
  pollIntervalMs?: number
  /** How long stop() waits for running handlers (default 10 s). */
  stopTimeoutMs?: number
  /** pg-boss: how often jobs of dead workers are looked for (default 30 s); SQLite does it on every poll. */
  superviseIntervalSeconds?: number
  /** How long finished jobs, and so their idempotency keys, are kept (default 7 days). */
  retentionSeconds?: number
  /** SQLite compares due times with this clock; pg-boss always uses the database server's. */
  clock?: Clock
}

export interface CreateJobQueueOptions extends JobQueueTuning {
  dialect: Dialect
  db: Db
  /** Required for PostgreSQL: pg-boss opens its own pool on it. */
  databaseUrl: string | undefined
  logger: Logger
}

/** SQLite keeps jobs in its own file; PostgreSQL uses pg-boss in the same database. */
export function createJobQueue(options: CreateJobQueueOptions): JobQueue {
  const { dialect, db, databaseUrl, logger, ...tuning } = options
  if (dialect === 'sqlite') return new SqliteJobQueue({ db, logger, ...tuning })
  if (!databaseUrl) throw new Error('The PostgreSQL job queue needs the database URL')
  const { clock: _clock, ...bossTuning } = tuning
  // pg-boss is loaded on first use, so a SQLite installation never pays for it at start.
  const boss = import('./pg-boss-queue.js').then(
    (m) => new m.PgBossJobQueue({ databaseUrl, logger, ...bossTuning }),
  )
  return {
    send: async (job, payload, options) => (await boss).send(job, payload, options),
    cancel: async (job, key) => (await boss).cancel(job, key),
    status: async (job, key) => (await boss).status(job, key),
    work: async (jobs) => (await boss).work(jobs),
    stop: async () => (await boss).stop(),
  }
}
