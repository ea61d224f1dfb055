import { sql } from 'kysely'
import type { Db } from './database.js'

/** How many migrations the database says it has applied (0 for a database never migrated). */
export async function appliedMigrationCount(db: Db): Promise<number> {
  try {
    const { rows } = await sql<{ n: number }>`select count(*) as n from torget_migrations`.execute(
      db,
    )
    return Number(rows[0]?.n ?? 0)
  } catch {
    return 0
  }
}

/** SQLite's consistent online copy: readers and writers carry on while it runs. */
export async function copySqliteInto(db: Db, file: string): Promise<void> {
  await sql`vacuum into ${file}`.execute(db)
}
