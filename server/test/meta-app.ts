import type { Clock } from '../clock.js'
import type { Dialect } from '../db/database.js'
import { type StandInGraph, startStandInGraph } from '../adapters/meta/testing/stand-in-graph.js'
import { type TestApp, type TestClient, createTestApp, setUpFirstLibrary } from './harness.js'
import { freePort, listen } from './listen.js'
import { ALLOW_LOOPBACK } from './outbound.js'

// A Torget wired to the stand-in Graph API (server/adapters/meta/testing), with one library.

export const META_APP_ID = '1234567890'
export const META_APP_SECRET = '0123456789abcdef0123456789abcdef'
export const PAGE_ID = '1001'
export const INSTAGRAM_ID = '17841400000000001'
export const THREADS_USER_ID = '7001'

export interface MetaApp {
  stand: StandInGraph
  app: TestApp
  admin: TestClient
  libraryId: string
  /** Connects the Page with its Instagram account, or Threads, through the consent pages. */
  connect(kind: 'facebook' | 'threads'): Promise<void>
  /** The library's channels by network. */
  channels(): Promise<Record<string, { id: string; accessExpiresAt: string | null }>>
  close(): Promise<void>
}

export async function startMetaApp(
  dialect: Dialect,
  options: { scopes: string[]; env?: Record<string, string>; clock?: Clock },
): Promise<MetaApp> {
  const stand = await startStandInGraph({
    appId: META_APP_ID,
    appSecret: META_APP_SECRET,
    grantedScopes: options.scopes,
    threadsUser: { id: THREADS_USER_ID, username: 'stadsbiblioteket' },
    pages: [
      {
        id: PAGE_ID,
        name: 'Stadsbiblioteket',
        instagram: { id: INSTAGRAM_ID, username: 'stadsbiblioteket' },
      },
    ],
  })
  const port = await freePort()
  const app = await createTestApp(
    dialect,
    {
      ...ALLOW_LOOPBACK,
      TORGET_PUBLIC_URL: `http://127.0.0.1:${port}`,
      META_APP_ID,
      META_APP_SECRET,
      META_GRAPH_URL: stand.url,
      META_DIALOG_URL: stand.url,
      THREADS_APP_ID: META_APP_ID,
      THREADS_APP_SECRET: META_APP_SECRET,
      THREADS_GRAPH_URL: stand.url,
      THREADS_DIALOG_URL: stand.url,
      META_REQUIRE_PUBLIC_URL: 'false',
      ...options.env,
    },
    { metaPolling: { intervalMs: 5, attempts: 4 }, ...(options.clock && { clock: options.clock }) },
  )
  const server = listen(app.torget.http.fetch, port)
  const { admin, libraryId } = await setUpFirstLibrary(app)
  const base = `/api/v1/libraries/${libraryId}`

  async function consent(kind: 'facebook' | 'threads') {
    const started = await admin.post(`${base}/channels/meta/authorize`, { kind })
    const form = new URL(started.body.authorizeUrl)
    form.searchParams.set('decision', 'allow')
    const answered = await fetch(started.body.authorizeUrl, {
      method: 'POST',
      body: form.searchParams,
      redirect: 'manual',
    })
    const callback = new URL(answered.headers.get('location')!)
    const back = await admin.get(`${callback.pathname}${callback.search}`)
    return new URL(back.headers.get('location')!, 'http://torget.test')
  }

  return {
    stand,
    app,
    admin,
    libraryId,
    async connect(kind) {
      const back = await consent(kind)
      if (kind === 'threads') return
      const selection = back.hash.replace('#urval=', '')
      const connected = await admin.post(`${base}/channels/meta/connect`, {
        selection,
        pageId: PAGE_ID,
        facebook: true,
        instagram: true,
      })
      if (connected.status !== 201)
        throw new Error(`connect failed: ${connected.status} ${JSON.stringify(connected.body)}`)
    },
    async channels() {
      const list = (await admin.get(`${base}/channels`)).body as {
        id: string
        network: string
        accessExpiresAt: string | null
      }[]
      return Object.fromEntries(list.map((c) => [c.network, c]))
    },
    async close() {
      server.close()
      await app.close()
      await stand.close()
    },
  }
}
