import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../config/config.js'
import { archiveCommand } from './archive.js'
import { backupCommand } from './backup.js'
import { createAdminCommand } from './create-admin.js'
import { demoCommand, demoOptionSchema, withDemoDefault } from './demo.js'
import { doctorCommand } from './doctor.js'
import { migrateCommand } from './migrate.js'
import { rotateKeyCommand } from './rotate-key.js'
import { serveCommand } from './serve.js'
import { statsCommand } from './stats.js'

const HELP = `torget — the social-media workspace for public libraries

Usage: torget <command> [options]

  serve [--role=web,worker] [--demo[=members]]
                                       run Torget (default: web and worker in one process);
                                       --demo seeds Exempelbiblioteket at work, =members only its members
  migrate                              bring the database up to date
  create-admin --email E --name N      create (or promote) a Torget administrator;
                                       the password comes from TORGET_ADMIN_PASSWORD or a prompt
  backup [--out FILE]                  a consistent copy of the SQLite database while it runs
  rotate-key                           re-encrypt stored channel credentials with a new key
  doctor                               check configuration, database and SMTP; say what is wrong
  demo [--members] [--reset]           add "Exempelbiblioteket" at work (or with --members only its
                                       five members); --reset retires the demo library and starts over
  archive verify [--library ID]        check that no archived record was changed or removed
  archive export --library ID --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.tar
                                       a period's records as a delivery package (FGS 2.0)
  archive report --library ID --month YYYY-MM
                                       the month's archive report as JSON
  stats rebuild [--library ID]         make the statistics rollups again from what is stored

Configuration comes from environment variables (see README.md).`

export async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...afterCommand] = argv
  // `torget archive verify …`, `torget stats rebuild`: these commands name what to do next.
  const grouped = command === 'archive' || command === 'stats'
  const subcommand = grouped ? afterCommand[0] : undefined
  const rest = grouped ? afterCommand.slice(1) : afterCommand
  const { values } = parseArgs({
    args: withDemoDefault(rest),
    options: {
      role: { type: 'string' },
      demo: { type: 'string' },
      members: { type: 'boolean', default: false },
      reset: { type: 'boolean', default: false },
      email: { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string' },
      library: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      month: { type: 'string' },
    },
    allowPositionals: false,
    strict: true,
  })
  const config = () => loadConfig(process.env, values.role ? { roles: values.role } : {})
  switch (command) {
    case 'serve': {
      const demo = values.demo === undefined ? undefined : demoOptionSchema.safeParse(values.demo)
      if (demo && !demo.success) {
        console.error(demo.error.issues[0]!.message)
        return 2
      }
      return serveCommand(config(), { demo: demo?.data })
    }
    case 'migrate':
      return migrateCommand(config())
    case 'create-admin':
      return createAdminCommand(config(), { email: values.email, name: values.name })
    case 'backup':
      return backupCommand(config(), { out: values.out })
    case 'rotate-key':
      return rotateKeyCommand(config())
    case 'doctor':
      return doctorCommand()
    case 'demo':
      return demoCommand(config(), {
        content: values.members ? 'members' : 'living',
        reset: values.reset ?? false,
      })
    case 'archive':
      return archiveCommand(config(), subcommand, {
        library: values.library,
        from: values.from,
        to: values.to,
        out: values.out,
        month: values.month,
      })
    case 'stats':
      return statsCommand(config(), subcommand, { library: values.library })
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP)
      return 0
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`)
      return 2
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exitCode = 2
      return
    }
    if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`${error.message}\n\n${HELP}`)
      process.exitCode = 2
      return
    }
    console.error(describeStartupError(error))
    process.exitCode = 1
  },
)

/** Plain words for the failures a fresh installation meets most. */
export function describeStartupError(error: unknown): string {
  const e = error as { code?: string; message?: string }
  switch (e?.code) {
    case 'ECONNREFUSED':
      return `Torget cannot reach the PostgreSQL server in DATABASE_URL (${e.message}). Is it running, and is the address right?`
    case '3D000':
      return `The database named in DATABASE_URL does not exist (${e.message}). Create it with createdb, or fix the URL.`
    case '28P01':
    case '28000':
      return `PostgreSQL refused the user or password in DATABASE_URL (${e.message}).`
    case 'ENOTFOUND':
      return `The host in DATABASE_URL or SMTP_URL cannot be found (${e.message}).`
    case 'SQLITE_FULL':
    case 'ENOSPC':
      return `The disk is full (${e.message}). Free some space in TORGET_DATA_DIR and start again; nothing was lost.`
    case 'SQLITE_CANTOPEN':
    case 'EACCES':
      return `Torget cannot open its data files (${e.message}). Check that TORGET_DATA_DIR is writable by this user.`
    case 'EADDRINUSE':
      return `The port is already in use (${e.message}). Stop the other program or set PORT to a free port.`
    default:
      return `Torget stopped: ${e?.message ?? String(error)}`
  }
}
