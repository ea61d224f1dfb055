import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ChannelError, type OutgoingPost } from '../channels/channel-adapter.js'
import { createMastodonAdapter } from './mastodon-adapter.js'
import { loopbackClient } from '../../test/outbound.js'
import {
  fixture,
  PASTED_TOKEN,
  startFakeMastodon,
  type FakeMastodon,
} from './testing/fake-mastodon.js'

// Every way a Mastodon call can go wrong, against a real HTTP server on loopback.

let fake: FakeMastodon
let adapter: ReturnType<typeof createMastodonAdapter>
const credentials = () => ({
  instanceUrl: fake.url,
  accessToken: PASTED_TOKEN,
  accountId: '109876543210987654',
})
const post: OutgoingPost = {
  publicationId: 'pub-e',
  text: 'Välkommen till biblioteket!',
  images: [],
}
const STATUSES = /^\/api\/v1\/statuses$/
const VERIFY = /^\/api\/v1\/accounts\/verify_credentials$/

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ChannelError)
  return error as ChannelError
}

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

beforeEach(async () => {
  fake = await startFakeMastodon()
  adapter = createMastodonAdapter({ timeoutMs: 300, fetch: loopbackClient() })
})
afterEach(() => fake.close())

describe('answers Mastodon gives', () => {
  it('401: the token is revoked, permanently, and the person is told to reconnect', async () => {
    fake.override('GET', VERIFY, { status: 401, json: fixture('error-401') })
    const error = await failure(adapter.verify(credentials()))
    expect(error).toMatchObject({ kind: 'permanent', code: 'auth_revoked' })
    expect(error.message).toBe('Mastodon refused the token: reconnect the channel')
  })

  it('a pasted token Mastodon does not accept: connect says so', async () => {
    const error = await failure(adapter.connect({ instanceUrl: fake.url, accessToken: 'typo' }))
    expect(error).toMatchObject({ kind: 'permanent', code: 'auth_failed' })
    expect(error.message).toBe('Mastodon did not accept this access token')
  })

  it('422 saying the text is too long: permanent text_too_long', async () => {
    fake.override('POST', STATUSES, { status: 422, json: fixture('error-422-text-too-long') })
    const error = await failure(adapter.publish(credentials(), post))
    expect(error).toMatchObject({ kind: 'permanent', code: 'text_too_long' })
  })

  it("422 in the account's own language: the text is counted against the live limit", async () => {
    const swedish = {
      error: 'Validering misslyckades: Text teckengränsen på 1000 har överskridits',
    }
    fake.override('POST', STATUSES, { status: 422, json: swedish }, 2)
    const long = { ...post, text: 'a'.repeat(1001) }
    expect(await failure(adapter.publish(credentials(), long))).toMatchObject({
      kind: 'permanent',
      code: 'text_too_long',
    })
    expect(await failure(adapter.publish(credentials(), post))).toMatchObject({
      kind: 'permanent',
      code: 'invalid_post',
    })
  })

  it('429: transient, with the wait Mastodon gave, and Torget holds back until then', async () => {
    const reset = new Date(Date.now() + 30_000).toISOString()
    fake.override('POST', STATUSES, {
      status: 429,
      json: fixture('error-429'),
      headers: {
        'X-RateLimit-Limit': '300',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': reset,
      },
    })
    const error = await failure(adapter.publish(credentials(), post))
    expect(error).toMatchObject({ kind: 'transient', code: 'rate_limited' })
    expect(error.retryAfterMs).toBeGreaterThan(25_000)
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000)

    const sent = fake.requests.length
    const held = await failure(adapter.publish(credentials(), post))
    expect(held).toMatchObject({ kind: 'transient', code: 'rate_limited' })
    expect(fake.requests).toHaveLength(sent)
  })

  it('503: transient server_error', async () => {
    fake.override('GET', VERIFY, { status: 503, json: fixture('error-503') })
    expect(await failure(adapter.verify(credentials()))).toMatchObject({
      kind: 'transient',
      code: 'server_error',
    })
  })

  it('504 from a proxy in front of POST /statuses: unknown, the post may exist', async () => {
    fake.override('POST', STATUSES, { status: 504, text: '<html>504 Gateway Time-out</html>' })
    expect(await failure(adapter.publish(credentials(), post))).toMatchObject({
      kind: 'unknown',
      code: 'server_error',
    })
  })

  it('404 on the account: account_gone', async () => {
    fake.override('GET', /\/statuses$/, { status: 404, json: fixture('error-404') })
    expect(await failure(adapter.lookup(credentials(), post))).toMatchObject({
      kind: 'permanent',
      code: 'account_gone',
    })
  })
})

