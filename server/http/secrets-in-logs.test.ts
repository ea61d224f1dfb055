import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../config/config.js'
import type { Dialect } from '../db/database.js'
import { createLogger } from '../logger.js'
import { availableDialects, createTestDatabase } from '../test/databases.js'
import {
  SETUP,
  TEST_SETUP_CODE,
  type TestApp,
  TestClient,
  setUpFirstLibrary,
} from '../test/harness.js'
import { startSmtpServer } from '../test/smtp.js'
import { buildTorget } from '../wiring.js'

/** The real app with its real logger, writing into a list instead of stdout. */
async function appWithCapturedLog(dialect: Dialect, env: Record<string, string> = {}) {
  const database = await createTestDatabase(dialect)
  const config = loadConfig({
    TORGET_DATA_DIR: database.dataDir,
    ...(database.url && { DATABASE_URL: database.url }),
    TORGET_PUBLIC_URL: 'http://torget.test',
    TORGET_SETUP_CODE: TEST_SETUP_CODE,
    ...env,
  })
  const lines: string[] = []
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) })
  const torget = await buildTorget(config, logger)
  const app: TestApp = {
    torget,
    config,
    database,
    client: () => new TestClient((req) => torget.http.request(req)),
    async close() {
      await torget.close()
      await database.drop()
    },
  }
  return { app, log: () => lines.join('') }
}

async function until<T>(look: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = look()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** Everything the job queue keeps of its jobs, as text. */
async function jobTables(app: TestApp, dialect: Dialect): Promise<string> {
  const { rows } =
    dialect === 'sqlite'
      ? await sql<{ data: string }>`select payload as data from jobs`.execute(app.database.db)
      : await sql<{ data: string }>`select data::text as data from pgboss.job`.execute(
          app.database.db,
        )
  return rows.map((r) => r.data).join('\n')
}

describe.each(await availableDialects())('secrets stay out of logs and tables on %s', (dialect) => {
  let app: TestApp
  let log: () => string
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  beforeAll(async () => {
    smtp = await startSmtpServer()
    ;({ app, log } = await appWithCapturedLog(dialect, { SMTP_URL: smtp.url }))
    await app.torget.startWorker()
  })
  afterAll(async () => {
    await app?.close()
    await smtp?.close()
  })

  it('logs a request to a calendar feed or an invitation without its secret address', async () => {
    const { admin, libraryId } = await setUpFirstLibrary(app)
    const feed = await admin.post(`/api/v1/libraries/${libraryId}/calendar/feed`)
    const feedPath = new URL(feed.body.url).pathname
    const feedToken = feedPath.split('/').pop()!
    expect((await app.client().get(feedPath)).status).toBe(200)

    const invitation = await admin.post(`/api/v1/libraries/${libraryId}/invitations`, {
      role: 'writer',
    })
    const inviteToken = String(invitation.body.url).split('/').pop()!
    expect((await app.client().get(`/api/v1/invitations/${inviteToken}`)).status).toBe(200)

    const logged = log()
    expect(logged).toContain('"path":"/api/v1/public/calendar-feeds/[redacted]"')
    expect(logged).toContain('"path":"/api/v1/invitations/[redacted]"')
    expect(logged).not.toContain(feedToken)
    expect(logged).not.toContain(inviteToken)
  })

  it('keeps no reset link readable in the job tables, before or after sending', async () => {
    const forgot = app.client()
    await forgot.post('/api/v1/auth/password-reset/request', { email: SETUP.email })
    const mail = await smtp.waitFor((m) => m.subject === 'Byt lösenord i Torget')
    const token = decodeURIComponent(mail.text.match(/aterstall-losenord\?token=([\w%-]+)/)![1]!)

    const tables = await jobTables(app, dialect)
    expect(tables).toContain('Byt lösenord i Torget')
    expect(tables).not.toContain(token)
    expect(tables).not.toContain('aterstall-losenord')
    expect(log()).not.toContain(token)
    // The link still works: sealing did not change what was sent.
    const changed = await forgot.post('/api/v1/auth/password-reset/confirm', {
      token,
      password: 'ett-nytt-langt-losenord',
    })
    expect(changed.status).toBe(204)
  })
})

describe('the log instead of SMTP', () => {
  let app: TestApp
  let log: () => string
  beforeAll(async () => {
    ;({ app, log } = await appWithCapturedLog('sqlite'))
    await app.torget.startWorker()
  })
  afterAll(async () => app?.close())

  it('names the recipient and subject of an unsent email, never its text', async () => {
    await setUpFirstLibrary(app)
    await app.client().post('/api/v1/auth/password-reset/request', { email: SETUP.email })
    const line = await until(
      () =>
        log()
          .split('\n')
          .find((l) => l.includes('email not sent')),
      'the unsent email to be logged',
    )
    expect(JSON.parse(line).email).toEqual({ to: SETUP.email, subject: 'Byt lösenord i Torget' })
    expect(log()).not.toContain('aterstall-losenord')
    expect(log()).not.toContain('Någon (förhoppningsvis du)')
  })
})
