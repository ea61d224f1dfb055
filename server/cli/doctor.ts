import fs from 'node:fs'
import { ConfigError, loadConfig } from '../config/config.js'
import { createMailer } from '../adapters/mail/mailer.js'
import { openDatabase, pingDatabase } from '../db/database.js'
import { appliedMigrationCount } from '../db/maintenance.js'
import { MIGRATIONS } from '../db/migrate.js'
import { createLogger } from '../logger.js'
import { createStore } from '../repos/index.js'
import { pendingSetupCode } from '../services/setup-code.js'
import { setupCodeInstructions } from './setup-code.js'

type Check = { ok: boolean; warn?: boolean; text: string }

/** Checks what can go wrong in an installation and says it in plain words. */
export async function doctorCommand(): Promise<number> {
  const checks: Check[] = []
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
  checks.push({
    ok: major > 22 || (major === 22 && minor >= 12),
    text: `Node.js ${process.versions.node} (Torget needs 22.12 or later; 24 LTS recommended)`,
  })

  let config
  try {
    config = loadConfig()
    checks.push({ ok: true, text: 'Configuration is valid' })
  } catch (error) {
    const problems = error instanceof ConfigError ? error.problems : [String(error)]
    for (const p of problems) checks.push({ ok: false, text: p })
    return report(checks)
  }

  try {
    fs.accessSync(config.dataDir, fs.constants.W_OK)
    const free = fs.statfsSync(config.dataDir)
    const freeMb = (free.bavail * free.bsize) / 1024 / 1024
    checks.push({ ok: true, text: `Data directory ${config.dataDir} is writable` })
    checks.push({
      ok: freeMb > 500,
      warn: freeMb <= 500,
      text: `${freeMb.toFixed(0)} MB free on the data disk${freeMb <= 500 ? ' — free some space soon' : ''}`,
    })
  } catch {
    checks.push({
      ok: false,
      text: `Data directory ${config.dataDir} is not writable: set TORGET_DATA_DIR to a directory this user can write`,
    })
  }

  const database = openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath })
  try {
    await pingDatabase(database.db)
    checks.push({
      ok: true,
      text: `Database reachable (${database.dialect}: ${database.location})`,
    })
    const applied = await appliedMigrationCount(database.db)
    const total = Object.keys(MIGRATIONS).length
    checks.push({
      ok: applied === total,
      warn: applied < total,
      text:
        applied === total
          ? 'Database schema is up to date'
          : `${total - applied} database migration(s) pending: run \`torget migrate\` (serve does it at start)`,
    })
    const setup =
      applied === total ? await pendingSetupCode(createStore(database.db), config.setupCode) : null
    if (setup) {
      checks.push({
        ok: true,
        warn: true,
        text: `No account yet. ${setupCodeInstructions(config.publicUrl, setup)}`,
      })
    }
  } catch (error) {
    checks.push({
      ok: false,
      text: `Database not reachable (${database.location}): ${(error as Error).message}`,
    })
  } finally {
    await database.close().catch(() => {})
  }

  if (config.smtpUrl) {
    const mailer = createMailer({
      smtpUrl: config.smtpUrl,
      from: config.smtpFrom,
      logger: createLogger('silent'),
    })
    try {
      await mailer.verify()
      checks.push({ ok: true, text: 'SMTP server accepts connections and the login' })
    } catch (error) {
      checks.push({
        ok: false,
        text: `SMTP server in SMTP_URL does not work: ${(error as Error).message}`,
      })
    }
  } else {
    checks.push({
      ok: true,
      warn: true,
      text: 'No SMTP_URL: emails (invitations, password resets) are written to the log instead of sent',
    })
  }
  if (!config.publicUrl.startsWith('https://')) {
    checks.push({
      ok: true,
      warn: true,
      text: `TORGET_PUBLIC_URL is ${config.publicUrl}: use https:// in production so cookies are marked Secure`,
    })
  }
  return report(checks)
}

function report(checks: Check[]): number {
  for (const c of checks) console.log(`${c.ok ? (c.warn ? '!' : '✓') : '✗'} ${c.text}`)
  const failed = checks.filter((c) => !c.ok).length
  console.log(failed ? `\n${failed} problem(s) found.` : '\nNo problems found.')
  return failed ? 1 : 0
}
