import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChannelAdapter } from '../adapters/channels/channel-adapter.js'
import { createMastodonAdapter } from '../adapters/mastodon/mastodon-adapter.js'
import {
  type FakeMastodon,
  PASTED_TOKEN,
  startFakeMastodon,
} from '../adapters/mastodon/testing/fake-mastodon.js'
import { createLogger } from '../logger.js'
import { availableDialects } from '../test/databases.js'
import { type TestApp, type TestClient, createTestApp, setUpFirstLibrary } from '../test/harness.js'
import { ALLOW_LOOPBACK, loopbackClient } from '../test/outbound.js'
import { type Torget, buildTorget } from '../wiring.js'
import type { AttemptResult } from './publishing-service.js'

const MINUTE = 60_000

/** A worker's pass: claims what is due, tries each, records the outcomes. */
async function runDue(torget: Torget): Promise<AttemptResult[]> {
  const publishing = torget.services.publishing
  const { ready, decided } = await publishing.prepare(await publishing.claimDue(10))
  const results = [...decided]
  for (const attempt of ready)
    results.push({ claimed: attempt.claimed, outcome: await publishing.attempt(attempt) })
  await publishing.record(results)
  return results
}

const mastodon = () =>
  createMastodonAdapter({ fetch: loopbackClient(), timeoutMs: 5_000, media: { pollIntervalMs: 5 } })

