import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BlueskyAdapter } from '../adapters/bluesky/bluesky-adapter.js'
import type { ChannelAdapter } from '../adapters/channels/channel-adapter.js'
import { lazyAdapter } from '../adapters/channels/lazy-adapter.js'
import { systemClock } from '../clock.js'
import { guardedClient } from '../net/guarded-client.js'
import { persistRefreshedCredentials } from '../services/channel-service.js'
import { databaseRateBudget } from '../services/rate-budget-store.js'
import {
  type BlueskyNetwork,
  type BlueskyTestAccount,
  startBlueskyNetwork,
} from '../test/bluesky.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import { ALLOW_LOOPBACK } from '../test/outbound.js'

/*
 * The inbox end to end: the real Torget (HTTP API, worker, database) with the
 * real Bluesky adapter against a local network with an AppView. One network
 * serves both dialects (it takes most of the file's time to start); each
 * dialect has a library account and a person of its own, so neither reads the
 * other's notifications.
 */
let network: BlueskyNetwork
beforeAll(async () => {
  network = await startBlueskyNetwork({ appView: true })
}, 120_000)
afterAll(() => network?.close())

interface StrongRef {
  uri: string
  cid: string
}

interface ThreadNode {
  post: { uri: string; author: { did: string }; record: { text: string; reply?: unknown } }
  replies?: ThreadNode[]
}

const rkeyOf = (uri: string) => uri.split('/').pop()!

