import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

/**
 * On PostgreSQL a foreign key is a trigger run per row, and the rollup
 * consumer inserts about one rollup row per interaction when it counts
 * history (issue 12's event ingest rate). The rollups' library_id keys
 * checked nothing their other key does not: each row goes with its library
 * through its channel (stats_daily, stats_hourly) or its publication
 * (stats_post_daily, stats_post_totals), and deleting a library deletes
 * those, and the rows with them. SQLite checks a key with one probe of a hot
 * page, and cannot drop a constraint without rebuilding the table: it keeps them.
 */
const KEYS = [
  ['stats_daily', 'stats_daily_library_id_fkey'],
  ['stats_hourly', 'stats_hourly_library_id_fkey'],
  ['stats_post_daily', 'stats_post_daily_library_id_fkey'],
  ['stats_post_totals', 'stats_post_totals_library_id_fkey'],
] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return
  for (const [table, key] of KEYS)
    await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(key)}`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return
  for (const [table, key] of KEYS)
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(key)}
      foreign key (library_id) references libraries (id) on delete cascade`.execute(db)
}
