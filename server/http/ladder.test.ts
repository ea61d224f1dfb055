import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Interaction, RemoteAuthor } from '../adapters/channels/interactions.js'
import { frozenClock } from '../test/clock.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import { interaction } from '../test/inbox.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'

const people = ['ada', 'bo', 'cilla', 'dag', 'eva', 'frida'] as const
type Person = (typeof people)[number]
const author = (name: Person): RemoteAuthor => ({
  remoteId: `did:plc:${name}`,
  handle: `${name}.bsky.test`,
  displayName: name.toUpperCase(),
  profileUrl: `https://bsky.test/${name}`,
})

/*
 * Stegen through the API, on both databases: people act on the library's
 * account (read by Torget's own ingest from an in-process network) over
 * simulated weeks in 2027, the ladder is rebuilt as the nightly job does,
 * and what each role may see is checked on every answer.
 */
describe.each(await availableDialects())('the engagement ladder on %s', (dialect) => {
  const clock = frozenClock('2027-02-22T09:00:00.000Z')
  const network = loopbackNetwork()
  let app: TestApp
  let libraryId: string
  let channelId: string
  let admin: TestClient
  let editor: TestClient
  let reader: TestClient
  let libraryPost: string
  const base = () => `/api/v1/libraries/${libraryId}/ladder`

  /** People act now (the clock's time); Torget reads it as its worker does. */
  async function act(...acts: [Person, Partial<Interaction>][]) {
    network.receive(
      ...acts.map(([name, x]) =>
        interaction({ text: '', ...x, author: author(name), createdAt: clock.now().toISOString() }),
      ),
    )
    await app.torget.services.ingest.readChannel(libraryId, channelId)
  }
  const at = (iso: string) => clock.set(iso)
  // As the worker does: what ingest wrote is summed, then everyone is placed.
  const rebuild = async () => {
    await app.torget.services.ladder.catchUp()
    return app.torget.services.ladder.rebuild(libraryId)
  }
  const overview = async (c: TestClient = admin) => {
    const res = await c.get(base())
    expect(res.status).toBe(200)
    return res.body
  }
  const counts = (levels: { level: string; thisMonth: number; lastMonth: number | null }[]) =>
    Object.fromEntries(levels.map((l) => [l.level, [l.thisMonth, l.lastMonth]]))
  const codes: Partial<Record<Person, string>> = {}

  beforeAll(async () => {
    app = await createTestApp(dialect, {}, { adapters: { bluesky: network.adapter }, clock })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    editor = (await addMember(app, admin, libraryId, 'editor', 'redaktor@bibliotek.test')).client
    reader = (await addMember(app, admin, libraryId, 'reader', 'lasare@bibliotek.test')).client
    channelId = (
      await admin.post(`/api/v1/libraries/${libraryId}/channels/bluesky`, {
        identifier: 'stadsbiblioteket.test',
        appPassword: 'abcd-efgh-ijkl',
      })
    ).body.id
    // The library's post, published through the publishing service as the worker would.
    const post = await admin.post(`/api/v1/libraries/${libraryId}/posts`, {
      text: 'Bokcirkeln startar i mars!',
      channelIds: [channelId],
    })
    // Torget's time is the test's clock, scheduling included.
    await admin.post(`/api/v1/libraries/${libraryId}/posts/${post.body.id}/schedule`, {
      at: clock.now().toISOString(),
      version: post.body.version,
    })
    const publishing = app.torget.services.publishing
    const { ready } = await publishing.prepare(await publishing.claimDue(10))
    const results = []
    for (const attempt of ready)
      results.push({ claimed: attempt.claimed, outcome: await publishing.attempt(attempt) })
    await publishing.record(results)
    libraryPost = [...network.posts.keys()].map((id) => `loop:${id}`)[0]!
    expect(libraryPost).toBeTruthy()
  })
  afterAll(async () => app?.close())

  it('has nothing to show before the first count, and invents no numbers', async () => {
    const empty = await overview(reader)
    expect(empty.rebuiltAt).toBeNull()
    expect(empty.levels.every((l: { thisMonth: number }) => l.thisMonth === 0)).toBe(true)
    expect(empty.levels[0].lastMonth).toBeNull()
    expect(empty.observers).toEqual({
      networkFollowers: null,
      followersSeen: 0,
      followersUnseen: null,
    })
    expect(empty.canOpenPeople).toBe(false)
  })

  it('places each person on the highest step their actions show, with last month beside', async () => {
    at('2027-02-22T09:00:00.000Z')
    await act(['ada', { kind: 'follow' }], ['eva', { kind: 'like', subjectRemoteId: libraryPost }])
    at('2027-03-01T10:00:00.000Z')
    await act(
      ['bo', { kind: 'like', subjectRemoteId: libraryPost }],
      ['bo', { kind: 'repost', subjectRemoteId: libraryPost }],
      ['dag', { kind: 'mention', text: 'Bästa biblioteket @stadsbiblioteket' }],
      // A quote posted as an answer under the library's post is prompted: it never makes owning.
      ['frida', { kind: 'quote', text: 'Ja!', parentRemoteId: libraryPost }],
    )
    at('2027-03-08T10:00:00.000Z')
    await act(
      ['cilla', { kind: 'reply', text: 'Får man komma sent?', parentRemoteId: libraryPost }],
      ['dag', { kind: 'mention', text: 'Läser på @stadsbiblioteket igen' }],
      ['frida', { kind: 'quote', text: 'Igen!', parentRemoteId: libraryPost }],
    )
    at('2027-03-12T12:00:00.000Z')
    const first = await rebuild()
    // The first count also closes last month, from what Torget already holds.
    expect(first.monthsClosed).toEqual(['2027-02'])
    const march = await overview()
    expect(march.month).toBe('2027-03')
    expect(march.previousMonth).toBe('2027-02')
    expect(counts(march.levels)).toEqual({
      follow: [1, 1],
      endorse: [2, 1],
      contribute: [3, 0],
      own: [0, 0],
      lead: [0, 0],
    })
    expect(march.thisMonth).toEqual({ joined: 4, up: 0, down: 0, left: 0 })
    expect(march.lastMonth).toEqual({ joined: 2, up: 0, down: 0, left: 0 })
    expect(march.movedUpTotal).toBe(4)
    for (const m of march.movedUp) expect(m.member).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    expect(march.canOpenPeople).toBe(true)
  })

  it('makes someone who speaks of the library unprompted in three weeks an owner, and closes the month', async () => {
    at('2027-03-15T10:00:00.000Z')
    await act(
      ['dag', { kind: 'mention', text: 'Tredje veckan i rad @stadsbiblioteket' }],
      ['frida', { kind: 'quote', text: 'Och igen!', parentRemoteId: libraryPost }],
    )
    at('2027-04-06T06:00:00.000Z')
    expect((await rebuild()).monthsClosed).toEqual(['2027-03'])
    const april = await overview(reader)
    expect(april.month).toBe('2027-04')
    expect(counts(april.levels)).toEqual({
      follow: [1, 1],
      endorse: [2, 2],
      contribute: [2, 2],
      own: [1, 1],
      lead: [0, 0],
    })
    expect(april.lastMonth).toEqual({ joined: 4, up: 0, down: 0, left: 0 })
    expect(april.thisMonth).toEqual({ joined: 0, up: 0, down: 0, left: 0 })
    expect(april.ambassadors).toHaveLength(1)
    expect(april.ambassadors[0]).toMatchObject({ level: 'own' })
    codes.dag = april.ambassadors[0].member
    // Rebuilding again changes nothing.
    const again = await rebuild()
    expect(again.written).toBe(0)
    expect(counts((await overview()).levels)).toEqual(counts(april.levels))
  })

  it('lets a Redaktör open a person and mark them as leading, and logs both', async () => {
    const opened = await editor.get(`${base()}/members/${codes.dag}`)
    expect(opened.status).toBe(200)
    expect(opened.body.account.handle).toBe('dag.bsky.test')
    expect(opened.body.level).toBe('own')
    expect(opened.body.facts).toEqual({ endorsements: 0, contributions: 3, unpromptedWeeks: 3 })
    expect(opened.body.writings.map((a: { kind: string }) => a.kind)).toEqual([
      'mention',
      'mention',
      'mention',
    ])
    expect(opened.body.writings.every((a: { unprompted: boolean }) => a.unprompted)).toBe(true)
    expect(opened.body.days.map((d: { day: string }) => d.day)).toEqual([
      '2027-03-15',
      '2027-03-08',
      '2027-03-01',
    ])

    const marked = await editor.patch(`${base()}/members/${codes.dag}`, { lead: true })
    expect(marked.status).toBe(200)
    expect(marked.body).toMatchObject({ level: 'lead', earnedLevel: 'own', lead: true })
    const april = await overview()
    expect(april.thisMonth).toEqual({ joined: 0, up: 1, down: 0, left: 0 })
    expect(april.movedUp).toEqual([
      {
        member: codes.dag,
        channel: expect.objectContaining({ id: channelId }),
        from: 'own',
        to: 'lead',
      },
    ])

    const log = (await admin.get(`/api/v1/libraries/${libraryId}/audit`)).body.items
    const ladderEntries = log.filter((e: { action: string }) => e.action.startsWith('ladder.'))
    expect(ladderEntries.map((e: { action: string }) => e.action)).toEqual([
      'ladder.lead_set',
      'ladder.person_opened',
    ])
    // The log names the person by code only.
    expect(JSON.stringify(ladderEntries)).not.toContain('dag.bsky.test')
    expect(ladderEntries[0].target).toMatchObject({ type: 'audience_member', id: codes.dag })
  })

  it('never gives a Läsare a handle, an account id or a way to open a person', async () => {
    const seen = await reader.get(base())
    expect(seen.status).toBe(200)
    const text = JSON.stringify(seen.body)
    for (const name of people) {
      expect(text).not.toContain(`${name}.bsky.test`)
      expect(text).not.toContain(`did:plc:${name}`)
    }
    expect((await reader.get(`${base()}/members/${codes.dag}`)).status).toBe(403)
    expect((await reader.patch(`${base()}/members/${codes.dag}`, { lead: false })).status).toBe(403)
    expect((await reader.post(`${base()}/rebuild`)).status).toBe(403)
    expect(
      (await reader.patch(`${base()}/rules`, { ...seen.body.rules, windowDays: 30 })).status,
    ).toBe(403)
    expect((await admin.get(`${base()}/members/AAAA-BBBB-CCCC`)).body.error.code).toBe(
      'ladder_member_not_found',
    )
  })

  it('lets people step down as the window slides past them, month by month', async () => {
    at('2027-06-08T06:00:00.000Z')
    expect((await rebuild()).monthsClosed).toEqual(['2027-04', '2027-05'])
    const june = await overview()
    // Eva's and Bo's likes are over 90 days old (May), Cilla's reply since early June; Dag's
    // earned step fell to contributing but he is marked as leading.
    expect(counts(june.levels)).toEqual({
      follow: [1, 1],
      endorse: [0, 0],
      contribute: [1, 2],
      own: [0, 0],
      lead: [1, 1],
    })
    expect(june.lastMonth).toEqual({ joined: 0, up: 0, down: 0, left: 2 })
    const dag = await admin.get(`${base()}/members/${codes.dag}`)
    expect(dag.body).toMatchObject({ level: 'lead', earnedLevel: 'contribute' })
    expect(dag.body.movements).toEqual([
      { month: '2027-03', from: null, to: 'own' },
      { month: '2027-04', from: 'own', to: 'lead' },
    ])
  })

  it('counts followers Torget never saw follow in aggregate only, from the networks’ own numbers', async () => {
    await app.torget.database.db
      .insertInto('account_metrics')
      .values({
        channel_id: channelId,
        library_id: libraryId,
        day: '2027-06-07',
        sampled_at: '2027-06-07T03:00:00.000Z',
        followers: 250,
        following: 10,
        posts: 40,
      })
      .execute()
    expect((await overview(reader)).observers).toEqual({
      networkFollowers: 250,
      followersSeen: 1,
      followersUnseen: 249,
    })
  })

  it('removes those not seen within the retention the library sets, and logs the new rules', async () => {
    at('2027-06-09T08:00:00.000Z')
    await act(['frida', { kind: 'mention', text: 'Sommarläsning @stadsbiblioteket' }])
    await app.torget.services.ladder.catchUp()
    const before = (await overview()).rules
    const saved = await admin.patch(`${base()}/rules`, {
      ...before,
      windowDays: 60,
      retentionMonths: 2,
    })
    expect(saved.status).toBe(200)
    expect(saved.body.rules).toMatchObject({ windowDays: 60, retentionMonths: 2 })
    // Only Frida was seen in the last two months; the others are gone, leaders too.
    expect(counts(saved.body.levels)).toMatchObject({
      follow: [0, 1],
      contribute: [1, 2],
      lead: [0, 1],
    })
    expect((await admin.get(`${base()}/members/${codes.dag}`)).status).toBe(404)
    const refused = await admin.patch(`${base()}/rules`, { ...before, windowDays: 14, ownWeeks: 3 })
    expect(refused.status).toBe(400)
    const log = (await admin.get(`/api/v1/libraries/${libraryId}/audit`)).body.items
    expect(log[0]).toMatchObject({
      action: 'ladder.rules_changed',
      details: { windowDays: 60, retentionMonths: 2 },
    })
  })

  it('shows a person’s ladder rows in their registerutdrag and removes them on erasure', async () => {
    const extract = await admin.get(
      `/api/v1/libraries/${libraryId}/personal-data/account?handle=frida.bsky.test`,
    )
    expect(extract.status).toBe(200)
    expect(extract.body.ladder).toHaveLength(1)
    const code = extract.body.ladder[0].id
    expect(extract.body.ladder[0]).toMatchObject({ level: 'contribute', lead: false })
    const erased = await admin.post(`/api/v1/libraries/${libraryId}/personal-data/account/erase`, {
      handle: 'frida.bsky.test',
    })
    expect(erased.status).toBe(200)
    expect(erased.body.ladderRemoved).toEqual([{ id: code, channelId }])
    expect((await admin.get(`${base()}/members/${code}`)).status).toBe(404)
    // Her mentions stay, as public records; the ladder never places her again.
    await rebuild()
    expect(counts((await overview()).levels).contribute).toEqual([0, 2])
    expect(
      (await app.torget.services.store.repos.ladder.members(libraryId)).map((m) => m.handle),
    ).not.toContain('frida.bsky.test')
    const again = await admin.get(
      `/api/v1/libraries/${libraryId}/personal-data/account?handle=frida.bsky.test`,
    )
    expect(again.body.ladder).toEqual([])
  })

  it('is counted again by the worker’s nightly job, with what ingest brought in since', async () => {
    at('2027-06-20T01:00:00.000Z')
    // Ada was removed for not being seen; a like brings her back.
    await act(['ada', { kind: 'like', subjectRemoteId: libraryPost }])
    await app.torget.startWorker()
    await expect.poll(async () => (await overview()).rebuiltAt).toBe('2027-06-20T01:00:00.000Z')
    expect(counts((await overview()).levels).endorse).toEqual([1, 0])
  })

  it('keeps likes no longer than the archive keeps them per person', async () => {
    const archive = await admin.patch(`/api/v1/libraries/${libraryId}/archive/settings`, {
      interactionRetentionDays: 30,
    })
    expect(archive.status).toBe(200)
    // Ada's like is 42 days old: inside the ladder's 60-day window, past the archive's 30 days,
    // so it no longer counts, not even for July, closed tonight.
    at('2027-08-01T01:00:00.000Z')
    await rebuild()
    const august = await overview()
    expect(august.interactionRetentionDays).toBe(30)
    expect(counts(august.levels).endorse).toEqual([0, 0])
    expect(august.lastMonth).toEqual({ joined: 0, up: 0, down: 0, left: 0 })
  })
})
