import crypto from 'node:crypto'
import { type ExpressionBuilder, type Selectable, sql } from 'kysely'
import type { Clock } from '../clock.js'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema/index.js'
import type { JobsTable } from '../db/schema/jobs.js'
import type { JobStatus } from './queue.js'

export type JobRow = Selectable<JobsTable>

export interface Outcome {
  state: 'completed' | 'failed' | 'pending'
  error?: string
  /** For a retry: when it may run. */
  runAt?: Date
}

// Recorded when an expired lease is taken over, so the job's history says why it ran again.
const TAKEN_OVER = sql<string | null>`case when state = 'active'
  then 'lease expired: the worker of attempt ' || attempts || ' stopped answering' else last_error end`

/** The SQL of the SQLite queue: every statement on the `jobs` table. */
export function jobStore(db: Db, clock: Clock) {
  return {
    /** Inserts unless (name, key) exists; true when inserted. */
    async insert(job: {
      name: string
      key: string
      payload: string
      maxAttempts: number
      runAt: Date
    }) {
      const now = clock.now().toISOString()
      const result = await db
        .insertInto('jobs')
        .values({
          id: crypto.randomUUID(),
          name: job.name,
          key: job.key,
          payload: job.payload,
          state: 'pending',
          attempts: 0,
          max_attempts: job.maxAttempts,
          run_at: job.runAt.toISOString(),
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(['name', 'key']).doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
    },

    /** Deletes a job that is not running; deleted rather than marked, so the key can be sent again. */
    async deleteWaiting(name: string, key: string) {
      const result = await db
        .deleteFrom('jobs')
        .where('name', '=', name)
        .where('key', '=', key)
        .where('state', '=', 'pending')
        .executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },

    async status(name: string, key: string): Promise<JobStatus | undefined> {
      const row = await db
        .selectFrom('jobs')
        .select(['id', 'state', 'attempts', 'last_error as lastError'])
        .where('name', '=', name)
        .where('key', '=', key)
        .executeTakeFirst()
      return row
    },

    /**
     * Takes the next due job of the given names, or one whose lease has expired, for this
     * worker. Resolves to the claimed row, 'none' when nothing is due, or 'again' when a row
     * was lost to another worker or failed for running out of attempts.
     */
    async claim(names: string[], leaseSeconds: (name: string) => number, workerId: string) {
      const now = clock.now()
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
      // A read first, so idle polling never takes SQLite's write lock. Two queries, not one with
      // OR: each walks its own index to the first row, where an OR would sort every due job.
      const columns = ['id', 'name', 'state', 'attempts', 'max_attempts'] as const
      const candidate =
        (await db
          .selectFrom('jobs')
          .select(columns)
          .where('state', '=', 'pending')
          .where('run_at', '<=', nowIso)
          .where('name', 'in', names)
          .orderBy('run_at')
          .limit(1)
          .executeTakeFirst()) ??
        (await db
          .selectFrom('jobs')
          .select(columns)
          .where('state', '=', 'active')
          .where('lease_expires_at', '<=', nowIso)
          .where('name', 'in', names)
          .orderBy('lease_expires_at')
          .limit(1)
          .executeTakeFirst())
      if (!candidate) return 'none' as const
      // Compare-and-set: the WHERE is checked again under the write lock, so of several
      // processes racing for this row exactly one changes it.
      const update = db.updateTable('jobs').where('id', '=', candidate.id).where(claimable)
      if (candidate.state === 'active' && candidate.attempts >= candidate.max_attempts) {
        const set = {
          state: 'failed',
          last_error: TAKEN_OVER,
          lease_expires_at: null,
          finished_at: nowIso,
        } as const
        await update.set({ ...set, updated_at: nowIso }).execute()
        return 'again' as const
      }
      const lease = new Date(now.getTime() + leaseSeconds(candidate.name) * 1000)
      const row = await update
        .set({
          state: 'active',
          attempts: sql<number>`attempts + 1`,
          lease_expires_at: lease.toISOString(),
          worker_id: workerId,
          last_error: TAKEN_OVER,
          updated_at: nowIso,
        })
        .returningAll()
        .executeTakeFirst()
      return row ?? ('again' as const)
    },

    /** Records a run's outcome, fenced to that run: false when the job has moved on without it. */
    async settle(row: JobRow, outcome: Outcome) {
      const now = clock.now().toISOString()
      const result = await db
        .updateTable('jobs')
        .set({
          state: outcome.state,
          lease_expires_at: null,
          updated_at: now,
          finished_at: outcome.state === 'pending' ? null : now,
          ...(outcome.runAt && { run_at: outcome.runAt.toISOString() }),
          ...(outcome.error !== undefined && { last_error: outcome.error }),
        })
        .where('id', '=', row.id)
        .where('state', '=', 'active')
        .where('attempts', '=', row.attempts)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) > 0
    },

    async purgeFinished(olderThan: Date) {
      const result = await db
        .deleteFrom('jobs')
        .where('state', 'in', ['completed', 'failed'])
        .where('finished_at', '<', olderThan.toISOString())
        .executeTakeFirst()
      return Number(result.numDeletedRows)
    },
  }
}
