import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { utcToZoned } from '../../core/time/zoned.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'
import { createPracticeAdapter } from '../adapters/practice/practice-adapter.js'
import { practiceBoard } from '../services/practice/practice-board.js'

describe.each(await availableDialects())('Övningskanalen and the staff path on %s', (dialect) => {
  let app: TestApp
  let libraryId: string
  let admin: TestClient
  let writer: TestClient
  let writerId: string
  let leaver: TestClient
  let leaverId: string
  let practiceId: string
  let blueskyId: string
  let policyV1: string
  const network = loopbackNetwork()
  const base = () => `/api/v1/libraries/${libraryId}`
  const myPath = async (c: TestClient = writer) => {
    const res = await c.get(`${base()}/path`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body
  }
  const stepDone = async (step: string, c: TestClient = writer) =>
    Boolean((await myPath(c)).steps.find((s: { step: string }) => s.step === step).doneAt)
  /** Reads the practice channel through ingest until the inbox holds `count` practice items. */
  const practiceItems = async (count: number) => {
    for (let i = 0; i < 50; i++) {
      await app.torget.services.ingest.readChannel(libraryId, practiceId)
      const items = (await writer.get(`${base()}/inbox/items?channel=${practiceId}&limit=50`)).body
        .items
      if (items.length >= count) return items
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error('the practice personas never reached the inbox')
  }
  const publishPractice = async (c: TestClient, text: string) => {
    const draft = (await c.post(`${base()}/posts`, { text, channelIds: [practiceId] })).body
    const res = await c.post(`${base()}/practice/posts/${draft.id}/schedule`, {
      at: new Date().toISOString(),
      version: draft.version,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    await app.torget.publishingDrained()
    return draft.id as string
  }
  const answer = async (c: TestClient, item: { id: string; version: number }, text: string) => {
    const res = await c.post(`${base()}/practice/items/${item.id}/replies`, {
      text,
      version: item.version,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    await app.torget.publishingDrained()
  }
  const approvePolicy = async (note: string) => {
    const { draft } = (await admin.get(`${base()}/strategy`)).body
    const document = structuredClone(draft.document)
    document.why.mission = `${document.why.mission} (${note})`
    const saved = await admin.patch(`${base()}/strategy/draft`, {
      version: draft.version,
      document,
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    const made = await admin.post(`${base()}/strategy/versions`, {
      draftVersion: saved.body.version,
      note,
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect((await admin.post(`${base()}/strategy/versions/${made.body.id}/approve`)).status).toBe(
      200,
    )
    return made.body.id as string
  }

  beforeAll(async () => {
    app = await createTestApp(dialect, {}, { adapters: { bluesky: network.adapter } })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    ;({ client: writer, userId: writerId } = await addMember(
      app,
      admin,
      libraryId,
      'writer',
      'nora@bibliotek.test',
    ))
    ;({ client: leaver, userId: leaverId } = await addMember(
      app,
      admin,
      libraryId,
      'writer',
      'olle@bibliotek.test',
    ))
    blueskyId = (
      await admin.post(`${base()}/channels/bluesky`, {
        identifier: 'stadsbiblioteket.test',
        appPassword: 'abcd-efgh-ijkl',
      })
    ).body.id
    const enabled = await admin.post(`${base()}/channels/practice`, {})
    expect(enabled.status, JSON.stringify(enabled.body)).toBe(201)
    practiceId = enabled.body.id
    policyV1 = await approvePolicy('Första')
    await app.torget.startWorker()
  })
  afterAll(async () => app?.close())

  it('is one channel per library: turning it on again answers the same channel', async () => {
    const again = await admin.post(`${base()}/channels/practice`, {})
    expect(again.body).toMatchObject({ id: practiceId, network: 'practice', health: 'ok' })
    const channels = (await writer.get(`${base()}/channels`)).body
    expect(channels.filter((c: { network: string }) => c.network === 'practice')).toHaveLength(1)
    expect((await writer.post(`${base()}/channels/practice`, {})).status).toBe(403)
  })

  it('starts every step empty: nothing is done before it is done', async () => {
    const path = await myPath()
    expect(path.steps.map((s: { doneAt: string | null }) => s.doneAt)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ])
    expect(path).toMatchObject({
      next: 'policy',
      practiceChannelId: practiceId,
      realChannel: true,
      canPractice: true,
    })
    expect(path.lessons.responses.personalMatters).not.toBe('')
    // There is no way to tick a step by hand.
    expect([404, 405]).toContain((await writer.post(`${base()}/path`, { step: 'policy' })).status)
  })

  it('confirming the policy in force completes the first step', async () => {
    await writer.post(`${base()}/policy/read`, { versionId: policyV1 })
    expect(await stepDone('policy')).toBe(true)
    expect((await myPath()).next).toBe('practice_post')
  })

  it('lets a Skribent publish on the practice channel only, and nothing reaches a network adapter', async () => {
    const callsBefore = network.calls.length
    const postId = await publishPractice(
      writer,
      'Välkommen på sagostund i biblioteket på lördag klockan 11! Vilken bok ska vi läsa?',
    )
    const post = (await writer.get(`${base()}/posts/${postId}`)).body
    expect(post.state).toBe('published')
    expect(post.publications[0]).toMatchObject({ channelId: practiceId, state: 'published' })
    // The stand-in Bluesky was not asked anything: no publish, no look-up.
    expect(network.calls.slice(callsBefore).filter((c) => !c.startsWith('read'))).toEqual([])
    expect(network.posts.size).toBe(0)
    expect(await stepDone('practice_post')).toBe(true)

    // A real channel still needs someone who may publish.
    const real = (
      await writer.post(`${base()}/posts`, {
        text: 'Sagostund på lördag!',
        channelIds: [practiceId, blueskyId],
      })
    ).body
    const refused = await writer.post(`${base()}/practice/posts/${real.id}/schedule`, {
      at: new Date().toISOString(),
      version: real.version,
    })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('practice_only')
    expect(network.posts.size).toBe(0)
  })

  it('brings the personas’ question, complaint and personal matter through ingest into the inbox and Statistik', async () => {
    const items = await practiceItems(3)
    expect(
      items.map((i: { author: { displayName: string } }) => i.author.displayName).sort(),
    ).toEqual(['Bengt Bister', 'Maja Läsglad', 'Sara Svensson'])
    expect(items.every((i: { state: string }) => i.state === 'new')).toBe(true)
    const events = await app.torget.services.store.repos.inbox.ingestEventsSince(libraryId, 0, 10)
    expect(
      events.reduce((n, e) => n + e.inbox_items, 0),
      JSON.stringify(events),
    ).toBe(3)
    await app.torget.services.rollups.catchUp()
    // The library's own date (Europe/Stockholm), not UTC's: they differ for an hour or two each night.
    const today = utcToZoned(new Date(), 'Europe/Stockholm').date
    const stats = (await writer.get(`${base()}/stats?from=${today}&to=${today}`)).body
    expect(stats.totals).toMatchObject({ postsPublished: 1, replies: 3, likes: 2, follows: 1 })
    // Practice reaches no one outside the library: it is no public record, so Arkiv keeps none of it.
    await app.torget.services.archiveCapture.captureDue()
    const archived = (await admin.get(`${base()}/archive/entries`)).body.items as {
      network: string | null
    }[]
    expect(archived.filter((e) => e.network === 'practice')).toEqual([])
  })

  it('counts answers from real replies only, and a personal matter only once it moves to e-mail or phone', async () => {
    const items = await practiceItems(3)
    const by = (name: string) =>
      items.find((i: { author: { displayName: string } }) => i.author.displayName === name)
    await answer(
      writer,
      by('Bengt Bister'),
      'Vad tråkigt! Tack för att du säger till, vi ser över automaten i dag.',
    )
    expect((await myPath()).answers).toMatchObject({
      complaint: expect.any(String),
      question: null,
    })

    // Answered in public: not what the policy asks, and the path says so.
    const sara = by('Sara Svensson')
    await answer(writer, sara, 'Vi tittar på ditt lånekort och återkommer här.')
    let path = await myPath()
    expect(path.answers.personal).toBeNull()
    expect(path.personalAnsweredInPublic).toBe(true)
    const fresh = (await writer.get(`${base()}/inbox/items/${sara.id}`)).body
    await answer(
      writer,
      fresh.item ?? fresh,
      'Hej Sara! Mejla oss på info@stadsbiblioteket.se så hjälper vi dig med lånekortet.',
    )
    await answer(
      writer,
      by('Maja Läsglad'),
      'Ja! Vi har en hylla med lättlästa böcker, och du kan reservera i appen.',
    )
    path = await myPath()
    expect(path.personalAnsweredInPublic).toBe(false)
    expect(await stepDone('answers')).toBe(true)
    // The answers were published on the practice channel, and only there.
    expect(network.posts.size).toBe(0)
    const answered = (
      await writer.get(`${base()}/inbox/items?channel=${practiceId}&state=answered`)
    ).body.items
    expect(answered.length).toBeGreaterThanOrEqual(3)
  })

  it('counts an approval only when a colleague gives it, and a real post only with their approval', async () => {
    const draft = (
      await writer.post(`${base()}/posts`, {
        text: 'Nu har vi öppet längre på torsdagar. Välkommen!',
        channelIds: [blueskyId],
      })
    ).body
    const submitted = await writer.post(`${base()}/posts/${draft.id}/submit`, {
      version: draft.version,
    })
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
    expect(await stepDone('approved_post')).toBe(false)
    const approved = await admin.post(`${base()}/posts/${draft.id}/approve`, {
      version: submitted.body.version,
    })
    expect(approved.status, JSON.stringify(approved.body)).toBe(200)
    expect(await stepDone('approved_post')).toBe(true)
    expect(await stepDone('real_post')).toBe(false)
    await admin.post(`${base()}/posts/${draft.id}/schedule`, {
      at: new Date().toISOString(),
      version: approved.body.version,
    })
    await app.torget.publishingDrained()
    expect(network.posts.size).toBe(1)
    expect(await stepDone('real_post')).toBe(true)
    expect((await myPath()).next).toBeNull()
  })

  it('asks again when a new policy version is approved, and rings the bell', async () => {
    const v2 = await approvePolicy('Andra')
    const path = await myPath()
    expect(path.policy).toMatchObject({ versionId: v2, confirmedAt: null, confirmedOlder: true })
    expect(path.next).toBe('policy')
    const bell = (await writer.get('/api/v1/notifications')).body
    expect(bell.items.some((n: { kind: string }) => n.kind === 'policy_approved')).toBe(true)
    await writer.post(`${base()}/policy/read`, { versionId: v2 })
    expect((await myPath()).next).toBeNull()
  })

  it('shows the Ansvarig each member, invites once, and drops a member who leaves mid-path', async () => {
    await leaver.post(`${base()}/policy/read`, {
      versionId: (await myPath(leaver)).policy.versionId,
    })
    const overview = (await admin.get(`${base()}/path/overview`)).body
    const row = (id: string) => overview.members.find((m: { userId: string }) => m.userId === id)
    expect(row(writerId).done).toBe(5)
    expect(row(leaverId).done).toBe(1)
    expect((await writer.get(`${base()}/path/overview`)).status).toBe(403)

    expect((await admin.post(`${base()}/path/invitations`, {})).body).toEqual({ invited: 1 })
    expect((await admin.post(`${base()}/path/invitations`, {})).body).toEqual({ invited: 0 })
    const bell = (await leaver.get('/api/v1/notifications')).body
    expect(bell.items.filter((n: { kind: string }) => n.kind === 'path_invited')).toHaveLength(1)

    expect((await admin.delete(`${base()}/members/${leaverId}`)).status).toBe(204)
    expect((await leaver.get(`${base()}/path`)).status).toBe(404)
    const after = await admin.get(`${base()}/path/overview`)
    expect(after.status).toBe(200)
    expect(after.body.members.map((m: { userId: string }) => m.userId)).not.toContain(leaverId)
  })

  it('starts a member invited back from what they actually did, not from the beginning', async () => {
    const invite = await admin.post(`${base()}/invitations`, {
      role: 'writer',
      email: 'olle@bibliotek.test',
    })
    const token = String(invite.body.url).split('/').pop()!
    expect((await leaver.post(`/api/v1/invitations/${token}/accept`, {})).status).toBe(200)
    const path = await myPath(leaver)
    expect(path.steps.map((s: { doneAt: string | null }) => Boolean(s.doneAt))).toEqual([
      true,
      false,
      false,
      false,
      false,
    ])
    expect(path.next).toBe('practice_post')
    const overview = (await admin.get(`${base()}/path/overview`)).body
    expect(overview.members.find((m: { userId: string }) => m.userId === leaverId)).toMatchObject({
      done: 1,
    })
  })

  it('hides a practice comment in Övningskanalen itself, keeping the copy and the reason', async () => {
    const items = await practiceItems(3)
    const bengt = items.find(
      (i: { author: { displayName: string } }) => i.author.displayName === 'Bengt Bister',
    )
    const done = await admin.post(`${base()}/inbox/items/${bengt.id}/moderation`, {
      action: 'hide_reply',
      reasonCategory: 'unlawful_threat',
      reason: 'Övning i att dölja',
    })
    expect(done.status, JSON.stringify(done.body)).toBe(201)
    expect(done.body).toMatchObject({ state: 'done' })
    const hidden = await app.torget.database.db
      .selectFrom('practice_messages')
      .select(['text', 'hidden_at'])
      .where('library_id', '=', libraryId)
      .where('lesson', '=', 'complaint')
      .where('hidden_at', 'is not', null)
      .execute()
    expect(hidden).toHaveLength(1)
    const detail = (await admin.get(`${base()}/inbox/items/${bengt.id}`)).body
    expect(detail.item.text).toBe(bengt.text)
    expect(detail.moderation[0]).toMatchObject({
      action: 'hide_reply',
      reason: 'Övning i att dölja',
    })
    // Practice never asked the stand-in network to moderate anything.
    expect(network.moderated).toEqual([])
  })

  it('lets the Ansvarig add the library’s own practice lines, which the personas then say', async () => {
    const added = await admin.post(`${base()}/practice/scripts`, {
      lesson: 'question',
      personaName: 'Tove Turist',
      text: 'Finns det wifi i läsesalen?',
    })
    expect(added.status).toBe(201)
    expect((await writer.post(`${base()}/practice/scripts`, added.body)).status).toBe(403)
    // The built-in question lines come first; the library's own line is the fourth.
    for (let i = 0; i < 3; i++)
      await publishPractice(admin, `Övning nummer ${i + 2}: vad läser ni?`)
    const items = await practiceItems(12)
    expect(
      items.some((i: { text: string }) => i.text === 'Finns det wifi i läsesalen?'),
      JSON.stringify(items.map((i: { text: string }) => i.text)),
    ).toBe(true)
    expect((await admin.delete(`${base()}/practice/scripts/${added.body.id}`)).status).toBe(204)
    expect((await admin.delete(`${base()}/practice/scripts/${added.body.id}`)).status).toBe(404)
  })

  it('has an audience that grows with every practice post, for Statistik and Stegen', async () => {
    await app.torget.services.ingest.readChannel(libraryId, practiceId)
    await app.torget.services.rollups.catchUp()
    // The library's own date (Europe/Stockholm), not UTC's: they differ for an hour or two each night.
    const today = utcToZoned(new Date(), 'Europe/Stockholm').date
    const stats = (
      await writer.get(`${base()}/stats?from=${today}&to=${today}&channel=${practiceId}`)
    ).body
    // Four practice posts: the asking persona follows on the first (and the library's own, Tove,
    // on the fourth), one of the audience on each after the first; each post is liked by two
    // personas and by about two in three of the audience so far.
    expect(stats.totals).toMatchObject({ postsPublished: 4, follows: 5, likes: 12 })
  })

  it('turned off and on again is the same channel, with its conversations once', async () => {
    const before = (await admin.get(`${base()}/inbox/items?channel=${practiceId}&limit=100`)).body
      .items.length
    expect((await admin.delete(`${base()}/channels/${practiceId}`)).status).toBe(204)
    const again = await admin.post(`${base()}/channels/practice`, {})
    expect(again.body).toMatchObject({ id: practiceId, health: 'ok' })
    await app.torget.services.ingest.readChannel(libraryId, practiceId)
    const items = (await admin.get(`${base()}/inbox/items?channel=${practiceId}&limit=100`)).body
      .items
    expect(items).toHaveLength(before)
  })

  it('published twice (an attempt whose outcome was unknown) is one post, answered once', async () => {
    const adapter = createPracticeAdapter({
      board: practiceBoard({ store: app.torget.services.store }),
    })
    const messages = async () =>
      (
        await app.torget.database.db
          .selectFrom('practice_messages')
          .select('id')
          .where('library_id', '=', libraryId)
          .execute()
      ).length
    const post = { publicationId: 'publication-twice', text: 'Två gånger?', images: [] }
    const before = await messages()
    const first = await adapter.publish({ library: libraryId }, post)
    const after = await messages()
    expect(after).toBeGreaterThan(before)
    const again = await adapter.publish({ library: libraryId }, { ...post, text: 'Igen' })
    expect(again).toEqual(first)
    expect(await messages()).toBe(after)
  })
})