describe('answers that never come, or are not Mastodon', () => {
  it('a connection cut mid-response to POST /statuses: unknown, the post may exist', async () => {
    fake.override('POST', STATUSES, { destroy: 'mid-body' })
    expect(await failure(adapter.publish(credentials(), post))).toMatchObject({ kind: 'unknown' })
    fake.override('POST', STATUSES, { destroy: 'before-headers' })
    expect(await failure(adapter.publish(credentials(), post))).toMatchObject({ kind: 'unknown' })
  })

  it('a slow answer to POST /statuses: unknown timeout; to a read: transient timeout', async () => {
    fake.override('POST', STATUSES, { status: 200, json: fixture('status'), delayMs: 1_000 })
    expect(await failure(adapter.publish(credentials(), post))).toMatchObject({
      kind: 'unknown',
      code: 'timeout',
    })
    fake.override('GET', VERIFY, {
      status: 200,
      json: fixture('credential-account'),
      delayMs: 1_000,
    })
    expect(await failure(adapter.verify(credentials()))).toMatchObject({
      kind: 'transient',
      code: 'timeout',
    })
  })

  it('an HTML page instead of JSON: bad_response, never a crash', async () => {
    const html = { status: 200, text: '<!DOCTYPE html><html><body>Maintenance</body></html>' }
    fake.override('GET', VERIFY, html)
    expect(await failure(adapter.verify(credentials()))).toMatchObject({
      kind: 'permanent',
      code: 'bad_response',
    })
    fake.override('POST', STATUSES, html)
    expect(await failure(adapter.publish(credentials(), post))).toMatchObject({
      kind: 'unknown',
      code: 'bad_response',
    })
  })

  it('JSON that is not the documented entity: bad_response', async () => {
    fake.override('GET', VERIFY, { status: 200, json: { id: 42, username: null } })
    expect(await failure(adapter.verify(credentials()))).toMatchObject({ code: 'bad_response' })
  })

  it('connection refused on connect: a clear permanent error', async () => {
    const port = await closedPort()
    const error = await failure(
      adapter.connect({ instanceUrl: `http://127.0.0.1:${port}`, accessToken: PASTED_TOKEN }),
    )
    expect(error).toMatchObject({ kind: 'permanent', code: 'network_unreachable' })
    expect(error.message).toBe(
      `Could not reach 127.0.0.1:${port} (the server refused the connection). Check the server address.`,
    )
  })

  it('connection refused on publish: transient, nothing was sent', async () => {
    const port = await closedPort()
    const error = await failure(
      adapter.publish({ ...credentials(), instanceUrl: `http://127.0.0.1:${port}` }, post),
    )
    expect(error).toMatchObject({ kind: 'transient', code: 'network_unreachable' })
  })

  it('an address that is not http(s): refused before any request', async () => {
    const error = await failure(
      adapter.connect({ instanceUrl: 'ftp://social.example', accessToken: PASTED_TOKEN }),
    )
    expect(error).toMatchObject({ kind: 'permanent', code: 'auth_failed' })
    expect(fake.requests).toHaveLength(0)
  })
})
