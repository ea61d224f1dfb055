import type { AtpAgent } from '@atproto/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BlueskyAdapter } from '../adapters/bluesky/bluesky-adapter.js'
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
import { shiftedClock } from '../test/clock.js'
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
 * Stegen against the local Bluesky network with its AppView: twenty accounts
 * follow, like, repost, reply, quote and mention the library over simulated
 * weeks of March and April 2027 (Torget's clock is moved; every record is
 * dated by it), Torget's own ingest reads them from the network, and the
 * nightly rebuild places them. One network serves both databases; each has a
 * library account and an audience of its own.
 */
let network: BlueskyNetwork
beforeAll(async () => {
  network = await startBlueskyNetwork({ appView: true })
}, 120_000)
afterAll(() => network?.close())

interface Ref {
  uri: string
  cid: string
}

const WEEK = 7 * 86_400_000
const MARCH = Date.parse('2027-03-01T09:00:00.000Z')
const names = Array.from({ length: 20 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`)

describe.each(await availableDialects())('the ladder with Bluesky on %s', (dialect) => {
  const clock = shiftedClock()
  let app: TestApp
  let admin: TestClient
  let reader: TestClient
  let libraryId: string
  let channelId: string
  let library: BlueskyTestAccount
  const people: Record<string, BlueskyTestAccount> = {}
  const posts: Ref[] = []
  const base = () => `/api/v1/libraries/${libraryId}/ladder`

  /** Reads the channel as the worker does, until nothing new comes. */
  async function readAll() {
    await network.settle()
    for (let round = 0; round < 10; round++) {
      const result = await app.torget.services.ingest.readChannel(libraryId, channelId)
      if (!result) throw new Error('reading the channel failed')
      if (result.interactions === 0) return
    }
    throw new Error('the channel kept bringing new interactions')
  }

  const createdAt = () => clock.now().toISOString()
  const agent = (name: string): AtpAgent => people[name]!.agent
  const repo = (name: string) => ({ repo: people[name]!.did })
  const follow = (name: string) =>
    agent(name).app.bsky.graph.follow.create(repo(name), {
      subject: library.did,
      createdAt: createdAt(),
    })
  const like = (name: string, post: Ref) =>
    agent(name).app.bsky.feed.like.create(repo(name), { subject: post, createdAt: createdAt() })
  const repost = (name: string, post: Ref) =>
    agent(name).app.bsky.feed.repost.create(repo(name), { subject: post, createdAt: createdAt() })
  const reply = (name: string, post: Ref, text: string) =>
    agent(name).post({ text, reply: { root: post, parent: post }, createdAt: createdAt() })
  const quote = (name: string, post: Ref, text: string) =>
    agent(name).post({
      text,
      embed: { $type: 'app.bsky.embed.record', record: post },
      createdAt: createdAt(),
    })
  /** A post of the person's own that names the library: unprompted. */
  function mention(name: string, before: string) {
    const text = `${before} @${library.handle}`
    const start = Buffer.byteLength(before) + 1
    return agent(name).post({
      text,
      facets: [
        {
          index: { byteStart: start, byteEnd: start + Buffer.byteLength(`@${library.handle}`) },
          features: [{ $type: 'app.bsky.richtext.facet#mention', did: library.did }],
        },
      ],
      createdAt: createdAt(),
    })
  }
  const week = (n: number) => clock.set(new Date(MARCH + n * WEEK))
  const rebuild = async () => {
    await app.torget.services.ladder.catchUp()
    return app.torget.services.ladder.rebuild(libraryId)
  }
  const levels = async () =>
    Object.fromEntries(
      (await app.torget.services.store.repos.ladder.members(libraryId)).map((m) => [
        m.handle.split('-')[0],
        m.level,
      ]),
    )
  const counts = (body: { levels: { level: string; thisMonth: number; lastMonth: number }[] }) =>
    Object.fromEntries(body.levels.map((l) => [l.level, [l.thisMonth, l.lastMonth]]))

  beforeAll(async () => {
    app = await createTestApp(dialect, ALLOW_LOOPBACK, {
      clock,
      adapters: {
        bluesky: lazyAdapter('bluesky', async () => {
          const { store, box } = app.torget.services
          return new BlueskyAdapter({
            fetch: guardedClient({ allowPrivate: app.config.fetchAllowPrivate }),
            budget: databaseRateBudget(app.torget.database.db, systemClock),
            onCredentialsUpdate: persistRefreshedCredentials(store, box),
            plcUrl: network.plcUrl,
          })
        }),
      },
    })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    reader = (await addMember(app, admin, libraryId, 'reader', 'lasare@bibliotek.test')).client
    const tag = dialect === 'sqlite' ? 'sq' : 'pg'
    library = await network.createAccount(`lad-${tag}-bibl`, 'Stadsbiblioteket')
    for (const name of names) people[name] = await network.createAccount(`${name}-${tag}-lad`)
    const channel = await admin.post(`/api/v1/libraries/${libraryId}/channels/bluesky`, {
      identifier: library.handle,
      appPassword: library.appPassword,
      service: network.pdsUrl,
    })
    expect(channel.status).toBe(201)
    channelId = channel.body.id
    for (const text of ['Bokcirkeln startar i mars!', 'Nya ljudböcker i appen'])
      posts.push(await library.agent.post({ text }))
    // The first read is made today: the network's notifications start Torget's mark. p01 has
    // followed since before the simulated spring.
    await follow('p01')
    await readAll()
  }, 180_000)
  afterAll(async () => app?.close())

  it(
    'places twenty people on the steps their actions in March show',
    { timeout: 120_000 },
    async () => {
      week(0)
      for (const name of ['p02', 'p03', 'p04', 'p05', 'p20']) await follow(name)
      for (const name of ['p06', 'p07', 'p08', 'p09', 'p19']) await like(name, posts[0]!)
      await repost('p06', posts[1]!)
      for (const name of ['p16', 'p17', 'p18']) await mention(name, 'Bästa stället i stan:')
      await readAll()
      week(1)
      for (const name of ['p10', 'p11', 'p12', 'p13'])
        await reply(name, posts[0]!, 'Får man komma fast man inte läst boken?')
      for (const name of ['p14', 'p15']) await quote(name, posts[0]!, 'Det här ska jag gå på')
      for (const name of ['p16', 'p17', 'p18']) await mention(name, 'Lånade tre deckare på')
      await readAll()
      week(2)
      for (const name of ['p16', 'p17']) await mention(name, 'Tredje veckan i rad på')
      await readAll()

      week(4)
      const march = await rebuild()
      expect(march.month).toBe('2027-03')
      expect(await levels()).toEqual({
        ...Object.fromEntries(['p01', 'p02', 'p03', 'p04', 'p05', 'p20'].map((n) => [n, 'follow'])),
        ...Object.fromEntries(['p06', 'p07', 'p08', 'p09', 'p19'].map((n) => [n, 'endorse'])),
        ...Object.fromEntries(
          ['p10', 'p11', 'p12', 'p13', 'p14', 'p15', 'p18'].map((n) => [n, 'contribute']),
        ),
        p16: 'own',
        p17: 'own',
      })
      const body = (await admin.get(base())).body
      expect(counts(body)).toEqual({
        follow: [6, 1],
        endorse: [5, 0],
        contribute: [7, 0],
        own: [2, 0],
        lead: [0, 0],
      })
      expect(body.thisMonth).toEqual({ joined: 19, up: 0, down: 0, left: 0 })
      expect(body.ambassadors).toHaveLength(2)
    },
  )

  it('shows who moved up in April, with March beside it', { timeout: 120_000 }, async () => {
    week(5)
    await reply('p19', posts[1]!, 'Finns den som e-bok också?')
    await mention('p20', 'Sagostunden på')
    await readAll()
    week(6)
    await mention('p20', 'Bokbytardagen på')
    await readAll()
    week(7)
    await mention('p20', 'Tack för tipset,')
    await readAll()

    week(8)
    expect((await rebuild()).monthsClosed).toEqual(['2027-03'])
    const april = (await admin.get(base())).body
    expect(april.month).toBe('2027-04')
    expect(counts(april)).toEqual({
      follow: [5, 6],
      endorse: [4, 5],
      contribute: [8, 7],
      own: [3, 2],
      lead: [0, 0],
    })
    expect(april.thisMonth).toEqual({ joined: 0, up: 2, down: 0, left: 0 })
    expect(april.lastMonth).toEqual({ joined: 19, up: 0, down: 0, left: 0 })
    expect(april.movedUp.map((m: { from: string; to: string }) => [m.from, m.to]).sort()).toEqual([
      ['endorse', 'contribute'],
      ['follow', 'own'],
    ])
    const p20 = april.movedUp.find((m: { to: string }) => m.to === 'own')
    const opened = await admin.get(`${base()}/members/${p20.member}`)
    expect(opened.body.account.handle).toBe(people.p20!.handle)
    expect(opened.body.facts.unpromptedWeeks).toBe(3)
    expect(opened.body.movements).toEqual([
      { month: '2027-03', from: null, to: 'follow' },
      { month: '2027-04', from: 'follow', to: 'own' },
    ])

    // A Läsare sees the same numbers and codes, never whose they are.
    const seen = await reader.get(base())
    expect(counts(seen.body)).toEqual(counts(april))
    const text = JSON.stringify(seen.body)
    for (const person of Object.values(people)) {
      expect(text).not.toContain(person.handle)
      expect(text).not.toContain(person.did)
    }
    expect((await reader.get(`${base()}/members/${p20.member}`)).status).toBe(403)
  })
})
