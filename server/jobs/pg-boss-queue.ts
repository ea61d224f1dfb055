import crypto from 'node:crypto'
import { type Job, type JobResult, PgBoss, type SendOptions as BossSendOptions } from 'pg-boss'
import type { z } from 'zod'
import type { Logger } from '../logger.js'
import {
  errorMessage,
  type JobDefinition,
  type JobQueue,
  type JobState,
  type JobStatus,
  MAX_RETRY_DELAY_SECONDS,
  type SendOptions,
} from './queue.js'

export interface PgBossJobQueueOptions {
  databaseUrl: string
  logger: Logger
  /** Jobs of each name this process runs at once. */
  concurrency?: number
  /** Idle wait between fetches; pg-boss refuses less than 500 ms. */
  pollIntervalMs?: number
  /** How long stop() waits for running handlers before failing (so retrying) their jobs. */
  stopTimeoutMs?: number
  /** How often this instance looks for jobs whose worker died (expired leases). */
  superviseIntervalSeconds?: number
  /** Finished jobs, and so their keys, are kept this long. */
  retentionSeconds?: number
}

/** Where pg-boss keeps its tables, in the application's database. */
export const PG_BOSS_SCHEMA = 'pgboss'

/** Stored as job data: the key for people reading the pgboss tables, the payload as sent. */
interface Envelope {
  key: string
  payload: unknown
}

// A fixed namespace for jobUuid(); changing it would re-queue every pending key.
const NAMESPACE = Buffer.from('5f0c7e1ab2d94c3e8a61d07b9e4f2c88', 'hex')

/**
 * The job's id, derived from name and key as a UUID v5 (RFC 9562). pg-boss's job table has
 * PRIMARY KEY (name, id) and inserts with ON CONFLICT DO NOTHING, so a second send with the
 * same key is dropped and returns null. singletonKey would not do: on a `standard` queue it
 * only dedupes within a singletonSeconds window, and the other policies also limit how many
 * jobs may be active, which is not what idempotency means.
 */
