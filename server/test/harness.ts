import type { Clock } from '../clock.js'
import { type Config, loadConfig } from '../config/config.js'
import type { Dialect } from '../db/database.js'
import type { Adapters } from '../services/channel-service.js'
import { createLogger } from '../logger.js'
import { type Torget, buildTorget } from '../wiring.js'
import { type TestDatabase, createTestDatabase } from './databases.js'

export interface TestApp {
  torget: Torget
  config: Config
  database: TestDatabase
  client(): TestClient
  close(): Promise<void>
}

/** The real Torget, wired from config, on a fresh database of the given dialect. */
export async function createTestApp(
  dialect: Dialect,
  env: Record<string, string> = {},
  options: {
    adapters?: Adapters
    publishRetryBaseMs?: number
    clock?: Clock
    metaPolling?: { intervalMs: number; attempts: number }
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect)
  const config = loadConfig({
    TORGET_DATA_DIR: database.dataDir,
    ...(database.url && { DATABASE_URL: database.url }),
    TORGET_PUBLIC_URL: 'http://torget.test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    TORGET_SETUP_CODE: TEST_SETUP_CODE,
    ...env,
  })
  const torget = await buildTorget(config, createLogger(config.logLevel), options)
  return {
    torget,
    config,
    database,
    client: () => new TestClient((req) => torget.http.request(req)),
    async close() {
      await torget.close()
      await database.drop()
    },
  }
}

export interface TestResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

/** A browser stand-in: keeps the session cookie and sends the CSRF token like the web app. */
export class TestClient {
  private cookie: string | undefined
  csrfToken: string | undefined
  locale = 'sv'

  constructor(private readonly fetcher: (req: Request) => Response | Promise<Response>) {}

  /** Sends a raw file body, as the web app uploads images. */
  async upload<T = any>(
    path: string,
    bytes: Uint8Array,
    contentType: string,
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = {
      'accept-language': this.locale,
      'content-type': contentType,
      host: 'torget.test',
      'x-csrf-token': this.csrfToken ?? '',
    }
    if (this.cookie) headers.cookie = this.cookie
    const res = await this.fetcher(
      new Request(`http://torget.test${path}`, {
        method: 'POST',
        body: new Uint8Array(bytes),
        headers,
      }),
    )
    return { status: res.status, body: (await res.json()) as T, headers: res.headers }
  }

  /** Sends a request as the web app does and returns the raw response (for files). */
  async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const h: Record<string, string> = {
      'accept-language': this.locale,
      host: 'torget.test',
      ...headers,
    }
    if (this.cookie) h.cookie = this.cookie
    if (this.csrfToken && method !== 'GET') h['x-csrf-token'] = this.csrfToken
    let payload: string | undefined
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body)
      h['content-type'] ??= 'application/json'
    }
    const res = await this.fetcher(
      new Request(`http://torget.test${path}`, { method, headers: h, body: payload }),
    )
    const setCookie = res.headers.get('set-cookie')
    if (setCookie) {
      const pair = setCookie.split(';')[0]!
      this.cookie = pair.endsWith('=') ? undefined : pair
    }
    return res
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse<T>> {
    const res = await this.send(method, path, body, headers)
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      // not JSON: keep the text
    }
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed)
      this.csrfToken = String((parsed as { csrfToken: string }).csrfToken)
    return { status: res.status, body: parsed as T, headers: res.headers }
  }

  /** A POST whose answer is a file: its bytes, not text. */
  async download(
    path: string,
    body: unknown,
  ): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const headers: Record<string, string> = {
      'accept-language': this.locale,
      host: 'torget.test',
      'content-type': 'application/json',
      'x-csrf-token': this.csrfToken ?? '',
    }
    if (this.cookie) headers.cookie = this.cookie
    const res = await this.fetcher(
      new Request(`http://torget.test${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      }),
    )
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers }
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path)
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {})
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body)
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path)
  }
}

/** Tests set the one-time setup code themselves, as automation does (TORGET_SETUP_CODE). */
export const TEST_SETUP_CODE = 'TEST-SETUP-CODE'

export const SETUP = {
  name: 'Astrid Admin',
  email: 'astrid@bibliotek.test',
  password: 'ett-langt-losenord',
  libraryName: 'Stadsbiblioteket',
  setupCode: TEST_SETUP_CODE,
}

/** Runs first-time setup and returns the signed-in client and the library id. */
export async function setUpFirstLibrary(app: TestApp) {
  const admin = app.client()
  const res = await admin.post('/api/v1/setup', SETUP)
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { admin, libraryId: res.body.memberships[0].libraryId as string }
}

/**
 * Invites a new member with the given role by e-mail (so no confirmation round is needed) and
 * joins as them; returns their signed-in client.
 */
export async function addMember(
  app: TestApp,
  admin: TestClient,
  libraryId: string,
  role: string,
  email: string,
) {
  const invite = await admin.post(`/api/v1/libraries/${libraryId}/invitations`, { role, email })
  if (invite.status !== 201)
    throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`)
  const token = String(invite.body.url).split('/').pop()!
  const member = app.client()
  const joined = await member.post(`/api/v1/invitations/${token}/accept`, {
    name: `Test ${role}`,
    email,
    password: 'ett-langt-losenord',
  })
  if (joined.status !== 200)
    throw new Error(`join failed: ${joined.status} ${JSON.stringify(joined.body)}`)
  return { client: member, userId: joined.body.user.id as string }
}
