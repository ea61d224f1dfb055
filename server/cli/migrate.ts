import { openDatabase } from '../db/database.js'
import { migrateToLatest } from '../db/migrate.js'
import type { Config } from '../config/config.js'

export async function migrateCommand(config: Config): Promise<number> {
  const database = openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath })
  try {
    const results = await migrateToLatest(database.db)
    if (results.length === 0) console.log(`The database (${database.location}) is up to date.`)
    for (const r of results)
      console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`)
    return 0
  } finally {
    await database.close()
  }
}