describe.each(await availableDialects())('the inbox with Bluesky on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let responder: TestClient
  let libraryId: string
  let channelId: string
  let library: BlueskyTestAccount
  let person: BlueskyTestAccount
  let libraryPost: StrongRef
  const made = {} as Record<'reply' | 'mention' | 'quote' | 'like' | 'repost' | 'follow', StrongRef>
  const base = () => `/api/v1/libraries/${libraryId}`

  // The worker dies once, after the PDS took an answer and before Torget heard so.
  let dying: { text: string; written: () => void; lost: Promise<void> } | undefined
  let revive = () => {}

  /** Built as wiring builds it, with the PLC directory of the local network for rechecks. */
  function adapter(): ChannelAdapter {
    const bluesky = lazyAdapter('bluesky', async () => {
      const { store, box } = app.torget.services
      return new BlueskyAdapter({
        fetch: guardedClient({ allowPrivate: app.config.fetchAllowPrivate }),
        budget: databaseRateBudget(app.torget.database.db, systemClock),
        onCredentialsUpdate: persistRefreshedCredentials(store, box),
        plcUrl: network.plcUrl,
      })
    })
    return {
      ...bluesky,
      async publish(credentials, post) {
        const published = await bluesky.publish(credentials, post)
        const death = dying
        if (death && post.text === death.text) {
          dying = undefined
          death.written()
          await death.lost
        }
        return published
      },
    }
  }

  /** Reads the channel as the worker does, until nothing new comes. */
  async function readAll(): Promise<number> {
    let total = 0
    for (let round = 0; round < 10; round++) {
      const result = await app.torget.services.ingest.readChannel(libraryId, channelId)
      if (!result) {
        const cursor = await app.torget.services.store.repos.ingest.cursor(channelId)
        throw new Error(`reading the channel failed: ${cursor?.error_code}`)
      }
      if (result.interactions === 0) return total
      total += result.interactions
    }
    throw new Error('the channel kept bringing new interactions')
  }

  const items = async () => (await responder.get(`${base()}/inbox/items`)).body.items as any[]
  const itemFor = async (uri: string) =>
    (await items()).find((i) => i.url.endsWith(`/post/${rkeyOf(uri)}`))
  const detail = async (id: string) => (await responder.get(`${base()}/inbox/items/${id}`)).body

  /** What the AppView shows under a post: the library's answers to it. */
  async function answersUnder(uri: string): Promise<ThreadNode[]> {
    await network.settle()
    const { data } = await library.agent.app.bsky.feed.getPostThread({ uri, depth: 1 })
    const thread = data.thread as unknown as ThreadNode
    return (thread.replies ?? []).filter((r) => r.post.author.did === library.did)
  }

  /** The library's posts on its PDS with this text: the network's own count, not the AppView's. */
  async function recordsWithText(text: string): Promise<number> {
    const { data } = await library.agent.com.atproto.repo.listRecords({
      repo: library.did,
      collection: 'app.bsky.feed.post',
      limit: 100,
    })
    return data.records.filter((r) => (r.value as { text?: string }).text === text).length
  }

  beforeAll(async () => {
    app = await createTestApp(dialect, ALLOW_LOOPBACK, { adapters: { bluesky: adapter() } })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    responder = (await addMember(app, admin, libraryId, 'responder', 'sven@bibliotek.test')).client
    // Handles of the PDS's own domain take at most 18 characters before it.
    ;[library, person] = await Promise.all([
      network.createAccount(`bibl-${dialect}`, 'Stadsbiblioteket'),
      network.createAccount(`karin-${dialect}`, 'Karin'),
    ])
    const channel = await admin.post(`${base()}/channels/bluesky`, {
      identifier: library.handle,
      appPassword: library.appPassword,
      service: network.pdsUrl,
    })
    expect(channel.status).toBe(201)
    channelId = channel.body.id
    await app.torget.startWorker()
  }, 60_000)
  afterAll(async () => {
    revive()
    await app?.close()
  })

  it('publishes the library’s post through the worker', async () => {
    const post = await admin.post(`${base()}/posts`, {
      text: 'Bokcirkeln startar i mars – välkommen!',
      channelIds: [channelId],
    })
    const scheduled = await admin.post(`${base()}/posts/${post.body.id}/schedule`, {
      at: new Date().toISOString(),
      version: post.body.version,
    })
    expect(scheduled.status).toBe(200)
    await app.torget.publishingDrained()
    const published = (await admin.get(`${base()}/posts/${post.body.id}`)).body
    expect(published.state).toBe('published')
    const url = String(published.publications[0].url)
    expect(url).toBe(`https://bsky.app/profile/${library.did}/post/${rkeyOf(url)}`)
    const { data } = await library.agent.com.atproto.repo.getRecord({
      repo: library.did,
      collection: 'app.bsky.feed.post',
      rkey: rkeyOf(url),
    })
    expect(data.value).toMatchObject({ text: 'Bokcirkeln startar i mars – välkommen!' })
    libraryPost = { uri: data.uri, cid: data.cid! }
  })

  it('brings the reply, mention and quote into the inbox once each, and keeps likes, reposts and follows', async () => {
    const agent = person.agent
    made.reply = await agent.post({
      text: 'Får man vara med fast man inte läst boken?',
      reply: { root: libraryPost, parent: libraryPost },
    })
    const text = `Tips: @${library.handle} har bokcirkel i vår`
    const start = Buffer.byteLength(text.slice(0, text.indexOf('@')))
    made.mention = await agent.post({
      text,
      facets: [
        {
          index: { byteStart: start, byteEnd: start + Buffer.byteLength(`@${library.handle}`) },
          features: [{ $type: 'app.bsky.richtext.facet#mention', did: library.did }],
        },
      ],
    })
    made.quote = await agent.post({
      text: 'Det här ska jag gå på',
      embed: { $type: 'app.bsky.embed.record', record: libraryPost },
    })
    made.like = await agent.like(libraryPost.uri, libraryPost.cid)
    made.repost = await agent.repost(libraryPost.uri, libraryPost.cid)
    made.follow = await agent.follow(library.did)
    await network.settle()

    await readAll()
    const inbox = await items()
    expect(inbox.map((i) => i.kind).sort()).toEqual(['mention', 'quote', 'reply'])
    const subject = {
      postId: expect.any(String),
      text: 'Bokcirkeln startar i mars – välkommen!',
      url: `https://bsky.app/profile/${library.did}/post/${rkeyOf(libraryPost.uri)}`,
    }
    for (const kind of ['reply', 'mention', 'quote'] as const) {
      const item = inbox.find((i) => i.kind === kind)
      expect(item, kind).toMatchObject({
        state: 'new',
        author: { handle: person.handle, displayName: 'Karin' },
        url: `https://bsky.app/profile/${person.did}/post/${rkeyOf(made[kind].uri)}`,
        // A mention in a post of its own is about no post of the library's.
        subject: kind === 'mention' ? null : subject,
      })
    }
    expect(inbox.find((i) => i.kind === 'reply')).toMatchObject({
      text: 'Får man vara med fast man inte läst boken?',
      hasQuestion: true,
    })

    const stored = await app.database.db
      .selectFrom('interactions')
      .select(['kind', 'remote_id', 'author_remote_id'])
      .where('channel_id', '=', channelId)
      .execute()
    expect(stored.map((s) => [s.kind, s.remote_id]).sort()).toEqual(
      Object.entries(made)
        .map(([kind, ref]) => [kind, ref.uri])
        .sort(),
    )
    expect(new Set(stored.map((s) => s.author_remote_id))).toEqual(new Set([person.did]))
  })

  it('answers the reply in its thread, once', async () => {
    const item = await itemFor(made.reply.uri)
    const text = 'Absolut, alla är välkomna!'
    const sent = await responder.post(`${base()}/inbox/items/${item.id}/replies`, {
      version: item.version,
      text,
    })
    expect(sent.status).toBe(201)
    await app.torget.publishingDrained()

    const answers = await answersUnder(made.reply.uri)
    expect(answers.map((a) => a.post.record.text)).toEqual([text])
    expect(answers[0]!.post.record.reply).toEqual({
      root: { uri: libraryPost.uri, cid: libraryPost.cid },
      parent: { uri: made.reply.uri, cid: made.reply.cid },
    })
    const after = await detail(item.id)
    expect(after.item.state).toBe('answered')
    expect(after.replies).toMatchObject([{ text, state: 'published' }])
    // The library's own answer, read back from the thread, is not something to answer.
    await readAll()
    expect(await items()).toHaveLength(3)
  })

  it('answers once when the worker dies after the PDS took the answer', async () => {
    const item = await itemFor(made.mention.uri)
    const text = 'Tack för tipset, Karin!'
    const written = new Promise<void>((resolve) => {
      dying = { text, written: resolve, lost: new Promise((r) => (revive = r)) }
    })
    const sent = await responder.post(`${base()}/inbox/items/${item.id}/replies`, {
      version: item.version,
      text,
    })
    expect(sent.status).toBe(201)
    await written
    const publication = () =>
      app.database.db
        .selectFrom('publications')
        .select(['id', 'state', 'attempts'])
        .where('post_id', '=', sent.body.postId)
        .executeTakeFirstOrThrow()
    // On the network, yet in flight in Torget: what a killed worker leaves behind.
    expect(await recordsWithText(text)).toBe(1)
    expect(await publication()).toMatchObject({ state: 'in_flight', attempts: 1 })
    expect((await detail(item.id)).item.state).not.toBe('answered')

    // The dead worker's lease runs out; a live worker takes the answer up and asks the PDS first.
    await app.database.db
      .updateTable('publications')
      .set({ attempt_started_at: new Date(Date.now() - 3_600_000).toISOString() })
      .where('id', '=', (await publication()).id)
      .execute()
    await expect.poll(async () => (await detail(item.id)).item.state).toBe('answered')
    expect(await publication()).toMatchObject({ state: 'published', attempts: 2 })

    // The lost attempt's answer comes after all; it no longer owns the publication.
    revive()
    await app.torget.publishingDrained()
    expect(await recordsWithText(text)).toBe(1)
    const answers = await answersUnder(made.mention.uri)
    expect(answers.map((a) => a.post.record.text)).toEqual([text])
    expect(answers[0]!.post.record.reply).toEqual({
      root: { uri: made.mention.uri, cid: made.mention.cid },
      parent: { uri: made.mention.uri, cid: made.mention.cid },
    })
    const after = await detail(item.id)
    expect(after.replies).toMatchObject([{ text, state: 'published' }])
    expect(
      after.activity.filter((a: { action: string }) => a.action === 'reply_published'),
    ).toHaveLength(1)
  })

  it('marks the reply its author deleted, and keeps its text', async () => {
    await person.agent.deletePost(made.reply.uri)
    await network.settle()
    // Half an hour after the last look, the items are due to be looked at again.
    await app.database.db
      .updateTable('interactions')
      .set({ rechecked_at: new Date(Date.now() - 3_600_000).toISOString() })
      .where('channel_id', '=', channelId)
      .execute()
    const channel = await app.torget.services.store.repos.channels.find(libraryId, channelId)
    expect(await app.torget.services.ingest.recheck(channel!)).toBe(3)
    const item = await itemFor(made.reply.uri)
    const after = await detail(item.id)
    expect(after.item.deletedAt).toBeTruthy()
    expect(after.item.text).toBe('Får man vara med fast man inte läst boken?')
    expect(after.activity.map((a: { action: string }) => a.action)).toContain('deleted_remotely')
    // Only the deleted one: the mention and the quote are still there.
    const others = (await items()).filter((i) => i.kind !== 'reply')
    expect(others.map((i) => i.deletedAt)).toEqual([null, null])
  })

  it('hides a reply in the library post’s threadgate, with a reason', async () => {
    const rude = await person.agent.post({
      text: 'Ni borde lägga ner hela stället',
      reply: { root: libraryPost, parent: libraryPost },
    })
    await network.settle()
    await readAll()
    const item = await itemFor(rude.uri)
    expect(item).toMatchObject({ kind: 'reply', text: 'Ni borde lägga ner hela stället' })
    const done = await responder.post(`${base()}/inbox/items/${item.id}/moderation`, {
      action: 'hide_reply',
      reasonCategory: 'library_rules',
      reason: 'Ovårdat språk mot personalen',
    })
    expect(done.status).toBe(201)
    expect(done.body).toMatchObject({ action: 'hide_reply', state: 'done' })

    const { data } = await library.agent.com.atproto.repo.getRecord({
      repo: library.did,
      collection: 'app.bsky.feed.threadgate',
      rkey: rkeyOf(libraryPost.uri),
    })
    expect(data.value).toMatchObject({ post: libraryPost.uri, hiddenReplies: [rude.uri] })
    const after = await detail(item.id)
    expect(after.item.moderatedAt).toBeTruthy()
    expect(after.moderation[0]).toMatchObject({
      action: 'hide_reply',
      reasonCategory: 'library_rules',
      reason: 'Ovårdat språk mot personalen',
    })
  })
})
