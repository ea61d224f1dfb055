import { expect } from 'vitest'
import type { Clock } from '../clock.js'
import type { Dialect } from '../db/database.js'
import { type StandInOptions, startStandInGraph } from '../adapters/meta/testing/stand-in-graph.js'
import type { AttemptResult } from '../services/publishing-service.js'
import type { Torget } from '../wiring.js'
import { type TestClient, createTestApp, setUpFirstLibrary } from './harness.js'
import { freePort, listen } from './listen.js'
import { ALLOW_LOOPBACK } from './outbound.js'

// Torget against the stand-in Graph API (server/adapters/meta/testing); no Meta server is
// reachable from the tests.

export const META_APP_ID = '1234567890'
export const META_APP_SECRET = '0123456789abcdef0123456789abcdef'
export const META_VERIFY_TOKEN = 'stand-in-verify-token-0001'
export const PAGE_ID = '1001'
export const INSTAGRAM_ID = '17841400000000001'
export const THREADS_USER_ID = '7001'
/** The library's Facebook Page with its linked Instagram professional account, and its Threads user. */
export const LIBRARY_PAGE = {
  id: PAGE_ID,
  name: 'Stadsbiblioteket',
  instagram: { id: INSTAGRAM_ID, username: 'stadsbiblioteket' },
}
export const THREADS_USER = { id: THREADS_USER_ID, username: 'stadsbiblioteket' }

/**
 * A Torget whose Meta app is the stand-in, on its own port (Meta fetches images from it), with
 * one library. `env` adds to or overrides its configuration.
 */
export async function startWithStandIn(
  dialect: Dialect,
  options: Omit<StandInOptions, 'appId' | 'appSecret'>,
  extra: { env?: Record<string, string>; clock?: Clock } = {},
) {
  const stand = await startStandInGraph({
    appId: META_APP_ID,
    appSecret: META_APP_SECRET,
    ...options,
  })
  const port = await freePort()
  const app = await createTestApp(
    dialect,
    {
      ...ALLOW_LOOPBACK,
      TORGET_PUBLIC_URL: `http://127.0.0.1:${port}`,
      META_APP_ID: META_APP_ID,
      META_APP_SECRET: META_APP_SECRET,
      META_GRAPH_URL: stand.url,
      META_DIALOG_URL: stand.url,
      THREADS_APP_ID: META_APP_ID,
      THREADS_APP_SECRET: META_APP_SECRET,
      THREADS_GRAPH_URL: stand.url,
      THREADS_DIALOG_URL: stand.url,
      // The stand-in and Torget both live on loopback here.
      META_REQUIRE_PUBLIC_URL: 'false',
      ...extra.env,
    },
    { metaPolling: { intervalMs: 5, attempts: 4 }, ...(extra.clock && { clock: extra.clock }) },
  )
  const server = listen(app.torget.http.fetch, port)
  const { admin, libraryId } = await setUpFirstLibrary(app)
  return {
    stand,
    app,
    admin,
    libraryId,
    async close() {
      server.close()
      await app.close()
      await stand.close()
    },
  }
}

/** The consent round trip as a browser makes it: Torget → Meta's page → Allow → Torget. */
export async function consent(admin: TestClient, libraryId: string, kind: 'facebook' | 'threads') {
  const started = await admin.post(`/api/v1/libraries/${libraryId}/channels/meta/authorize`, {
    kind,
  })
  expect(started.status).toBe(200)
  const form = new URL(started.body.authorizeUrl)
  form.searchParams.set('decision', 'allow')
  const answered = await fetch(started.body.authorizeUrl, {
    method: 'POST',
    body: form.searchParams,
    redirect: 'manual',
  })
  const callback = new URL(answered.headers.get('location')!)
  const back = await admin.get(`${callback.pathname}${callback.search}`)
  expect(back.status).toBe(302)
  return new URL(back.headers.get('location')!, 'http://torget.test')
}

/** Connects the Page with its Instagram account, and Threads; answers their channel ids. */
export async function connectMeta(admin: TestClient, libraryId: string, pageId: string) {
  const back = await consent(admin, libraryId, 'facebook')
  const selection = back.hash.replace('#urval=', '')
  const connected = await admin.post(`/api/v1/libraries/${libraryId}/channels/meta/connect`, {
    selection,
    pageId,
    facebook: true,
    instagram: true,
  })
  expect(connected.status).toBe(201)
  expect((await consent(admin, libraryId, 'threads')).searchParams.get('ansluten')).toBe('threads')
  const channels = (await admin.get(`/api/v1/libraries/${libraryId}/channels`)).body as {
    id: string
    network: string
  }[]
  const id = (network: string) => channels.find((c) => c.network === network)!.id
  return { facebook: id('facebook'), instagram: id('instagram'), threads: id('threads') }
}

/** One round of the publishing worker, as the dispatcher runs it. */
export async function runDue(torget: Torget): Promise<AttemptResult[]> {
  const publishing = torget.services.publishing
  const { ready, decided } = await publishing.prepare(await publishing.claimDue(10))
  const results = [...decided]
  for (const attempt of ready)
    results.push({ claimed: attempt.claimed, outcome: await publishing.attempt(attempt) })
  await publishing.record(results)
  return results
}

export type MetaApp = Awaited<ReturnType<typeof startMetaApp>>

/** The stand-in with the library's Page, its Instagram account and Threads, granted `scopes`. */
export async function startMetaApp(
  dialect: Dialect,
  options: { scopes: string[]; env?: Record<string, string>; clock?: Clock },
) {
  const started = await startWithStandIn(
    dialect,
    {
      grantedScopes: options.scopes,
      threadsUser: THREADS_USER,
      pages: [LIBRARY_PAGE],
    },
    options,
  )
  const { admin, libraryId } = started
  const base = `/api/v1/libraries/${libraryId}`
  return {
    ...started,
    /** Connects the Page with its Instagram account, or Threads, through the consent pages. */
    async connect(kind: 'facebook' | 'threads') {
      const back = await consent(admin, libraryId, kind)
      if (kind === 'threads') return
      const connected = await admin.post(`${base}/channels/meta/connect`, {
        selection: back.hash.replace('#urval=', ''),
        pageId: PAGE_ID,
        facebook: true,
        instagram: true,
      })
      if (connected.status !== 201)
        throw new Error(`connect failed: ${connected.status} ${JSON.stringify(connected.body)}`)
    },
    /** The library's channels by network. */
    async channels(): Promise<Record<string, { id: string; accessExpiresAt: string | null }>> {
      const list = (await admin.get(`${base}/channels`)).body as {
        id: string
        network: string
        accessExpiresAt: string | null
      }[]
      return Object.fromEntries(list.map((c) => [c.network, c]))
    },
  }
}
