import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStore } from '../repos/index.js'
import { hashPassword } from '../security/passwords.js'
import { newId } from '../security/tokens.js'
import { type TestDatabase, availableDialects, createTestDatabase } from '../test/databases.js'

// Each web process keeps sessions and memberships in memory (services/access-cache.ts). Two
// real `torget serve` processes on one database: what one of them ends, the other must refuse
// on its very next request.

const root = path.resolve(import.meta.dirname, '../..')
const PASSWORD = 'ett-langt-losenord'

async function serve(database: TestDatabase) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'server/cli/main.ts'), 'serve'],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LOG_LEVEL: 'warn',
        TORGET_ROLES: 'web',
        TORGET_DATA_DIR: database.dataDir,
        ...(database.url && { DATABASE_URL: database.url }),
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const until = Date.now() + 30_000
  for (;;) {
    const url = out.match(/Torget is running: open (http:\/\/\S+)/)?.[1]
    if (url) return { child, url }
    if (child.exitCode !== null || Date.now() > until) throw new Error(`serve failed: ${out}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** A signed-in browser against one process: cookie and CSRF token, like the web app. */
async function signIn(url: string, email: string) {
  const res = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  expect(res.status).toBe(200)
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  return (base: string) => async (method: string, route: string, body?: unknown) => {
    const answer = await fetch(`${base}/api/v1${route}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await answer.text()
    return { status: answer.status, body: text ? JSON.parse(text) : undefined }
  }
}

const dialects = await availableDialects()

describe.each(dialects)('sessions and roles across two web processes on %s', (dialect) => {
  let database: TestDatabase
  let a: Awaited<ReturnType<typeof serve>>
  let b: Awaited<ReturnType<typeof serve>>
  const libraryId = newId()
  const adminId = newId()
  const memberId = newId()

  beforeAll(async () => {
    database = await createTestDatabase(dialect)
    const { repos } = createStore(database.db)
    const now = new Date().toISOString()
    const passwordHash = await hashPassword(PASSWORD)
    await repos.libraries.insert({
      id: libraryId,
      name: 'Stadsbiblioteket',
      timeZone: 'Europe/Stockholm',
      locale: 'sv',
      now,
    })
    for (const [id, email, role] of [
      [adminId, 'astrid@bibliotek.test', 'admin'],
      [memberId, 'rut@bibliotek.test', 'editor'],
    ] as const) {
      await repos.users.insert({
        id,
        email,
        name: email,
        passwordHash,
        locale: 'sv',
        isInstanceAdmin: false,
        now,
      })
      await repos.memberships.insert({ libraryId, userId: id, role, now })
    }
    // One after the other: the first start writes the shared secrets file.
    a = await serve(database)
    b = await serve(database)
  }, 90_000)

  afterAll(async () => {
    for (const server of [a, b]) {
      if (!server || server.child.exitCode !== null) continue
      server.child.kill('SIGTERM')
      await new Promise((r) => server.child.once('exit', r))
    }
    await database?.drop()
  })

  it('a role taken away in one process holds in the other at once', async () => {
    const admin = (await signIn(a.url, 'astrid@bibliotek.test'))(a.url)
    const member = (await signIn(b.url, 'rut@bibliotek.test'))(b.url)
    const draft = { text: 'Sagostund på lördag', channelIds: [] }
    // The member's session and role are now in process B's memory.
    expect((await member('GET', `/libraries/${libraryId}/workspace`)).body.role).toBe('editor')
    expect((await member('POST', `/libraries/${libraryId}/posts`, draft)).status).toBe(201)

    const changed = await admin('PATCH', `/libraries/${libraryId}/members/${memberId}`, {
      role: 'reader',
    })
    expect(changed.status).toBe(200)
    expect((await member('POST', `/libraries/${libraryId}/posts`, draft)).status).toBe(403)
    expect((await member('GET', `/libraries/${libraryId}/workspace`)).body.role).toBe('reader')

    expect((await admin('DELETE', `/libraries/${libraryId}/members/${memberId}`)).status).toBe(204)
    expect((await member('GET', `/libraries/${libraryId}/workspace`)).status).toBe(404)
  })

  it('signing out in one process ends the session in the other at once', async () => {
    const session = await signIn(a.url, 'astrid@bibliotek.test')
    const onA = session(a.url)
    const onB = session(b.url)
    expect((await onB('GET', `/libraries/${libraryId}/workspace`)).status).toBe(200)
    expect((await onB('GET', '/auth/session')).status).toBe(200)

    expect((await onA('POST', '/auth/sign-out', {})).status).toBe(204)
    expect((await onB('GET', `/libraries/${libraryId}/workspace`)).status).toBe(401)
    expect((await onB('GET', '/auth/session')).status).toBe(401)
  })
})
