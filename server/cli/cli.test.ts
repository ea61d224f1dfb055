import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../db/database.js'
import { EXPECTED, seedStatsScenario } from '../test/stats-seed.js'

const root = path.resolve(import.meta.dirname, '../..')
const children: ChildProcess[] = []

function torget(args: string[], env: Record<string, string>) {
  // `node --import tsx`, not the tsx wrapper: a signal must reach Torget itself, not a parent that leaves it orphaned.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'server/cli/main.ts'), ...args],
    {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  children.push(child)
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const done = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, out })),
  )
  return { child, done, output: () => out }
}

async function waitForOutput(run: ReturnType<typeof torget>, pattern: RegExp, ms = 20_000) {
  const until = Date.now() + ms
  while (Date.now() < until) {
    const m = run.output().match(pattern)
    if (m) return m
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`no ${pattern} in: ${run.output()}`)
}

const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'torget-cli-'))

afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode !== null || c.signalCode !== null) continue
    c.kill('SIGTERM')
    const exited = await Promise.race([
      new Promise((r) => c.once('exit', () => r(true))),
      new Promise((r) => setTimeout(() => r(false), 5000)),
    ])
    if (!exited) c.kill('SIGKILL')
  }
})

describe('the torget command', () => {
  it('stops at start with the variable and the fix when configuration is wrong', async () => {
    const { code, out } = await torget(['serve'], { TORGET_DATA_DIR: dataDir(), PORT: 'åttio' })
      .done
    expect(code).toBe(2)
    expect(out).toContain('PORT="åttio" is not valid')
    expect(out).toContain('a port number between 1 and 65535')
  })

  it('exits cleanly, in plain words, when PostgreSQL cannot be reached', async () => {
    const { code, out } = await torget(['serve'], {
      TORGET_DATA_DIR: dataDir(),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/torget',
    }).done
    expect(code).toBe(1)
    expect(out).toContain('cannot reach the PostgreSQL server in DATABASE_URL')
  })

  it('serves, backs up the live SQLite database, and shuts down gracefully on SIGTERM', async () => {
    const dir = dataDir()
    const server = torget(['serve', '--demo'], { TORGET_DATA_DIR: dir, PORT: '0' })
    const [, url] = await waitForOutput(server, /Torget is running: open (http:\/\/\S+)/)
    expect(server.output()).toContain('ansvarig@exempelbiblioteket.se')
    expect(server.output()).toMatch(
      /Seeded Exempelbiblioteket as a library at work in \d+\.\d\d s\./,
    )
    expect((await fetch(`${url}/readyz`)).status).toBe(200)

    const backup = path.join(dir, 'copy.sqlite')
    const result = await torget(['backup', '--out', backup], { TORGET_DATA_DIR: dir }).done
    expect(result.code).toBe(0)
    const copy = new Database(backup, { readonly: true })
    // One per role, and the newcomer who joined ten days ago.
    expect(copy.prepare('select count(*) as n from memberships').get()).toEqual({ n: 6 })
    copy.close()

    server.child.kill('SIGTERM')
    const { code } = await server.done
    expect(code).toBe(0)
  })

  it('creates an administrator who can then sign in, and doctor reports a healthy install', async () => {
    const dir = dataDir()
    const created = await torget(
      ['create-admin', '--email', 'Chef@Bibliotek.se', '--name', 'Chefen'],
      { TORGET_DATA_DIR: dir, TORGET_ADMIN_PASSWORD: 'chefens-losenord' },
    ).done
    expect(created.code).toBe(0)
    expect(created.out).toContain('Created the Torget administrator chef@bibliotek.se')
    // Outside the test processes, passwords are hashed at OWASP's cost for scrypt.
    const stored = new Database(path.join(dir, 'torget.sqlite'), { readonly: true })
    expect(stored.prepare('select password_hash from users').pluck().get()).toMatch(
      /^scrypt\$32768\$8\$3\$/,
    )
    stored.close()

    const doctor = await torget(['doctor'], { TORGET_DATA_DIR: dir }).done
    expect(doctor.out).toContain('✓ Database reachable (sqlite')
    expect(doctor.out).toContain('✓ Database schema is up to date')
    expect(doctor.out).toContain('No SMTP_URL')
    expect(doctor.code).toBe(0)

    const server = torget(['serve'], { TORGET_DATA_DIR: dir, PORT: '0' })
    const [, url] = await waitForOutput(server, /open (http:\/\/\S+)/)
    const res = await fetch(`${url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'chef@bibliotek.se', password: 'chefens-losenord' }),
    })
    expect(res.status).toBe(200)
    expect(
      ((await res.json()) as { user: { isInstanceAdmin: boolean } }).user.isInstanceAdmin,
    ).toBe(true)
  })

  it('seeds the demo once, starts it over with --reset, and refuses an unknown --demo', async () => {
    const dir = dataDir()
    const first = await torget(['demo'], { TORGET_DATA_DIR: dir }).done
    expect([first.code, first.out]).toEqual([
      0,
      expect.stringMatching(/^Seeded Exempelbiblioteket as a library at work in \d+\.\d\d s\./),
    ])
    const again = await torget(['demo'], { TORGET_DATA_DIR: dir }).done
    expect(again.out).toContain('Exempelbiblioteket already exists; nothing changed')
    const reset = await torget(['demo', '--reset', '--members'], { TORGET_DATA_DIR: dir }).done
    expect(reset.out).toMatch(/^Seeded Exempelbiblioteket with its five members in/)
    const wrong = await torget(['serve', '--demo=everything'], { TORGET_DATA_DIR: dir }).done
    expect([wrong.code, wrong.out.trim()]).toEqual([
      2,
      '--demo takes no value (a library at work) or =members (only its members)',
    ])
  })

  it('rebuilds the statistics of one library, or says there is no such library', async () => {
    const dir = dataDir()
    expect((await torget(['demo', '--members'], { TORGET_DATA_DIR: dir }).done).code).toBe(0)
    const database = openDatabase({ url: undefined, sqlitePath: path.join(dir, 'torget.sqlite') })
    const { db } = database
    const library = await db.selectFrom('libraries').select('id').executeTakeFirstOrThrow()
    const user = await db.selectFrom('users').select('id').executeTakeFirstOrThrow()
    await seedStatsScenario(db, library.id, user.id)
    const likes = async () =>
      Number(
        (
          await db
            .selectFrom('stats_daily')
            .select((eb) => eb.fn.sum<number>('count').as('n'))
            .where('kind', '=', 'like')
            .where('day', '>=', EXPECTED.from)
            .where('day', '<=', EXPECTED.to)
            .executeTakeFirstOrThrow()
        ).n ?? 0,
      )
    expect(await likes()).toBe(0)
    const rebuilt = await torget(['stats', 'rebuild', '--library', library.id], {
      TORGET_DATA_DIR: dir,
    }).done
    expect([rebuilt.code, rebuilt.out]).toEqual([
      0,
      expect.stringMatching(
        /^Rebuilt the statistics of 1 library in [\d.]+ s \(2 new ingest batches taken in first\)\./,
      ),
    ])
    expect(await likes()).toBe(EXPECTED.totals.likes)
    await database.close()
    const unknown = await torget(['stats', 'rebuild', '--library', 'nope'], {
      TORGET_DATA_DIR: dir,
    }).done
    expect([unknown.code, unknown.out.trim()]).toEqual([2, 'There is no library with the id nope.'])
  })

  it('guards first-time setup with a code printed at start and by doctor, used up by setup', async () => {
    const dir = dataDir()
    const server = torget(['serve'], { TORGET_DATA_DIR: dir, PORT: '0' })
    const [, url] = await waitForOutput(server, /Torget is running: open (http:\/\/\S+)/)
    const [, code] = await waitForOutput(
      server,
      /one-time setup code:\s+([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})/,
    )
    const doctor = await torget(['doctor'], { TORGET_DATA_DIR: dir }).done
    expect(doctor.code).toBe(0)
    expect(doctor.out).toContain(`No account yet. First visit: open`)
    expect(doctor.out).toContain(code)

    const setup = (setupCode: string) =>
      fetch(`${url}/api/v1/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        body: JSON.stringify({
          name: 'Astrid',
          email: 'astrid@bibliotek.se',
          password: 'ett-langt-losenord',
          libraryName: 'Stadsbiblioteket',
          setupCode,
        }),
      })
    const wrong = await setup('AAAA-BBBB-CCCC')
    expect(wrong.status).toBe(403)
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toContain(
      'torget doctor',
    )
    // Typed as people type it: lower case, without the dashes.
    expect((await setup(code!.toLowerCase().replaceAll('-', ''))).status).toBe(201)
    const after = await torget(['doctor'], { TORGET_DATA_DIR: dir }).done
    expect(after.out).not.toContain('No account yet')
    expect(after.out).not.toContain(code)
  })

  it('doctor says what is wrong when the database and SMTP are unreachable', async () => {
    const { code, out } = await torget(['doctor'], {
      TORGET_DATA_DIR: dataDir(),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x',
      SMTP_URL: 'smtp://127.0.0.1:1',
    }).done
    expect(code).toBe(1)
    expect(out).toContain('✗ Database not reachable')
    expect(out).toContain('✗ SMTP server in SMTP_URL does not work')
    expect(out).toMatch(/2 problem\(s\) found/)
  })
})
