import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BlueskyAdapter } from '../adapters/bluesky/bluesky-adapter.js'
import { type BlueskyNetwork, startBlueskyNetwork } from '../test/bluesky.js'
import { availableDialects } from '../test/databases.js'
import { type TestApp, type TestClient, createTestApp, setUpFirstLibrary } from '../test/harness.js'
import { ALLOW_LOOPBACK, loopbackClient } from '../test/outbound.js'

let network: BlueskyNetwork
beforeAll(async () => {
  network = await startBlueskyNetwork()
})
afterAll(() => network?.close())

describe.each(await availableDialects())("a post's language on %s", (dialect) => {
  let app: TestApp
  let admin: TestClient
  let libraryId: string
  let channelId: string
  const base = () => `/api/v1/libraries/${libraryId}`

  beforeAll(async () => {
    app = await createTestApp(dialect, ALLOW_LOOPBACK, {
      adapters: { bluesky: new BlueskyAdapter({ fetch: loopbackClient() }) },
    })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    const account = await network.createAccount(`sprak-${dialect}`)
    const channel = await admin.post(`${base()}/channels/bluesky`, {
      identifier: account.handle,
      appPassword: account.appPassword,
      service: network.pdsUrl,
    })
    expect(channel.status).toBe(201)
    channelId = channel.body.id
  })
  afterAll(async () => app?.close())

  it("is the library's language unless the writer picks another, and is kept", async () => {
    const swedish = await admin.post(`${base()}/posts`, { text: 'Sagostund på lördag' })
    expect(swedish.body.language).toBe('sv')

    const arabic = await admin.post(`${base()}/posts`, {
      text: 'حكايات للأطفال يوم السبت',
      language: 'ar',
    })
    expect(arabic.status).toBe(201)
    expect((await admin.get(`${base()}/posts/${arabic.body.id}`)).body.language).toBe('ar')

    const changed = await admin.patch(`${base()}/posts/${arabic.body.id}`, {
      version: arabic.body.version,
      language: 'fa',
    })
    expect(changed.body.language).toBe('fa')
    const history = await admin.get(`${base()}/posts/${arabic.body.id}/history`)
    expect(history.body.at(-1)).toMatchObject({ kind: 'edited', details: { fields: ['language'] } })

    expect((await admin.patch(base(), { locale: 'en' })).status).toBe(200)
    const english = await admin.post(`${base()}/posts`, { text: 'Story time on Saturday' })
    expect(english.body.language).toBe('en')
    await admin.patch(base(), { locale: 'sv' })
  })

  it('refuses a code it does not know, saying which it takes, in the person’s language', async () => {
    for (const language of ['xx', 'sv-SE', 'svenska', '']) {
      const res = await admin.post(`${base()}/posts`, { text: 'Hej', language })
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details).toEqual([
        { path: 'language', message: expect.stringMatching(/^Ogiltigt val: .*"sv".*"ar".*"uk"/) },
      ])
    }
    admin.locale = 'en'
    const res = await admin.post(`${base()}/posts`, { text: 'Hi', language: 'Swedish' })
    admin.locale = 'sv'
    expect(res.body.error.details[0].message).toMatch(/^Invalid option: expected one of/)
    const posts = await admin.get(`${base()}/posts`)
    expect(posts.body.map((p: { text: string }) => p.text)).not.toContain('Hej')
  })

  it('goes to Bluesky with the post as its langs', async () => {
    const post = await admin.post(`${base()}/posts`, {
      text: 'Казки для дітей у суботу',
      language: 'uk',
      channelIds: [channelId],
    })
    await admin.post(`${base()}/posts/${post.body.id}/schedule`, {
      at: new Date().toISOString(),
      version: post.body.version,
    })
    const publishing = app.torget.services.publishing
    const { ready } = await publishing.prepare(await publishing.claimDue(10))
    expect(ready).toHaveLength(1)
    const outcome = await publishing.attempt(ready[0]!)
    expect(outcome.kind).toBe('published')
    const uri = (outcome as { remoteId: string }).remoteId
    const [, , repo, collection, rkey] = uri.split('/')
    const record = await network.accounts.bibliotek.agent.com.atproto.repo.getRecord({
      repo: repo!,
      collection: collection!,
      rkey: rkey!,
    })
    expect(record.data.value).toMatchObject({ text: 'Казки для дітей у суботу', langs: ['uk'] })
  })
})
