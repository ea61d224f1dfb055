import { type Kysely, PostgresAdapter, sql } from 'kysely'

/** Migrations are written once; the few types that differ are chosen here. */
export function isPostgres(db: Pick<Kysely<unknown>, 'getExecutor'>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export function timestampType(db: Kysely<unknown>) {
  return isPostgres(db) ? sql`timestamptz` : sql`text`
}

export function jsonType(db: Kysely<unknown>) {
  return isPostgres(db) ? sql`jsonb` : sql`text`
}