export function jobUuid(name: string, key: string): string {
  const hash = crypto.createHash('sha1').update(NAMESPACE).update(`${name}\n${key}`).digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The queue on PostgreSQL: pg-boss, in its own schema of the same database. */
export class PgBossJobQueue implements JobQueue {
  readonly #boss: PgBoss
  readonly #log: Logger
  readonly #concurrency: number
  readonly #pollIntervalSeconds: number
  readonly #stopTimeoutMs: number
  readonly #retentionSeconds: number
  readonly #queues = new Map<string, Promise<void>>()
  readonly #working = new Set<string>()
  #started: Promise<void> | undefined
  #stopped: Promise<void> | undefined

  constructor(options: PgBossJobQueueOptions) {
    this.#log = options.logger.child({ component: 'jobs', backend: 'pg-boss' })
    this.#concurrency = options.concurrency ?? 4
    this.#pollIntervalSeconds = Math.max(0.5, (options.pollIntervalMs ?? 1000) / 1000)
    this.#stopTimeoutMs = options.stopTimeoutMs ?? 10_000
    this.#retentionSeconds = options.retentionSeconds ?? 7 * 24 * 3600
    const supervise = options.superviseIntervalSeconds ?? 30
    this.#boss = new PgBoss({
      connectionString: options.databaseUrl,
      schema: PG_BOSS_SCHEMA,
      application_name: 'torget-jobs',
      max: 5,
      // Torget has no cron jobs; the timekeeper would only poll for them.
      schedule: false,
      superviseIntervalSeconds: supervise,
      monitorIntervalSeconds: supervise,
    })
    // Without a listener an 'error' event would throw and take the process down.
    this.#boss.on('error', (error) => this.#log.error({ err: error }, 'pg-boss error'))
    this.#boss.on('warning', (warning) => this.#log.warn({ warning }, warning.message))
  }

  async send<P extends z.ZodType>(
    job: JobDefinition<P>,
    payload: z.input<P>,
    options: SendOptions,
  ): Promise<void> {
    job.payload.parse(payload)
    await this.#queue(job.name)
    const data: Envelope = { key: options.key, payload: payload ?? null }
    const sendOptions: BossSendOptions = {
      id: jobUuid(job.name, options.key),
      ...retryOptions(job),
      // pg-boss takes whole seconds and expires at the next supervise pass after them.
      expireInSeconds: Math.max(1, Math.ceil(job.timeoutSeconds)),
      deleteAfterSeconds: this.#retentionSeconds,
      ...(options.runAt && { startAfter: options.runAt }),
    }
    const id = await this.#boss.send(job.name, data, sendOptions)
    if (id && !(options.runAt && options.runAt > new Date())) this.#wakeWorkers(job.name)
  }

  async cancel(job: Pick<JobDefinition, 'name'>, key: string): Promise<boolean> {
    await this.#queue(job.name)
    // pg-boss's cancel() and deleteJob() also take active jobs, and a look before them would race
    // a fetch; one DELETE limited to waiting states is atomic. Deleting frees the key for a new send.
    const { rows } = await this.#boss
      .getDb()
      .executeSql(
        `DELETE FROM ${PG_BOSS_SCHEMA}.job WHERE name = $1 AND id = $2 AND state IN ('created', 'retry') RETURNING id`,
        [job.name, jobUuid(job.name, key)],
      )
    return rows.length > 0
  }

  async status(job: Pick<JobDefinition, 'name'>, key: string): Promise<JobStatus | undefined> {
    await this.#queue(job.name)
    const [found] = await this.#boss.findJobs(job.name, { id: jobUuid(job.name, key) })
    if (!found || found.state === 'cancelled') return undefined
    const state: JobState =
      found.state === 'created' || found.state === 'retry' ? 'pending' : found.state
    return {
      id: found.id,
      state,
      attempts: found.startedOn ? found.retryCount + 1 : 0,
      lastError:
        found.state === 'failed' || found.state === 'retry' ? outputMessage(found.output) : null,
    }
  }

  async work(jobs: readonly JobDefinition[]): Promise<void> {
    if (this.#stopped) throw new Error('The job queue is stopped')
    for (const job of jobs) {
      if (this.#working.has(job.name)) continue
      this.#working.add(job.name)
      await this.#queue(job.name)
      await this.#boss.work<Envelope>(
        job.name,
        {
          batchSize: 1,
          localConcurrency: this.#concurrency,
          pollingIntervalSeconds: this.#pollIntervalSeconds,
          perJobResults: true,
        },
        (batch) => Promise.all(batch.map((item) => this.#run(job, item))),
      )
    }
  }

  stop(): Promise<void> {
    // Waits for handlers up to the timeout, then fails their jobs (retried per the job) and aborts job.signal.
    this.#stopped ??= this.#started
      ? this.#boss.stop({ graceful: true, timeout: this.#stopTimeoutMs, close: true })
      : Promise.resolve()
    return this.#stopped
  }

  async #run(job: JobDefinition, item: Job<Envelope>): Promise<JobResult> {
    const log = { job: job.name, jobId: item.id, attempt: item.retryCount + 1 }
    try {
      const parsed = job.payload.safeParse(item.data?.payload)
      if (!parsed.success) {
        // 'deadletter' fails the job at once, skipping retries: retrying cannot fix the payload.
        this.#log.error(
          { ...log, error: parsed.error.message },
          'job payload invalid; failed for good',
        )
        return {
          id: item.id,
          status: 'deadletter',
          output: { message: `invalid payload: ${errorMessage(parsed.error)}` },
        }
      }
      try {
        await job.handle(parsed.data, {
          jobId: item.id,
          attempt: item.retryCount + 1,
          signal: item.signal,
        })
        return { id: item.id, status: 'completed' }
      } catch (error) {
        this.#log.warn({ ...log, err: error }, 'job failed')
        return { id: item.id, status: 'failed', output: { message: errorMessage(error) } }
      }
    } finally {
      // A worker that found a job fetches again at once instead of after the polling interval.
      this.#wakeWorkers(job.name)
    }
  }

  /** Wakes this process's workers of a job name, so a job sent here starts without polling delay. */
  #wakeWorkers(name: string): void {
    for (const worker of this.#boss.getWipData())
      if (worker.name === name) this.#boss.notifyWorker(worker.id)
  }

  #start(): Promise<void> {
    if (this.#stopped) return Promise.reject(new Error('The job queue is stopped'))
    // Installs or migrates the pgboss schema on first start, under an advisory lock.
    this.#started ??= this.#boss.start().then(
      () => undefined,
      (error: unknown) => {
        this.#started = undefined
        throw error
      },
    )
    return this.#started
  }

  #queue(name: string): Promise<void> {
    let ready = this.#queues.get(name)
    if (!ready) {
      // createQueue is idempotent; retry, delay and expiry are set on each job instead.
      ready = this.#start().then(() => this.#boss.createQueue(name))
      ready.catch(() => this.#queues.delete(name))
      this.#queues.set(name, ready)
    }
    return ready
  }
}

function retryOptions(job: JobDefinition): BossSendOptions {
  if (job.retryDelaySeconds <= 0)
    return { retryLimit: job.retries, retryDelay: 0, retryBackoff: false }
  // pg-boss takes whole seconds; its backoff is retryDelay · 2^n · (1 + random), as retryDelayMs().
  return {
    retryLimit: job.retries,
    retryDelay: Math.max(1, Math.round(job.retryDelaySeconds)),
    retryBackoff: true,
    retryDelayMax: MAX_RETRY_DELAY_SECONDS,
  }
}

function outputMessage(output: unknown): string | null {
  if (!output || typeof output !== 'object') return output == null ? null : String(output)
  const record = output as { message?: unknown; value?: { message?: unknown } }
  const message = record.message ?? record.value?.message
  return typeof message === 'string' ? message : JSON.stringify(output)
}
