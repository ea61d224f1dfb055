import type { Kysely } from 'kysely'
import { isPostgres, timestampType } from '../dialect.js'

// On PostgreSQL the queue is pg-boss, which keeps jobs in its own `pgboss` schema; an empty
// `jobs` table beside it would only invite code to read job state from the wrong place.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return
  const ts = timestampType(db)
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', ts, (c) => c.notNull())
    .addColumn('lease_expires_at', ts)
    .addColumn('worker_id', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    // The idempotency guarantee: a second send with the same key is ignored on insert.
    .addUniqueConstraint('jobs_name_key', ['name', 'key'])
    .execute()
  await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at']).execute()
  await db.schema
    .createIndex('jobs_lease')
    .on('jobs')
    .columns(['state', 'lease_expires_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return
  await db.schema.dropTable('jobs').ifExists().execute()
}
