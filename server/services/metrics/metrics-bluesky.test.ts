import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BlueskyAdapter } from '../../adapters/bluesky/bluesky-adapter.js'
import { lazyAdapter } from '../../adapters/channels/lazy-adapter.js'
import { systemClock } from '../../clock.js'
import { guardedClient } from '../../net/guarded-client.js'
import {
  type BlueskyNetwork,
  type BlueskyTestAccount,
  startBlueskyNetwork,
} from '../../test/bluesky.js'
import { shiftedClock } from '../../test/clock.js'
import { availableDialects } from '../../test/databases.js'
import {
  type TestApp,
  type TestClient,
  createTestApp,
  setUpFirstLibrary,
} from '../../test/harness.js'
import { ALLOW_LOOPBACK } from '../../test/outbound.js'
import { channelCredentials, persistRefreshedCredentials } from '../channel-service.js'
import { databaseRateBudget } from '../rate-budget-store.js'
import type { AttemptResult } from '../publishing-service.js'

/*
 * Collection end to end: posts published through Torget on a local Bluesky
 * network with an AppView, people liking, reposting, replying to, quoting and
 * following it, and the sampler reading the counts as the clock moves through
 * the thinning schedule. What Torget stores must be what the AppView reports.
 */
let network: BlueskyNetwork
beforeAll(async () => {
  network = await startBlueskyNetwork({ appView: true })
}, 120_000)
afterAll(() => network?.close())

const HOUR = 3_600_000
const DAY = 24 * HOUR

interface Published {
  publicationId: string
  uri: string
  cid: string
  publishedAt: string
}

