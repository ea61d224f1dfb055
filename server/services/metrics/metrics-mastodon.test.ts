import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMastodonAdapter } from '../../adapters/mastodon/mastodon-adapter.js'
import {
  type FakeMastodon,
  PASTED_TOKEN,
  type RecordedRequest,
  type Reply,
  fixture,
  startFakeMastodon,
} from '../../adapters/mastodon/testing/fake-mastodon.js'
import { shiftedClock } from '../../test/clock.js'
import { availableDialects } from '../../test/databases.js'
import {
  type TestApp,
  type TestClient,
  createTestApp,
  setUpFirstLibrary,
} from '../../test/harness.js'
import { ALLOW_LOOPBACK, loopbackClient } from '../../test/outbound.js'
import type { AttemptResult } from '../publishing-service.js'

/*
 * Collection from Mastodon through the real Torget (database, services, the
 * worker's loop), against a server answering with the documented entities,
 * including what a server can get wrong: garbage, rate limits, counts that
 * go down or are missing, a status deleted, a token revoked.
 */
const HOUR = 3_600_000
const MINUTE = 60_000
const LIST = /^\/api\/v1\/statuses$/
const ONE = /^\/api\/v1\/statuses\/\d+$/

describe.each(await availableDialects())('collecting Mastodon counts on %s', (dialect) => {
  const clock = shiftedClock()
  let fake: FakeMastodon
  let app: TestApp
  let admin: TestClient
  let libraryId: string
  let channelId: string
  /** Each of the library's statuses as the server counts it now; absent: deleted. */
  const statuses = new Map<string, Record<string, unknown>>()
  /** Answers GET /api/v1/statuses instead, where it returns something. */
  let listAnswer: (req: RecordedRequest) => Reply | undefined = () => undefined
  const base = () => `/api/v1/libraries/${libraryId}`
  const services = () => app.torget.services

  function serve() {
    const one = (req: RecordedRequest): Reply => {
      const found = statuses.get(req.path.split('/').pop()!)
      return found ? { status: 200, json: found } : { status: 404, json: fixture('error-404') }
    }
    const list = (req: RecordedRequest): Reply =>
      listAnswer(req) ?? {
        status: 200,
        json: req.query.getAll('id[]').flatMap((id) => statuses.get(id) ?? []),
      }
    fake.override('GET', LIST, list, 10_000)
    fake.override('GET', ONE, one, 10_000)
  }

  async function publish(text: string) {
    const post = await admin.post(`${base()}/posts`, { text, channelIds: [channelId] })
    await admin.post(`${base()}/posts/${post.body.id}/schedule`, {
      at: clock.now().toISOString(),
      version: post.body.version,
    })
    const { publishing } = services()
    const { ready, decided } = await publishing.prepare(await publishing.claimDue(10))
    const results: AttemptResult[] = [...decided]
    for (const attempt of ready)
      results.push({ claimed: attempt.claimed, outcome: await publishing.attempt(attempt) })
    await publishing.record(results)
    return app.torget.database.db
      .selectFrom('publications')
      .selectAll()
      .where('post_id', '=', post.body.id)
      .executeTakeFirstOrThrow()
  }

  const state = (id: string) => services().store.repos.metricSampling.postState(id)
  const likes = async (id: string) =>
    (await services().store.repos.metrics.postSamples(libraryId, [id])).map((s) => s.likes)
  const at = (publishedAt: string, ms: number) => clock.set(new Date(Date.parse(publishedAt) + ms))

  beforeAll(async () => {
    fake = await startFakeMastodon()
    serve()
    const mastodon = createMastodonAdapter({ fetch: loopbackClient(), timeoutMs: 5_000 })
    app = await createTestApp(dialect, ALLOW_LOOPBACK, { adapters: { mastodon }, clock })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    const channel = await admin.post(`${base()}/channels/mastodon`, {
      instanceUrl: fake.url,
      accessToken: PASTED_TOKEN,
    })
    expect(channel.status).toBe(201)
    channelId = channel.body.id
  })
  afterAll(async () => {
    await app?.close()
    await fake?.close()
  })

  let status: Awaited<ReturnType<typeof publish>>

  it('reads favourites, boosts, replies and quotes an hour after publishing', async () => {
    status = await publish('Bokcirkeln träffas tisdag kl. 18 – välkommen!')
    statuses.set(status.remote_id!, {
      ...fixture('status-4.5'),
      id: status.remote_id,
      favourites_count: 3,
      reblogs_count: 1,
      replies_count: 2,
      quotes_count: 1,
    })
    at(status.published_at!, HOUR)
    expect(await services().metrics.samplePostsDue(100)).toBe(1)
    expect(await state(status.id)).toMatchObject({
      likes: 3,
      reposts: 1,
      replies: 2,
      quotes: 1,
      views: null,
      stage: 1,
      failures: 0,
    })
    expect(fake.find('GET', LIST).at(-1)?.query.getAll('id[]')).toEqual([status.remote_id])
  })

  it('backs off when the server answers garbage, keeping the counts it had', async () => {
    listAnswer = () => ({ status: 200, text: '<html><body>502 Bad Gateway</body></html>' })
    at(status.published_at!, 6 * HOUR)
    expect(await services().metrics.samplePostsDue(100)).toBe(1)
    const backedOff = await state(status.id)
    expect(backedOff).toMatchObject({ likes: 3, stage: 1, failures: 1, leased_until: null })
    expect(Date.parse(backedOff!.next_at!) - clock.now().getTime()).toBeGreaterThan(50_000)
    expect(await likes(status.id)).toEqual([3])

    listAnswer = () => undefined
    clock.advance(2 * MINUTE)
    expect(await services().metrics.samplePostsDue(100)).toBe(1)
    expect(await state(status.id)).toMatchObject({ stage: 2, failures: 0 })
  })

  it('keeps counts that go down, and null for a count the server stopped giving, never 0', async () => {
    const { quotes_count: _dropped, ...older } = statuses.get(status.remote_id!)!
    statuses.set(status.remote_id!, { ...older, favourites_count: 1 })
    at(status.published_at!, 24 * HOUR + 30 * MINUTE)
    expect(await services().metrics.samplePostsDue(100)).toBe(1)
    expect(await likes(status.id)).toEqual([3, 3, 1])
    // Read half an hour late: the sample says when it was really taken, the next read is on time.
    const late = await state(status.id)
    expect(late).toMatchObject({ likes: 1, quotes: null, stage: 3 })
    const sampledAt = Date.parse(late!.sampled_at!)
    expect(sampledAt).toBeGreaterThan(Date.parse(status.published_at!) + 24 * HOUR + 29 * MINUTE)
    expect(Math.abs(sampledAt - clock.now().getTime())).toBeLessThan(5_000)
    expect(late!.next_at).toBe(
      new Date(Date.parse(status.published_at!) + 7 * 24 * HOUR).toISOString(),
    )
  })

  it('waits out the rate limit without counting it as a failure', async () => {
    const reset = new Date(Date.now() + 1_000).toISOString()
    listAnswer = () => ({
      status: 429,
      json: fixture('error-429'),
      headers: { 'X-RateLimit-Reset': reset },
    })
    at(status.published_at!, 7 * 24 * HOUR)
    expect(await services().metrics.samplePostsDue(100)).toBe(1)
    const waiting = await state(status.id)
    expect(waiting).toMatchObject({ stage: 3, failures: 0 })
    expect(Date.parse(waiting!.next_at!)).toBeGreaterThan(clock.now().getTime())
    listAnswer = () => undefined
    await new Promise((resolve) => setTimeout(resolve, 1_100))
  })

  it('marks a status the server no longer has as gone, with its last counts', async () => {
    statuses.delete(status.remote_id!)
    at(status.published_at!, 8 * 24 * HOUR)
    expect(await services().metrics.samplePostsDue(100)).toBe(1)
    expect(fake.find('GET', ONE).at(-1)?.path).toBe(`/api/v1/statuses/${status.remote_id}`)
    const gone = await state(status.id)
    expect(gone).toMatchObject({ likes: 1, next_at: null })
    expect(Math.abs(Date.parse(gone!.gone_at!) - clock.now().getTime())).toBeLessThan(5_000)
  })

  it('reads the account once the worker runs, and pauses the channel when the token is revoked', async () => {
    clock.set(new Date())
    await app.torget.startWorker()
    // The worker's first round enrolls the channel and reads it.
    for (let i = 0; i < 100; i++) {
      if ((await services().store.repos.metricSampling.accountState(channelId))?.sampled_at) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const days = await services().store.repos.metrics.accountSeries(
      libraryId,
      [channelId],
      '2000-01-01',
      '2100-01-01',
    )
    expect(days).toMatchObject([{ followers: 1204, following: 87, posts: 532 }])

    fake.override('GET', /verify_credentials$/, { status: 401, json: fixture('error-401') }, 100)
    const schedule = await services().store.repos.metricSampling.accountState(channelId)
    clock.set(new Date(Date.parse(schedule!.next_at) + 1_000))
    // The loop sleeps between rounds; this round may be its or this test's, never both.
    await services().metrics.sampleAccountsDue(10)
    for (let i = 0; i < 100; i++) {
      const channel = await services().store.repos.channels.find(libraryId, channelId)
      if (channel?.health === 'needs_reconnect') break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(await services().store.repos.channels.find(libraryId, channelId)).toMatchObject({
      health: 'needs_reconnect',
      health_code: 'auth_revoked',
    })
  })
})