// The scenario against a server answering as the Mastodon API documents: two posts
// with the same text, the second with an image, the worker killed while that image uploads.
describe.each(await availableDialects())('a retried Mastodon publication on %s', (dialect) => {
  let fake: FakeMastodon
  let app: TestApp
  let admin: TestClient
  let libraryId: string
  let channelId: string
  let png: Buffer
  /** The worker after the crash: the same database, an adapter that remembers nothing. */
  const restarted: Torget[] = []
  const base = () => `/api/v1/libraries/${libraryId}`

  beforeAll(async () => {
    fake = await startFakeMastodon()
    app = await createTestApp(dialect, ALLOW_LOOPBACK, { adapters: { mastodon: mastodon() } })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    const channel = await admin.post(`${base()}/channels/mastodon`, {
      instanceUrl: fake.url,
      accessToken: PASTED_TOKEN,
    })
    expect(channel.status).toBe(201)
    channelId = channel.body.id
    png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2b6cb0' } })
      .png()
      .toBuffer()
  })
  afterAll(async () => {
    for (const torget of restarted) await torget.close()
    await app?.close()
    await fake?.close()
  })

  async function restart(adapter: ChannelAdapter = mastodon()) {
    const torget = await buildTorget(app.config, createLogger('silent'), {
      adapters: { mastodon: adapter },
    })
    restarted.push(torget)
    return torget
  }

  async function scheduleNow(text: string, image?: { alt: string }) {
    let post = (await admin.post(`${base()}/posts`, { text, channelIds: [channelId] })).body
    if (image) {
      post = (await admin.upload(`${base()}/posts/${post.id}/images`, png, 'image/png')).body
      post = (
        await admin.patch(`${base()}/posts/${post.id}/images/${post.images[0].id}`, {
          alt: image.alt,
        })
      ).body
    }
    const scheduled = await admin.post(`${base()}/posts/${post.id}/schedule`, {
      at: new Date().toISOString(),
      version: post.version,
    })
    expect(scheduled.status).toBe(200)
    return scheduled.body as { id: string; publications: { id: string }[] }
  }

  const publicationOf = async (postId: string) =>
    (await admin.get(`${base()}/posts/${postId}`)).body.publications[0]

  /** The first post goes out; the second's worker dies while its image uploads. */
  async function firstOutSecondCrashed(text: string) {
    const first = await scheduleNow(text)
    await runDue(app.torget)
    const firstOut = await publicationOf(first.id)
    expect(firstOut.state).toBe('published')

    const second = await scheduleNow(text, { alt: 'Barn som lyssnar på en saga' })
    fake.override('POST', /^\/api\/v2\/media$/, { destroy: 'before-headers' })
    const publishing = app.torget.services.publishing
    const [claimed] = await publishing.claimDue(10)
    const { ready } = await publishing.prepare([claimed!])
    const statuses = fake.find('POST', '/api/v1/statuses').length
    // The attempt dies with its worker: nothing it learnt is recorded.
    await publishing.attempt(ready[0]!)
    expect(fake.find('POST', '/api/v1/statuses')).toHaveLength(statuses)
    const secondId = second.publications[0]!.id
    // Its lease runs out; another worker takes it.
    await app.torget.database.db
      .updateTable('publications')
      .set({ attempt_started_at: new Date(Date.now() - 10 * MINUTE).toISOString() })
      .where('id', '=', secondId)
      .execute()
    return { first, firstOut, second, secondId }
  }

  async function expectApart(
    { firstOut, second, secondId }: Awaited<ReturnType<typeof firstOutSecondCrashed>>,
    statusesBefore: number,
  ) {
    const secondOut = await publicationOf(second.id)
    expect(secondOut).toMatchObject({ state: 'published', attempts: 2 })
    expect(secondOut.url).not.toBe(firstOut.url)
    const made = fake.find('POST', '/api/v1/statuses').slice(statusesBefore)
    expect(made).toHaveLength(1)
    expect(made[0]!.json).toMatchObject({ language: 'sv', media_ids: [expect.any(String)] })

    // Withdrawing the second deletes its own status, never the first's.
    expect((await admin.delete(`${base()}/posts/${second.id}`)).status).toBe(204)
    await app.torget.services.publishing.withdraw(libraryId, secondId)
    const deleted = fake
      .find('DELETE', /^\/api\/v1\/statuses\//)
      .map((r) => r.path.split('/').pop())
    expect(deleted).toContain(secondOut.url.split('/').pop())
    expect(deleted).not.toContain(firstOut.url.split('/').pop())
  }

  it('within the Idempotency-Key window, sends the key again instead of guessing by the text', async () => {
    const crashed = await firstOutSecondCrashed('Sagostund på lördag kl. 11!')
    const before = fake.find('POST', '/api/v1/statuses').length
    const lookups = fake.find('GET', /\/statuses$/).length
    await runDue(await restart())
    expect(fake.find('GET', /\/statuses$/)).toHaveLength(lookups)
    const [retry] = fake.find('POST', '/api/v1/statuses').slice(before)
    expect(retry?.headers['idempotency-key']).toBe(`torget-${crashed.secondId}`)
    await expectApart(crashed, before)
  })

  it('after the window, looks up, and passes over a status of the same text recorded for another post', async () => {
    const crashed = await firstOutSecondCrashed('Bokcirkeln träffas på tisdag.')
    await app.torget.database.db
      .updateTable('publications')
      .set({ first_attempt_at: new Date(Date.now() - 120 * MINUTE).toISOString() })
      .where('id', '=', crashed.secondId)
      .execute()
    const before = fake.find('POST', '/api/v1/statuses').length
    const lookups = fake.find('GET', /\/statuses$/).length
    await runDue(await restart())
    expect(fake.find('GET', /\/statuses$/).length).toBeGreaterThan(lookups)
    await expectApart(crashed, before)
  })

  it("refuses a look-up's answer that is recorded for another publication, whatever the adapter says", async () => {
    const crashed = await firstOutSecondCrashed('Läxhjälp varje onsdag.')
    await app.torget.database.db
      .updateTable('publications')
      .set({ first_attempt_at: new Date(Date.now() - 120 * MINUTE).toISOString() })
      .where('id', '=', crashed.secondId)
      .execute()
    const real = mastodon()
    const careless: ChannelAdapter = {
      ...real,
      publish: real.publish.bind(real),
      // An adapter that takes the first post with the same text, as the old look-up did.
      lookup: async () => ({
        remoteId: crashed.firstOut.url.split('/').pop()!,
        url: crashed.firstOut.url,
      }),
    }
    const [result] = await runDue(await restart(careless))
    expect(result?.outcome).toMatchObject({
      kind: 'retry',
      state: 'unknown',
      code: 'remote_id_taken',
    })
    const secondOut = await publicationOf(crashed.second.id)
    expect(secondOut).toMatchObject({ state: 'unknown', url: null })

    // The database holds the rule too: one remote post per channel, one publication.
    const firstRow = await app.torget.database.db
      .selectFrom('publications')
      .select('remote_id')
      .where('id', '=', crashed.first.publications[0]!.id)
      .executeTakeFirstOrThrow()
    await expect(
      app.torget.database.db
        .updateTable('publications')
        .set({ remote_id: firstRow.remote_id })
        .where('id', '=', crashed.secondId)
        .execute(),
    ).rejects.toThrow(/unique|duplicate/i)
  })
})
