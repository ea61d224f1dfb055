import { expect } from 'vitest'
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

/** A Torget whose Meta app is the stand-in, on its own port (Meta fetches images from it). */
export async function startWithStandIn(
  dialect: Dialect,
  options: Omit<StandInOptions, 'appId' | 'appSecret'>,
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
      META_WEBHOOK_VERIFY_TOKEN: META_VERIFY_TOKEN,
      // The stand-in and Torget both live on loopback here.
      META_REQUIRE_PUBLIC_URL: 'false',
    },
    { metaPolling: { intervalMs: 5, attempts: 4 } },
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
