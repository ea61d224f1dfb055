import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { MetaSettings } from './settings.js'
import { metaWebhooks } from './webhooks.js'

const settings = {
  facebook: { appId: '1234567890', appSecret: 'a'.repeat(32) },
  threads: { appId: '1234567891', appSecret: 'b'.repeat(32) },
} as MetaSettings
const hooks = metaWebhooks(settings, 'verify-token-0000001')
const sign = (body: string, secret: string) =>
  `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`
const bytes = (s: string) => new TextEncoder().encode(s)

describe("Meta's webhook protocol", () => {
  it('accepts a body signed with either app secret, and nothing else', () => {
    const body = '{"object":"page","entry":[]}'
    expect(hooks.signedByMeta(bytes(body), sign(body, 'a'.repeat(32)))).toBe(true)
    expect(hooks.signedByMeta(bytes(body), sign(body, 'b'.repeat(32)))).toBe(true)
    expect(hooks.signedByMeta(bytes(body), sign(body, 'c'.repeat(32)))).toBe(false)
    expect(hooks.signedByMeta(bytes(`${body} `), sign(body, 'a'.repeat(32)))).toBe(false)
    expect(hooks.signedByMeta(bytes(body), undefined)).toBe(false)
    expect(hooks.signedByMeta(bytes(body), 'sha1=abc')).toBe(false)
  })

  it('answers the challenge only to a subscription with the verify token', () => {
    expect(
      hooks.challenge({ mode: 'subscribe', token: 'verify-token-0000001', challenge: '42' }),
    ).toBe('42')
    expect(
      hooks.challenge({ mode: 'subscribe', token: 'verify-token-0000002', challenge: '42' }),
    ).toBeUndefined()
    expect(
      metaWebhooks(settings, undefined).challenge({ mode: 'subscribe', token: '', challenge: '1' }),
    ).toBeUndefined()
  })

  it('names the Page, the Instagram account or the Threads profile an event is about', () => {
    expect(hooks.accountsIn({ object: 'page', entry: [{ id: '1001', changes: [] }] })).toEqual([
      { networks: ['facebook'], accountId: '1001' },
    ])
    expect(hooks.accountsIn({ object: 'instagram', entry: [{ id: '17841400000000001' }] })).toEqual(
      [{ networks: ['instagram'], accountId: '17841400000000001' }],
    )
    expect(
      hooks.accountsIn({
        app_id: '1234567891',
        topic: 'replies',
        target_id: '7001',
        values: {
          field: 'replies',
          value: { id: '99', root_post: { id: '98', owner_id: '7001', username: 'bibblan' } },
        },
      }),
    ).toEqual([{ networks: ['threads'], accountId: '7001' }])
    expect(hooks.accountsIn({ object: 'page', entry: [{ id: '../../etc' }] })).toEqual([])
    expect(hooks.accountsIn('nonsense')).toEqual([])
  })
})
