import fs from 'node:fs'
import path from 'node:path'
import { openDatabase } from '../db/database.js'
import { copySqliteInto } from '../db/maintenance.js'
import type { Config } from '../config/config.js'

/**
 * SQLite: VACUUM INTO writes a consistent copy while Torget keeps running
 * (readers and writers are not blocked for long). PostgreSQL has its own tool.
 */
export async function backupCommand(
  config: Config,
  options: { out: string | undefined },
): Promise<number> {
  if (config.databaseUrl) {
    console.log(
      "Torget runs on PostgreSQL here. Back it up with PostgreSQL's own tool, for example:\n",
    )
    console.log(
      `  pg_dump --format=custom --file=torget-$(date +%F).dump "${config.databaseUrl.replace(/:[^:@/]*@/, ':***@')}"\n`,
    )
    console.log(
      `Also keep a copy of ${path.join(config.dataDir, 'secrets.json')}: without it stored channel credentials cannot be decrypted.`,
    )
    return 0
  }
  if (!fs.existsSync(config.sqlitePath)) {
    console.error(
      `There is no database at ${config.sqlitePath} yet. Start Torget once, or check TORGET_DATA_DIR.`,
    )
    return 1
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const out = path.resolve(
    options.out ?? path.join(config.dataDir, 'backups', `torget-${stamp}.sqlite`),
  )
  if (fs.existsSync(out)) {
    console.error(`${out} already exists; choose another --out.`)
    return 1
  }
  fs.mkdirSync(path.dirname(out), { recursive: true })
  const database = openDatabase({ url: undefined, sqlitePath: config.sqlitePath })
  try {
    await copySqliteInto(database.db, out)
  } finally {
    await database.close()
  }
  console.log(`Backup written: ${out} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB)`)
  console.log(
    `Keep ${path.join(config.dataDir, 'secrets.json')} with it: without it stored channel credentials cannot be decrypted.`,
  )
  return 0
}
