import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBlueskyNetwork, type BlueskyNetwork } from '../../test/bluesky.js'
import { loopbackClient } from '../../test/outbound.js'
import type { ChannelCredentials } from '../channels/channel-adapter.js'
import { BlueskyAdapter } from './bluesky-adapter.js'
import type { CredentialsUpdateHandler } from './session.js'

let network: BlueskyNetwork
beforeAll(async () => {
  // Real rate limits, to meet a real 429.
  network = await startBlueskyNetwork({ rateLimits: true })
})
afterAll(() => network?.close())

/** An adapter whose HTTP requests are counted by XRPC method, and whose session updates are kept. */
function observedAdapter(options: { requestTimeoutMs?: number } = {}) {
  const calls: string[] = []
  const updates: Parameters<CredentialsUpdateHandler>[0][] = []
  const adapter = new BlueskyAdapter({
    ...options,
    fetch: loopbackClient({
      onRequest: ({ url }) => calls.push(url.pathname.replace('/xrpc/', '')),
    }),
    onCredentialsUpdate: (update) => {
      updates.push(update)
    },
  })
  const count = (method: string) => calls.filter((c) => c === method).length
  return { adapter, calls, updates, count }
}

async function connectNewAccount(
  name: string,
  adapter = new BlueskyAdapter({ fetch: loopbackClient() }),
) {
  const account = await network.createAccount(name)
  const { credentials } = await adapter.connect({
    identifier: account.handle,
    appPassword: account.appPassword,
    service: network.pdsUrl,
  })
  return { account, credentials }
}

const post = (text: string) => ({ publicationId: crypto.randomUUID(), text, images: [] })

describe('the stored Bluesky session', () => {
  it('is reused across calls: one sign-in for connecting, none for publishing', async () => {
    const { adapter, updates, count } = observedAdapter()
    const { bibliotek } = network.accounts
    const { credentials } = await adapter.connect({
      identifier: bibliotek.handle,
      appPassword: bibliotek.appPassword,
      service: network.pdsUrl,
    })
    await adapter.publish(credentials, post('Första inlägget'))
    await adapter.publish(credentials, post('Andra inlägget'))
    await adapter.verify(credentials)
    await adapter.lookup(credentials, post('Tredje'))
    expect(count('com.atproto.server.createSession')).toBe(1)
    expect(count('com.atproto.server.refreshSession')).toBe(0)
    expect(updates).toEqual([])
  })

  it('is refreshed, not replaced by a new sign-in, when the PDS rejects the access token', async () => {
    const { credentials } = await connectNewAccount('refresh')
    const { adapter, updates, count } = observedAdapter()
    const stale = { ...credentials, accessJwt: 'no-longer-valid' }
    await adapter.publish(stale, post('Efter en förnyad session'))
    expect(count('com.atproto.server.refreshSession')).toBe(1)
    expect(count('com.atproto.server.createSession')).toBe(0)
    expect(updates).toHaveLength(1)
    const { previous, next } = updates[0]!
    expect(previous).toBe(stale) // the caller's own object, to find the channel by
    expect(next).toMatchObject({ did: credentials.did, appPassword: credentials.appPassword })
    expect(next.refreshJwt).not.toBe(credentials.refreshJwt)

    await adapter.verify(next)
    expect(count('com.atproto.server.refreshSession')).toBe(1)
    expect(updates).toHaveLength(1)
  })

  it('signs in again with the app password only when the refresh is refused too', async () => {
    const { credentials } = await connectNewAccount('relogin')
    const { adapter, updates, count } = observedAdapter()
    const lost: ChannelCredentials = { ...credentials, accessJwt: 'x', refreshJwt: 'y' }
    const { account } = await adapter.verify(lost)
    expect(account.handle).toBe('relogin.test')
    expect(count('com.atproto.server.createSession')).toBe(1)
    expect(updates[0]?.next.accessJwt).toBeTruthy()
    expect(updates[0]?.next.accessJwt).not.toBe('x')
  })
})

describe('a Bluesky account that no longer lets Torget in', () => {
  it('reports a revoked app password as permanent auth_revoked', async () => {
    const { account, credentials } = await connectNewAccount('revoked')
    await account.agent.com.atproto.server.revokeAppPassword({ name: 'Torget' })
    // The PDS keeps honouring issued access tokens until they expire; this one has.
    const expired = { ...credentials, accessJwt: 'expired' }
    await expect(
      new BlueskyAdapter({ fetch: loopbackClient() }).verify(expired),
    ).rejects.toMatchObject({
      kind: 'permanent',
      code: 'auth_revoked',
    })
  })

  it('reports a deactivated account as permanent account_gone', async () => {
    const { account, credentials } = await connectNewAccount('deactivated')
    await account.agent.com.atproto.server.deactivateAccount({})
    const adapter = new BlueskyAdapter({ fetch: loopbackClient() })
    const gone = { kind: 'permanent', code: 'account_gone' }
    await expect(adapter.verify(credentials)).rejects.toMatchObject(gone)
    await expect(adapter.publish(credentials, post('Hej'))).rejects.toMatchObject(gone)
  })
})

describe('an uncertain or refused publish', () => {
  it('calls a createRecord without an answer "unknown", and lookup then decides without a second post', async () => {
    const { account, credentials } = await connectNewAccount('timeout')
    const hasty = new BlueskyAdapter({ requestTimeoutMs: 1, fetch: loopbackClient() })
    const attempt = post('Kommer det fram?')
    await expect(hasty.publish(credentials, attempt)).rejects.toMatchObject({
      kind: 'unknown',
      code: 'timeout',
    })

    const adapter = new BlueskyAdapter({ fetch: loopbackClient() })
    const found = await adapter.lookup(credentials, attempt)
    const published = found ?? (await adapter.publish(credentials, attempt))
    expect(await adapter.publish(credentials, attempt)).toEqual(published)
    const listed = await account.agent.com.atproto.repo.listRecords({
      repo: account.did,
      collection: 'app.bsky.feed.post',
    })
    expect(listed.data.records.map((r) => r.uri)).toEqual([published.remoteId])
  })

  it('calls a refused connection transient: the post cannot have been made', async () => {
    const { credentials } = await connectNewAccount('offline')
    const server = http.createServer().listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    const { port } = server.address() as AddressInfo
    await new Promise((resolve) => server.close(resolve))
    const offline = { ...credentials, service: `http://127.0.0.1:${port}` }
    await expect(
      new BlueskyAdapter({ fetch: loopbackClient() }).publish(offline, post('Hej')),
    ).rejects.toMatchObject({
      kind: 'transient',
      code: 'network_unreachable',
    })
  })

  it("turns Bluesky's 429 into a transient error with a wait, and then holds back by itself", async () => {
    const identifier = 'hammered.test'
    const createSession = `${network.pdsUrl}/xrpc/com.atproto.server.createSession`
    // Use up the PDS's 30 sign-ins per 5 minutes for this identifier.
    await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(createSession, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ identifier, password: 'wrong' }),
        }).then((res) => res.body?.cancel()),
      ),
    )
    const { adapter, count } = observedAdapter()
    const input = { identifier, appPassword: 'wrong', service: network.pdsUrl }
    const error = await adapter.connect(input).catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'transient', code: 'rate_limited' })
    const wait = (error as { retryAfterMs: number }).retryAfterMs
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(5 * 60_000)

    await expect(adapter.connect(input)).rejects.toMatchObject({ code: 'rate_limited' })
    expect(count('com.atproto.server.createSession')).toBe(1)
  })
})
