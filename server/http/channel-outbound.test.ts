import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type FakeMastodon,
  PASTED_TOKEN,
  startFakeMastodon,
} from '../adapters/mastodon/testing/fake-mastodon.js'
import { availableDialects } from '../test/databases.js'
import { type TestApp, type TestClient, createTestApp, setUpFirstLibrary } from '../test/harness.js'
import { ALLOW_LOOPBACK } from '../test/outbound.js'

/** A server on `host` that counts what reaches it; with `redirectTo`, it sends everything on there. */
async function countingServer(host: string, port = 0, redirectTo?: string) {
  const server = http.createServer((req, res) => {
    counter.requests += 1
    req.resume()
    if (redirectTo) res.writeHead(307, { location: `${redirectTo}${req.url ?? '/'}` }).end()
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
  })
  await new Promise<void>((resolve) => server.listen(port, host, resolve))
  const { port: bound } = server.address() as AddressInfo
  const counter = {
    requests: 0,
    port: bound,
    url: `http://${host}:${bound}`,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    },
  }
  return counter
}

/** Each way a person can make Torget call a network's server at `url`. */
function connectors(url: string) {
  return [
    {
      name: 'Bluesky with its own server',
      path: 'channels/bluesky',
      body: { identifier: 'bibliotek.test', appPassword: 'abcd-efgh-ijkl-mnop', service: url },
    },
    {
      name: 'Mastodon with an access token',
      path: 'channels/mastodon',
      body: { instanceUrl: url, accessToken: PASTED_TOKEN },
    },
    {
      name: "Mastodon through the instance's sign-in page",
      path: 'channels/mastodon/authorize',
      body: { instanceUrl: url },
    },
  ]
}

describe.each(await availableDialects())(
  'channel connectors and internal addresses on %s',
  (dialect) => {
    let inside: Awaited<ReturnType<typeof countingServer>>
    let relay: Awaited<ReturnType<typeof countingServer>>
    let mastodon: FakeMastodon
    const apps: TestApp[] = []

    async function signedIn(env: Record<string, string> = {}) {
      const app = await createTestApp(dialect, env)
      apps.push(app)
      const { admin, libraryId } = await setUpFirstLibrary(app)
      const post = (path: string, body: unknown, client: TestClient = admin) =>
        client.post(`/api/v1/libraries/${libraryId}/${path}`, body)
      return { admin, post }
    }

    beforeAll(async () => {
      inside = await countingServer('127.0.0.1')
      // A server the operator has allowed (127.0.0.2) that redirects to one it has not (127.0.0.1).
      relay = await countingServer('127.0.0.2', inside.port, inside.url)
      mastodon = await startFakeMastodon()
    })
    afterAll(async () => {
      for (const app of apps) await app.close()
      await inside?.close()
      await relay?.close()
      await mastodon?.close()
    })

    it('sends nothing to a loopback server by default, and says which rule stopped it', async () => {
      const { admin, post } = await signedIn()
      for (const connector of connectors(inside.url)) {
        admin.locale = 'sv'
        const sv = await post(connector.path, connector.body)
        expect(sv.status, connector.name).toBe(400)
        expect(sv.body.error.code).toBe('channel_connect_failed')
        expect(sv.body.error.message).toContain('Adressen pekar på ett internt nätverk')
        expect(sv.body.error.message).toContain('TORGET_FETCH_ALLOW_PRIVATE')
        admin.locale = 'en'
        const en = await post(connector.path, connector.body)
        expect(en.body.error.message).toContain('The address points into an internal network')
        expect(en.body.error.message).toContain('TORGET_FETCH_ALLOW_PRIVATE')
      }
      const byName = await post('channels/mastodon', {
        instanceUrl: `http://localhost:${inside.port}`,
        accessToken: PASTED_TOKEN,
      })
      expect(byName.body.error.message).toContain('TORGET_FETCH_ALLOW_PRIVATE')
      expect(inside.requests).toBe(0)
    })

    it('does not follow an allowed server that redirects to an address that is not allowed', async () => {
      const { post } = await signedIn({ TORGET_FETCH_ALLOW_PRIVATE: '127.0.0.2/32' })
      const before = relay.requests
      const [bluesky, token, authorize] = await Promise.all(
        connectors(relay.url).map((c) => post(c.path, c.body)),
      )
      // Sign-in and verify_credentials follow redirects, each hop checked again: refused by the rule.
      expect(bluesky!.body.error.message).toContain('TORGET_FETCH_ALLOW_PRIVATE')
      expect(token!.body.error.message).toContain('TORGET_FETCH_ALLOW_PRIVATE')
      // Registering the app is a POST, which is never redirected at all.
      expect(authorize!.status).toBe(400)
      expect(relay.requests).toBeGreaterThanOrEqual(before + 3)
      expect(inside.requests).toBe(0)
    })

    it('reaches a loopback server once the operator allows its range', async () => {
      const { post } = await signedIn(ALLOW_LOOPBACK)
      const token = await post('channels/mastodon', {
        instanceUrl: mastodon.url,
        accessToken: PASTED_TOKEN,
      })
      expect(token.status).toBe(201)
      const authorize = await post('channels/mastodon/authorize', { instanceUrl: mastodon.url })
      expect(authorize.status).toBe(200)
      expect(mastodon.find('POST', '/api/v1/apps')).toHaveLength(1)
    })
  },
)
