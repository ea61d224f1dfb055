import type { Config } from '../config/config.js'
import { openDatabase } from '../db/database.js'
import { migrateToLatest } from '../db/migrate.js'
import { createLogger } from '../logger.js'
import { createStore } from '../repos/index.js'
import { statsRollupStore } from '../repos/stats-rollup-repo.js'
import { rollupService } from '../services/stats/rollup-service.js'

export const STATS_HELP = `torget stats rebuild [--library ID]
  makes the statistics rollups again (every library, or one) from the stored
  interactions and the daily counts the interaction retention kept of old
  likes, reposts and follows; first takes in what ingest wrote since the last
  round. Safe while Torget runs: the worker's own rollup goes on after it.`

export async function statsCommand(
  config: Config,
  subcommand: string | undefined,
  options: { library?: string | undefined },
): Promise<number> {
  if (subcommand !== 'rebuild') {
    console.error(`Unknown stats command "${subcommand ?? ''}".\n\n${STATS_HELP}`)
    return 2
  }
  const database = openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath })
  try {
    await migrateToLatest(database.db)
    if (
      options.library &&
      !(await createStore(database.db).repos.libraries.findById(options.library))
    ) {
      console.error(`There is no library with the id ${options.library}.`)
      return 2
    }
    const rollups = rollupService({
      store: statsRollupStore(database.db),
      logger: createLogger(config.logLevel),
    })
    const started = performance.now()
    const batches = await rollups.catchUp()
    const libraries = await rollups.rebuild(options.library)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(
      `Rebuilt the statistics of ${libraries.length} ${libraries.length === 1 ? 'library' : 'libraries'} in ${seconds} s (${batches} new ingest batches taken in first).`,
    )
    return 0
  } finally {
    await database.close()
  }
}
