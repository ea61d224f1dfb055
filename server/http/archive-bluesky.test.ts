import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveEntry } from '../../core/archive/entry.js'
import { BlueskyAdapter } from '../adapters/bluesky/bluesky-adapter.js'
import { lazyAdapter } from '../adapters/channels/lazy-adapter.js'
import { systemClock } from '../clock.js'
import { guardedClient } from '../net/guarded-client.js'
import { sha256Hex } from '../services/archive/chain.js'
import { persistRefreshedCredentials } from '../services/channel-service.js'
import { databaseRateBudget } from '../services/rate-budget-store.js'
import { type BlueskyNetwork, startBlueskyNetwork } from '../test/bluesky.js'
import { type TestApp, type TestClient, createTestApp, setUpFirstLibrary } from '../test/harness.js'
import { ALLOW_LOOPBACK } from '../test/outbound.js'

/*
 * The archive end to end on SQLite (the dialect does not matter to the network; the archive's
 * SQL is tested on both in archive.test.ts): a post published on a local Bluesky network with
 * an AppView, and a person's reply to it, land in the archive.
 */
let network: BlueskyNetwork
beforeAll(async () => {
  network = await startBlueskyNetwork({ appView: true })
}, 120_000)
afterAll(() => network?.close())

describe('the archive with Bluesky', () => {
  let app: TestApp
  let admin: TestClient
  let libraryId: string
  let channelId: string
  const base = () => `/api/v1/libraries/${libraryId}`

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
    app = await createTestApp('sqlite', ALLOW_LOOPBACK, { adapters: { bluesky } })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    const library = await network.createAccount('arkiv-bibl', 'Stadsbiblioteket')
    const channel = await admin.post(`${base()}/channels/bluesky`, {
      identifier: library.handle,
      appPassword: library.appPassword,
      service: network.pdsUrl,
    })
    expect(channel.status).toBe(201)
    channelId = channel.body.id
    await app.torget.startWorker()
  }, 60_000)
  afterAll(async () => app?.close())

  it('keeps the published post and the reply it got, in one conversation', async () => {
    const post = await admin.post(`${base()}/posts`, {
      text: 'Nu kan du låna elcyklar på biblioteket!',
      channelIds: [channelId],
    })
    await admin.post(`${base()}/posts/${post.body.id}/schedule`, {
      at: new Date().toISOString(),
      version: post.body.version,
    })
    await app.torget.publishingDrained()
    const [published] = (await admin.get(`${base()}/archive/entries?kind=post_published`)).body
      .items as ArchiveEntry[]
    expect(published).toMatchObject({
      network: 'bluesky',
      remoteId: expect.stringMatching(/^at:\/\//),
      content: { text: 'Nu kan du låna elcyklar på biblioteket!' },
    })

    const person = await network.createAccount('arkiv-ola', 'Ola')
    // The reply refers to the post by its record's cid, as the PDS has it (the AppView may not
    // have indexed it yet).
    const [, , repo, collection, rkey] = published!.remoteId!.split('/')
    const record = await person.agent.com.atproto.repo.getRecord({
      repo: repo!,
      collection: collection!,
      rkey: rkey!,
    })
    const root = { uri: record.data.uri, cid: record.data.cid! }
    await person.agent.post({ text: 'Hur länge får man låna dem?', reply: { root, parent: root } })
    await network.settle()
    for (let round = 0; round < 5; round++) {
      const read = await app.torget.services.ingest.readChannel(libraryId, channelId)
      if (!read?.interactions) break
    }
    await app.torget.services.archiveCapture.captureDue()

    const [reply] = (await admin.get(`${base()}/archive/entries?kind=item_received`)).body
      .items as ArchiveEntry[]
    expect(reply).toMatchObject({
      recordClass: 'inkommen',
      person: { remoteId: person.did, handle: person.handle, name: 'Ola' },
      content: { itemKind: 'reply', text: 'Hur länge får man låna dem?', rootRemoteId: root.uri },
    })
    const detail = (await admin.get(`${base()}/archive/entries/${reply!.id}`)).body
    expect(detail.conversation.map((e: ArchiveEntry) => e.id)).toEqual([published!.id, reply!.id])
    expect((await app.torget.services.archive.verify(libraryId))[0]).toMatchObject({ ok: true })
  })

  it('copies the photo a reply carries into the archive, with its alt text', async () => {
    const post = await admin.post(`${base()}/posts`, {
      text: 'Visa oss er finaste läshörna!',
      channelIds: [channelId],
    })
    await admin.post(`${base()}/posts/${post.body.id}/schedule`, {
      at: new Date().toISOString(),
      version: post.body.version,
    })
    await app.torget.publishingDrained()
    const entries = (await admin.get(`${base()}/archive/entries?kind=post_published`)).body
      .items as ArchiveEntry[]
    const published = entries.find(
      (e) => e.content?.kind === 'post_published' && e.content.postId === post.body.id,
    )!
    const person = await network.createAccount('arkiv-lisa', 'Lisa')
    const [, , repo, collection, rkey] = published.remoteId!.split('/')
    const record = await person.agent.com.atproto.repo.getRecord({
      repo: repo!,
      collection: collection!,
      rkey: rkey!,
    })
    const root = { uri: record.data.uri, cid: record.data.cid! }
    const photo = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 120, b: 40 } },
    })
      .jpeg()
      .toBuffer()
    const blob = await person.agent.uploadBlob(photo, { encoding: 'image/jpeg' })
    await person.agent.post({
      text: 'Här är min!',
      reply: { root, parent: root },
      embed: {
        $type: 'app.bsky.embed.images',
        images: [{ image: blob.data.blob, alt: 'En fåtölj vid fönstret' }],
      },
    })
    await network.settle()
    for (let round = 0; round < 5; round++) {
      const read = await app.torget.services.ingest.readChannel(libraryId, channelId)
      if (!read?.interactions) break
    }
    await app.torget.services.archiveCapture.captureDue()

    const received = (await admin.get(`${base()}/archive/entries?kind=item_received`)).body
      .items as ArchiveEntry[]
    const reply = received.find((e) => e.person?.remoteId === person.did)!
    expect(reply.content).toMatchObject({
      text: 'Här är min!',
      media: [{ alt: 'En fåtölj vid fönstret', mimeType: expect.stringMatching(/^image\//) }],
    })
    expect(reply.content).not.toHaveProperty('missingMedia')
    const [media] = (reply.content as { media: { sha256: string; byteSize: number }[] }).media
    const stored = await app.torget.services.store.repos.archive.media(libraryId, media!.sha256)
    expect(stored?.data.byteLength).toBe(media!.byteSize)
    expect(sha256Hex(Buffer.from(stored!.data))).toBe(media!.sha256)
    expect((await app.torget.services.archive.verify(libraryId))[0]).toMatchObject({ ok: true })
  })
})
