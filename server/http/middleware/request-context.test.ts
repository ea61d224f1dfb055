import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../logger.js'
import type { AppEnv } from '../context.js'
import { requestContext } from './request-context.js'

function clientSeenBehind(trustedProxies: number) {
  const app = new Hono<AppEnv>()
  app.use('*', requestContext(createLogger('silent'), { trustedProxies }))
  app.get('/', (c) => c.json({ client: c.get('clientIp') }))
  return async (forwardedFor?: string) => {
    const res = await app.request('/', {
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    })
    return ((await res.json()) as { client: string | null }).client
  }
}

describe('the client address behind reverse proxies', () => {
  it('takes the entry the one trusted proxy added, not what the client wrote before it', async () => {
    const client = clientSeenBehind(1)
    expect(await client('198.51.100.7')).toBe('198.51.100.7')
    expect(await client('10.0.0.1, 198.51.100.7')).toBe('198.51.100.7')
    expect(await client('made-up, 10.0.0.1,198.51.100.7 ')).toBe('198.51.100.7')
  })

  it('counts TORGET_TRUST_PROXY_HOPS proxies from the right', async () => {
    const client = clientSeenBehind(2)
    // client-written, the client as the outer proxy saw it, the outer proxy as the inner saw it
    expect(await client('1.2.3.4, 198.51.100.7, 10.0.0.2')).toBe('198.51.100.7')
    expect(await client('198.51.100.7, 10.0.0.2')).toBe('198.51.100.7')
    // Fewer entries than proxies: the leftmost is the nearest thing to the client there is.
    expect(await client('10.0.0.2')).toBe('10.0.0.2')
  })

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    const client = clientSeenBehind(0)
    expect(await client('198.51.100.7')).toBeNull()
  })
})
