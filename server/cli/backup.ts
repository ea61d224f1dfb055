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
  fs.mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 })
  // The copy holds password hashes and sealed credentials: only the owner may read it.
  // Made empty first, exclusively and 0600 (VACUUM INTO fills an empty file), so it is never readable by others.
  try {
    fs.closeSync(fs.openSync(out, 'wx', 0o600))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    console.error(`${out} already exists; choose another --out.`)
    return 1
  }
  const database = openDatabase({ url: undefined, sqlitePath: config.sqlitePath })
  try {
    await copySqliteInto(database.db, out)
    fs.chmodSync(out, 0o600)
  } catch (error) {
    fs.rmSync(out, { force: true })
    throw error
  } finally {
    await database.close()
  }
  console.log(`Backup written: ${out} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB)`)
  console.log(
    `Keep ${path.join(config.dataDir, 'secrets.json')} with it: without it stored channel credentials cannot be decrypted.`,
  )
  return 0
}
