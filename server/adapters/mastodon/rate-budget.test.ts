import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loopbackClient } from '../../test/outbound.js'
import { memoryRateBudget } from '../channels/rate-budget.js'
import { createMastodonAdapter } from './mastodon-adapter.js'
import { PASTED_TOKEN, startFakeMastodon, type FakeMastodon } from './testing/fake-mastodon.js'

const MINUTE = 60_000
// A 1×1 PNG.
const PNG = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
)

let fake: FakeMastodon
let t: number
const clock = {
  now: () => t,
  sleep: async (ms: number) => {
    t += ms
  },
}
const credentials = (accountId = '109876543210987654') => ({
  instanceUrl: fake.url,
  accessToken: PASTED_TOKEN,
  accountId,
})
const lookup = (adapter: ReturnType<typeof createMastodonAdapter>, accountId?: string) =>
  adapter.lookup(credentials(accountId), {
    publicationId: 'p',
    text: 'nothing like it',
    images: [],
  })

beforeEach(async () => {
  fake = await startFakeMastodon()
  t = Date.parse('2025-03-15T10:00:00Z')
})
afterEach(() => fake.close())

function adapter(options: Parameters<typeof createMastodonAdapter>[0] = {}) {
  return createMastodonAdapter({
    fetch: loopbackClient(),
    timeoutMs: 2_000,
    media: { pollIntervalMs: 1 },
    ...clock,
    ...options,
  })
}

describe("the adapter's share of Mastodon's rate limits", () => {
  it('makes at most 150 calls in 5 minutes, half of the 300 Mastodon allows, then says when to retry', async () => {
    const mastodon = adapter()
    for (let i = 0; i < 150; i++) await lookup(mastodon)
    const requests = fake.requests.length
    await expect(lookup(mastodon)).rejects.toMatchObject({
      kind: 'transient',
      code: 'rate_limited',
      retryAfterMs: 5 * MINUTE,
    })
    expect(fake.requests).toHaveLength(requests)
    // Another account has its own budget: its call reaches the server.
    await lookup(mastodon, '109999999999999999').catch(() => undefined)
    expect(fake.requests).toHaveLength(requests + 1)
    t += 5 * MINUTE
    await lookup(mastodon)
  })

  it('waits a moment itself when the budget frees within two seconds', async () => {
    const mastodon = adapter()
    await lookup(mastodon)
    t += 1_000
    for (let i = 0; i < 149; i++) await lookup(mastodon)
    t += 5 * MINUTE - 2_000
    const before = t
    await lookup(mastodon)
    expect(t - before).toBe(1_000)
  })

  it('uploads at most 15 images in 30 minutes, and spent uploads do not hold back posting', async () => {
    const mastodon = adapter()
    const image = {
      data: PNG,
      mimeType: 'image/png' as const,
      alt: 'Bokhylla',
      width: 1,
      height: 1,
    }
    for (let i = 0; i < 15; i++) {
      await mastodon.publish(credentials(), {
        publicationId: `p${i}`,
        text: `Bild ${i}`,
        images: [image],
      })
    }
    await expect(
      mastodon.publish(credentials(), { publicationId: 'p15', text: 'En till', images: [image] }),
    ).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterMs: expect.toSatisfy((ms: number) => ms > 29 * MINUTE && ms <= 30 * MINUTE),
    })
    await mastodon.publish(credentials(), { publicationId: 'text', text: 'Bara text', images: [] })
    expect(fake.find('POST', '/api/v2/media')).toHaveLength(15)
  })

  it('shares one budget between processes given the same store', async () => {
    const shared = memoryRateBudget(clock.now)
    const web = adapter({ rateBudget: shared })
    const worker = adapter({ rateBudget: shared })
    for (let i = 0; i < 100; i++) await lookup(web)
    for (let i = 0; i < 50; i++) await lookup(worker)
    await expect(lookup(web)).rejects.toMatchObject({ code: 'rate_limited' })
    await expect(lookup(worker)).rejects.toMatchObject({ code: 'rate_limited' })
  })

  it("holds back until Mastodon's X-RateLimit-Reset after a 429, for that kind of call only", async () => {
    const mastodon = adapter()
    const reset = new Date(t + 3 * MINUTE).toISOString()
    fake.override('POST', /^\/api\/v2\/media$/, {
      status: 429,
      json: { error: 'Too many requests' },
      headers: {
        'X-RateLimit-Limit': '30',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': reset,
      },
    })
    const image = {
      data: PNG,
      mimeType: 'image/png' as const,
      alt: 'Bokhylla',
      width: 1,
      height: 1,
    }
    const withImage = { publicationId: 'img', text: 'Bild', images: [image] }
    await expect(mastodon.publish(credentials(), withImage)).rejects.toMatchObject({
      kind: 'transient',
      code: 'rate_limited',
      retryAfterMs: 3 * MINUTE,
    })
    await expect(mastodon.publish(credentials(), withImage)).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 3 * MINUTE,
    })
    expect(fake.find('POST', '/api/v2/media')).toHaveLength(1)
    await lookup(mastodon)
    t += 3 * MINUTE
    await mastodon.publish(credentials(), withImage)
  })
})
