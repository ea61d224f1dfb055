import type { z } from 'zod'

/**
 * A kind of background work: a validated payload, retries, and a handler.
 * Every job sent carries an idempotency key: sending the same key twice
 * queues the work once.
 */
export interface JobDefinition<P extends z.ZodType = z.ZodType> {
  /** Letters, digits, `_ . - /` only: pg-boss uses it as a queue name. */
  name: string
  payload: P
  /** Attempts after the first failure. */
  retries: number
  /** Seconds before the first retry; doubles each time, with jitter. 0 retries at once. */
  retryDelaySeconds: number
  /** A run taking longer than this is presumed dead and is run again. */
  timeoutSeconds: number
  handle(payload: z.output<P>, context: JobContext): Promise<void>
}

export interface JobContext {
  jobId: string
  /** 1 on the first run. */
  attempt: number
  /** Aborted when the run times out or the worker stops before it finishes. */
  signal: AbortSignal
}

const JOB_NAME = /^[\w.\-/]+$/

export function defineJob<P extends z.ZodType>(definition: JobDefinition<P>): JobDefinition<P> {
  if (!JOB_NAME.test(definition.name))
    throw new Error(
      `Job name ${JSON.stringify(definition.name)} may only hold letters, digits and _ . - /`,
    )
  if (definition.timeoutSeconds <= 0)
    throw new Error(`Job ${definition.name}: timeoutSeconds must be positive`)
  if (!Number.isInteger(definition.retries) || definition.retries < 0)
    throw new Error(`Job ${definition.name}: retries must be a whole number >= 0`)
  return definition
}

export interface SendOptions {
  /** Sending twice with the same key queues the job once (while the first is kept, see purge). */
  key: string
  /** Run no earlier than this. */
  runAt?: Date
}

export type JobState = 'pending' | 'active' | 'completed' | 'failed'

/** What the queue knows about one job, for status pages and tests. */
export interface JobStatus {
  id: string
  state: JobState
  /** Runs started so far, including one in progress. */
  attempts: number
  lastError: string | null
}

/** The one interface the rest of Torget uses; SQLite and pg-boss implement it. */
export interface JobQueue {
  /** Validates the payload (throws if invalid) and queues the job, unless its key is already queued. */
  send<P extends z.ZodType>(
    job: JobDefinition<P>,
    payload: z.input<P>,
    options: SendOptions,
  ): Promise<void>
  /** Withdraws a job that is not running (waiting or between retries) and frees its key. */
  cancel(job: Pick<JobDefinition, 'name'>, key: string): Promise<boolean>
  status(job: Pick<JobDefinition, 'name'>, key: string): Promise<JobStatus | undefined>
  /** Starts processing the given jobs in this process until stop(). */
  work(jobs: readonly JobDefinition[]): Promise<void>
  /** Stops taking new jobs and waits (bounded) for running ones. */
  stop(): Promise<void>
}

/** Longest wait between retries, so a high retry count cannot park a job for days. */
export const MAX_RETRY_DELAY_SECONDS = 3600

/** Backoff as pg-boss computes it: delay · 2^(n-1) · (1 + random), n the failed attempt. */
export function retryDelayMs(job: JobDefinition, failedAttempt: number): number {
  const base = job.retryDelaySeconds * 2 ** Math.min(16, failedAttempt - 1)
  return Math.min(MAX_RETRY_DELAY_SECONDS, base * (1 + Math.random())) * 1000
}

export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text
}