describe.each(await availableDialects())('collecting Bluesky counts on %s', (dialect) => {
  const clock = shiftedClock()
  let app: TestApp
  let admin: TestClient
  let libraryId: string
  let channelId: string
  let library: BlueskyTestAccount
  let people: BlueskyTestAccount[]
  const base = () => `/api/v1/libraries/${libraryId}`
  const services = () => app.torget.services
  const state = (p: Published) => services().store.repos.metricSampling.postState(p.publicationId)
  const history = async (p: Published) =>
    (await services().store.repos.metrics.postSamples(libraryId, [p.publicationId])).map(
      ({ likes, reposts, replies, quotes, views }) => ({ likes, reposts, replies, quotes, views }),
    )

  /** The counts as the AppView reports them now, in Torget's names. */
  /**
   * The AppView counts likes and reposts a little after it has taken in the records, and
   * under load later than settle() returns: wait until it shows what the accounts did.
   */
  async function untilAppView(p: Published, counts: Record<string, number>) {
    await expect.poll(() => appView(p)).toMatchObject(counts)
  }

  async function appView(p: Published) {
    await network.settle()
    const { data } = await people[0]!.agent.app.bsky.feed.getPosts({ uris: [p.uri] })
    const post = data.posts[0]
    if (!post) return undefined
    return {
      likes: post.likeCount ?? null,
      reposts: post.repostCount ?? null,
      replies: post.replyCount ?? null,
      quotes: post.quoteCount ?? null,
      views: null,
    }
  }

  /** Publishes through Torget: the post service schedules, the publishing service's steps carry it out. */
  async function publish(text: string): Promise<Published> {
    const post = await admin.post(`${base()}/posts`, { text, channelIds: [channelId] })
    const scheduled = await admin.post(`${base()}/posts/${post.body.id}/schedule`, {
      at: clock.now().toISOString(),
      version: post.body.version,
    })
    expect(scheduled.status).toBe(200)
    const { publishing } = services()
    const claimed = await publishing.claimDue(10)
    const { ready, decided } = await publishing.prepare(claimed)
    const results: AttemptResult[] = [...decided]
    for (const attempt of ready)
      results.push({ claimed: attempt.claimed, outcome: await publishing.attempt(attempt) })
    await publishing.record(results)
    const row = await app.torget.database.db
      .selectFrom('publications')
      .selectAll()
      .where('post_id', '=', post.body.id)
      .executeTakeFirstOrThrow()
    expect(row.state).toBe('published')
    const [, , repo, collection, rkey] = row.remote_id!.split('/')
    const record = await library.agent.com.atproto.repo.getRecord({
      repo: repo!,
      collection: collection!,
      rkey: rkey!,
    })
    return {
      publicationId: row.id,
      uri: record.data.uri,
      cid: record.data.cid!,
      publishedAt: row.published_at!,
    }
  }

  /** Moves the clock to `ms` after the last of `posts` was published and runs the sampler once. */
  async function sampleAt(posts: Published[], ms: number): Promise<number> {
    const last = Math.max(...posts.map((p) => Date.parse(p.publishedAt)))
    clock.set(new Date(last + ms + 1_000))
    await network.settle()
    return services().metrics.samplePostsDue(100)
  }

  beforeAll(async () => {
    const bluesky = lazyAdapter('bluesky', async () => {
      const { store, box } = app.torget.services
      return new BlueskyAdapter({
        fetch: guardedClient({ allowPrivate: app.config.fetchAllowPrivate }),
        budget: databaseRateBudget(app.torget.database.db, systemClock),
        onCredentialsUpdate: persistRefreshedCredentials(store, box),
        plcUrl: network.plcUrl,
      })
    })
    app = await createTestApp(dialect, ALLOW_LOOPBACK, { adapters: { bluesky }, clock })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    // Handles of the PDS's own domain take at most 18 characters before it.
    library = await network.createAccount(`lib-${dialect}`, 'Stadsbiblioteket')
    people = await Promise.all(
      ['a', 'b', 'c'].map((n) => network.createAccount(`p${n}-${dialect}`, `Person ${n}`)),
    )
    const channel = await admin.post(`${base()}/channels/bluesky`, {
      identifier: library.handle,
      appPassword: library.appPassword,
      service: network.pdsUrl,
    })
    expect(channel.status).toBe(201)
    channelId = channel.body.id
  }, 60_000)
  afterAll(async () => app?.close())

  let post: Published
  let deleted: Published

  it('reads the account’s followers soon after connecting, as the AppView counts them', async () => {
    await Promise.all(people.slice(0, 2).map((p) => p.agent.follow(library.did)))
    await network.settle()
    await services().metrics.enrollChannels()
    expect(await services().metrics.sampleAccountsDue(10)).toBe(1)
    const { data } = await people[2]!.agent.getProfile({ actor: library.did })
    const [day] = await services().store.repos.metrics.accountSeries(
      libraryId,
      [channelId],
      '2000-01-01',
      '2100-01-01',
    )
    expect(day).toMatchObject({
      followers: data.followersCount,
      following: data.followsCount,
      posts: data.postsCount,
    })
    expect(day!.followers).toBe(2)
    // The next read is late in the library's day (Europe/Stockholm), once a day.
    const schedule = await services().store.repos.metricSampling.accountState(channelId)
    expect(Date.parse(schedule!.next_at)).toBeGreaterThan(clock.now().getTime())
    expect(await services().metrics.sampleAccountsDue(10)).toBe(0)
  })

  it('schedules a post’s first read an hour after it is published, in the same transaction', async () => {
    post = await publish('Sagostund på lördag kl. 11 för barn 3–6 år!')
    deleted = await publish('Biblioteket har stängt på måndag.')
    expect(await state(post)).toMatchObject({
      library_id: libraryId,
      channel_id: channelId,
      published_at: post.publishedAt,
      stage: 0,
      next_at: new Date(Date.parse(post.publishedAt) + HOUR).toISOString(),
      sampled_at: null,
      likes: null,
    })
    expect(await services().metrics.samplePostsDue(100)).toBe(0)
  })

  it('stores likes, reposts, replies and quotes as the AppView reports them, an hour after publishing', async () => {
    const [a, b, c] = people as [BlueskyTestAccount, BlueskyTestAccount, BlueskyTestAccount]
    const ref = { uri: post.uri, cid: post.cid }
    await a.agent.like(post.uri, post.cid)
    await b.agent.like(post.uri, post.cid)
    await a.agent.repost(post.uri, post.cid)
    await b.agent.post({ text: 'Vi kommer!', reply: { root: ref, parent: ref } })
    await c.agent.post({
      text: 'Missa inte detta',
      embed: { $type: 'app.bsky.embed.record', record: ref },
    })
    await c.agent.like(deleted.uri, deleted.cid)
    await untilAppView(post, { likes: 2, reposts: 1, replies: 1, quotes: 1 })
    await untilAppView(deleted, { likes: 1 })

    expect(await sampleAt([post, deleted], HOUR)).toBe(2)
    const reported = await appView(post)
    expect(reported).toEqual({ likes: 2, reposts: 1, replies: 1, quotes: 1, views: null })
    expect(await state(post)).toMatchObject({
      ...reported,
      stage: 1,
      next_at: new Date(Date.parse(post.publishedAt) + 6 * HOUR).toISOString(),
      failures: 0,
      leased_until: null,
    })
    expect(await history(post)).toEqual([reported])
  })

  it('keeps counts that went down as the network gave them, and marks a deleted post gone with its last counts', async () => {
    const [a, , c] = people as [BlueskyTestAccount, BlueskyTestAccount, BlueskyTestAccount]
    const like = await c.agent.like(post.uri, post.cid)
    await untilAppView(post, { likes: 3 })
    expect(await sampleAt([post, deleted], 6 * HOUR)).toBe(2)
    expect(await state(deleted)).toMatchObject({ stage: 2, likes: 1 })
    await c.agent.deleteLike(like.uri)
    await a.agent.deleteLike((await likeUri(a, post))!)
    await library.agent.com.atproto.repo.deleteRecord({
      repo: library.did,
      collection: 'app.bsky.feed.post',
      rkey: deleted.uri.split('/').pop()!,
    })
    await untilAppView(post, { likes: 1 })

    expect(await sampleAt([post, deleted], DAY)).toBe(2)
    expect((await history(post)).map((h) => h.likes)).toEqual([2, 3, 1])
    expect(await state(post)).toMatchObject({ stage: 3, ...(await appView(post)) })
    const gone = await state(deleted)
    expect(gone).toMatchObject({ likes: 1, next_at: null, stage: 2 })
    expect(gone!.gone_at).not.toBeNull()
    expect(await history(deleted)).toHaveLength(2)
  })

  it('reads at 7 and 30 days and then stops', async () => {
    expect(await sampleAt([post], 7 * DAY)).toBe(1)
    expect(await state(post)).toMatchObject({ stage: 4 })
    expect(await sampleAt([post], 30 * DAY)).toBe(1)
    const last = await state(post)
    expect(last).toMatchObject({ stage: 5, next_at: null, ...(await appView(post)) })
    expect(await sampleAt([post], 60 * DAY)).toBe(0)
    expect(await history(post)).toHaveLength(5)
  })

  it('reads a post published before collection began once, at the stage its age implies', async () => {
    clock.set(new Date())
    const older = await publish('Höstens författarkvällar är här')
    await app.torget.database.db
      .deleteFrom('post_metric_state')
      .where('publication_id', '=', older.publicationId)
      .execute()
    await app.torget.database.db
      .updateTable('publications')
      .set({ published_at: new Date(clock.now().getTime() - 3 * DAY).toISOString() })
      .where('id', '=', older.publicationId)
      .execute()
    expect(await services().metrics.scheduleUnscheduled()).toBe(1)
    const catchUp = await state(older)
    expect(catchUp).toMatchObject({ stage: 2 })
    expect(Date.parse(catchUp!.next_at!)).toBeLessThanOrEqual(clock.now().getTime())
    await network.settle()
    expect(await services().metrics.samplePostsDue(100)).toBe(1)
    const publishedAt = Date.parse((await state(older))!.published_at)
    expect(await state(older)).toMatchObject({
      stage: 3,
      next_at: new Date(publishedAt + 7 * DAY).toISOString(),
      ...(await appView(older)),
    })
  })

  it('pauses a channel whose app password was revoked, and goes on once it is reconnected', async () => {
    const fresh = await publish('Nya böcker på hyllan varje vecka')
    await library.agent.com.atproto.server.revokeAppPassword({ name: 'Torget' })
    // The PDS honours issued access tokens until they expire; make the stored one have.
    const { store, box } = services()
    const sealer = channelCredentials(box)
    const row = (await store.repos.channels.find(libraryId, channelId))!
    const opened = sealer.open(row)
    await store.repos.channels.update(libraryId, channelId, {
      credentials: sealer.seal(channelId, {
        ...opened,
        accessJwt: 'expired',
        refreshJwt: 'expired',
      }),
    })

    expect(await sampleAt([fresh], HOUR)).toBe(1)
    expect(await store.repos.channels.find(libraryId, channelId)).toMatchObject({
      health: 'needs_reconnect',
      health_code: 'auth_revoked',
    })
    // Not a failure of the post: it waits, due as it was, and nobody takes it meanwhile.
    expect(await state(fresh)).toMatchObject({ stage: 0, failures: 0, leased_until: null })
    expect(await services().metrics.samplePostsDue(100)).toBe(0)

    const { data } = await library.agent.com.atproto.server.createAppPassword({ name: 'Torget 2' })
    const again = await admin.post(`${base()}/channels/bluesky`, {
      identifier: library.handle,
      appPassword: data.password,
      service: network.pdsUrl,
    })
    expect(again.status).toBe(201)
    expect(await services().metrics.samplePostsDue(100)).toBe(1)
    expect(await state(fresh)).toMatchObject({ stage: 1, ...(await appView(fresh)) })
  })

  it('pauses a channel whose account was deactivated, keeping the days it has', async () => {
    const { store } = services()
    const days = () =>
      store.repos.metrics.accountSeries(libraryId, [channelId], '2000-01-01', '2100-01-01')
    const before = await days()
    await library.agent.com.atproto.server.deactivateAccount({})
    await network.settle()
    await services().metrics.enrollChannels()
    const schedule = await store.repos.metricSampling.accountState(channelId)
    clock.set(new Date(Date.parse(schedule!.next_at) + 1_000))
    expect(await services().metrics.sampleAccountsDue(10)).toBe(1)
    expect(await store.repos.channels.find(libraryId, channelId)).toMatchObject({
      health: 'needs_reconnect',
      health_code: 'account_gone',
    })
    expect(await store.repos.metricSampling.accountState(channelId)).toMatchObject({
      next_at: schedule!.next_at,
      failures: 0,
      error_code: 'account_gone',
      leased_until: null,
    })
    expect(await days()).toEqual(before)
    expect(await services().metrics.sampleAccountsDue(10)).toBe(0)
  })
})

async function likeUri(who: BlueskyTestAccount, post: Published): Promise<string | undefined> {
  const { data } = await who.agent.com.atproto.repo.listRecords({
    repo: who.did,
    collection: 'app.bsky.feed.like',
  })
  return data.records.find(
    (r) => (r.value as { subject?: { uri?: string } }).subject?.uri === post.uri,
  )?.uri
}
