import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  SETUP,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import { interaction } from '../test/inbox.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'
import { channelCredentials } from '../services/channel-service.js'

describe.each(await availableDialects())('the inbox on %s', (dialect) => {
  let app: TestApp
  let libraryId: string
  let admin: TestClient
  let responder: TestClient
  let responderId: string
  let reader: TestClient
  let channelId: string
  let mastodonId: string
  const network = loopbackNetwork()
  const mastodon = loopbackNetwork({ network: 'mastodon' })
  const base = () => `/api/v1/libraries/${libraryId}`
  const read = (id = channelId) => app.torget.services.ingest.readChannel(libraryId, id)
  const list = async (c: TestClient, query = '') =>
    (await c.get(`${base()}/inbox/items${query}`)).body
  const counts = async (c: TestClient) => (await c.get(`${base()}/inbox/counts`)).body
  const find = async (c: TestClient, text: string) =>
    (await list(c, `?q=${encodeURIComponent(text)}`)).items[0]

  beforeAll(async () => {
    app = await createTestApp(
      dialect,
      {},
      { adapters: { bluesky: network.adapter, mastodon: mastodon.adapter } },
    )
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    const r = await addMember(app, admin, libraryId, 'responder', 'sven@bibliotek.test')
    responder = r.client
    responderId = r.userId
    await responder.patch('/api/v1/me', { name: 'Sven Svarare' })
    reader = (await addMember(app, admin, libraryId, 'reader', 'lisa@bibliotek.test')).client
    channelId = (
      await admin.post(`${base()}/channels/bluesky`, {
        identifier: 'stadsbiblioteket.test',
        appPassword: 'abcd-efgh-ijkl',
      })
    ).body.id
    const channel = await app.torget.services.store.repos.channels.find(libraryId, channelId)
    mastodonId = `mastodon-${channelId}`
    await app.torget.services.store.repos.channels.insert({
      ...channel!,
      id: mastodonId,
      credentials: channelCredentials(app.torget.services.box).seal(mastodonId, { token: 't' }),
      network: 'mastodon',
      account_remote_id: 'masto-account',
      handle: 'bibliotek@mastodon.test',
    })
  })
  afterAll(async () => app?.close())

  it('shows replies, mentions and quotes once each, newest first, and counts likes and follows without listing them', async () => {
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString()
    network.receive(
      interaction({ kind: 'quote', text: 'Det här borde fler läsa', createdAt: at(1) }),
      interaction({ kind: 'reply', text: 'Har ni Moberg som ljudbok?', createdAt: at(3) }),
      interaction({
        kind: 'mention',
        text: 'Tack @stadsbiblioteket för sagostunden!',
        createdAt: at(2),
      }),
      interaction({ kind: 'like', text: '' }),
      interaction({ kind: 'follow', text: '' }),
    )
    expect(await read()).toEqual({ interactions: 5, items: 3 })
    expect(await read()).toEqual({ interactions: 0, items: 0 })
    const page = await list(responder)
    // Read together, they are listed as they were written: the latest first.
    expect(page.items.map((i: { kind: string }) => i.kind)).toEqual(['quote', 'mention', 'reply'])
    const question = page.items.find((i: { text: string }) => i.text.startsWith('Har ni'))
    expect(question).toMatchObject({ state: 'new', hasQuestion: true, assignee: null })
    // The policy's default target: within 24 hours on weekdays.
    expect(Date.parse(question.dueAt)).toBeGreaterThan(Date.parse(question.receivedAt))
    expect(await counts(responder)).toEqual({ new: 3, assigned: 0, answered: 0 })
    const events = await app.torget.services.store.repos.inbox.ingestEventsSince(libraryId, 0, 10)
    expect(events).toHaveLength(1)
    expect(events[0]!.inbox_items).toBe(3)
  })

  it('reads a flood of 10,000 in bounded batches and loses or doubles nothing', async () => {
    const before = (await counts(responder)).new
    network.receive(
      ...Array.from({ length: 10_000 }, (_, i) =>
        interaction({ kind: i % 2 ? 'like' : 'reply', text: i % 2 ? '' : `Fråga nummer ${i}` }),
      ),
    )
    let rounds = 0
    let total = 0
    for (;;) {
      const result = await read()
      rounds += 1
      total += result!.interactions
      if (result!.interactions === 0) break
    }
    expect(total).toBe(10_000)
    expect(rounds).toBeGreaterThanOrEqual(20)
    // Open counts stop at 1,000 ("999+").
    expect((await counts(responder)).new).toBe(Math.min(1_000, before + 5_000))
    expect((await list(responder, '?q=fr%C3%A5ga%20nummer%204998')).items).toHaveLength(1)
  })

  it('filters by state, assignee, question and search, page by page', async () => {
    expect((await list(responder, '?question=yes')).items[0].text).toBe(
      'Har ni Moberg som ljudbok?',
    )
    const first = await list(responder, '?state=new&limit=2')
    expect(first.items).toHaveLength(2)
    expect(first.nextCursor).toBeTruthy()
    const second = await list(responder, `?state=new&limit=2&cursor=${first.nextCursor}`)
    expect(second.items[0].id).not.toBe(first.items[1].id)
    expect(Date.parse(second.items[0].receivedAt)).toBeLessThanOrEqual(
      Date.parse(first.items[1].receivedAt),
    )
    expect((await list(responder, '?assignee=me')).items).toHaveLength(0)
    const bad = await responder.get(`${base()}/inbox/items?cursor=not-a-cursor`)
    expect(bad.status).toBe(400)
  })

  it('assigns with a notification, tags, notes and closes, and tells a colleague who acted on an older version', async () => {
    const item = await find(responder, 'Moberg som ljudbok')
    const tags = (await responder.get(`${base()}/inbox/tags`)).body
    expect(tags.map((t: { name: string }) => t.name)).toEqual([
      'fråga',
      'beröm',
      'klagomål',
      'personligt ärende',
      'hot/hat',
    ])
    const assigned = await admin.patch(`${base()}/inbox/items/${item.id}`, {
      version: item.version,
      assigneeId: responderId,
      tagIds: [tags[0].id],
    })
    expect(assigned.status).toBe(200)
    expect(assigned.body).toMatchObject({
      state: 'assigned',
      assignee: { id: responderId, name: 'Sven Svarare' },
      tags: [{ name: 'fråga' }],
    })
    const told = (await responder.get('/api/v1/notifications')).body
    expect(told.items[0]).toMatchObject({ kind: 'inbox_assigned', postId: null })
    const stale = await responder.patch(`${base()}/inbox/items/${item.id}`, {
      version: item.version,
      state: 'done',
    })
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('inbox_item_changed')
    const note = await responder.post(`${base()}/inbox/items/${item.id}/notes`, {
      body: 'Kolla med Anna om ljudboken.',
    })
    expect(note.status).toBe(201)
    const detail = (await reader.get(`${base()}/inbox/items/${item.id}`)).body
    expect(detail.notes[0]).toMatchObject({ body: 'Kolla med Anna om ljudboken.' })
    expect(detail.activity.map((a: { action: string }) => a.action)).toEqual([
      'assigned',
      'tagged',
      'note_added',
    ])
    expect(detail.moderationActions).toContain('hide_reply')
    // A Läsare follows the inbox but does not work it.
    const refused = await reader.patch(`${base()}/inbox/items/${item.id}`, {
      version: detail.item.version,
      state: 'done',
    })
    expect(refused.status).toBe(403)
  })

  it('answers in the thread exactly once, and a colleague answering the same version is told', async () => {
    const item = await find(responder, 'Moberg som ljudbok')
    await app.torget.startWorker()
    const [one, two] = await Promise.all([
      responder.post(`${base()}/inbox/items/${item.id}/replies`, {
        version: item.version,
        text: 'Ja, den finns som ljudbok i appen.',
      }),
      admin.post(`${base()}/inbox/items/${item.id}/replies`, {
        version: item.version,
        text: 'Hej! Ja, vi har den.',
      }),
    ])
    expect([one.status, two.status].sort()).toEqual([201, 409])
    await app.torget.publishingDrained()
    const sent = [...network.posts.values()].filter((p) => p.post.replyTo)
    expect(sent).toHaveLength(1)
    // Threaded under the item it answers, by the network's reference read at ingest.
    expect(sent[0]!.post.replyTo).toEqual({ uri: expect.stringMatching(/^remote:/) })
    const detail = (await responder.get(`${base()}/inbox/items/${item.id}`)).body
    expect(detail.item.state).toBe('answered')
    expect(detail.item.firstResponseAt).toBeTruthy()
    expect(detail.replies).toHaveLength(1)
    expect(detail.replies[0].state).toBe('published')
    expect(detail.activity.map((a: { action: string }) => a.action)).toContain('reply_published')
    // The one who answered closes it at once, on the version their answer left: the answer going
    // out is news, not a colleague's change to look at first.
    const sender = one.status === 201 ? responder : admin
    const open = await counts(sender)
    const closed = await sender.patch(`${base()}/inbox/items/${item.id}`, {
      version: item.version + 1,
      state: 'done',
    })
    expect(closed.status).toBe(200)
    expect(closed.body.state).toBe('done')
    expect(await counts(sender)).toEqual({ ...open, answered: open.answered - 1 })
    // Answers stay in their conversation, not among the library's planned posts.
    const posts = (await admin.get(`${base()}/posts`)).body
    expect(JSON.stringify(posts)).not.toContain('ljudbok i appen')
  })

  it('opens the matter again, with the same colleague, when the person writes again in the thread', async () => {
    const author = {
      remoteId: 'did:example:karin',
      handle: 'karin.example',
      displayName: 'Karin',
      profileUrl: 'https://example.test/karin',
    }
    const thread = 'at://did:example:library/app.bsky.feed.post/duvemala'
    network.receive(
      interaction({ author, subjectRemoteId: thread, text: 'Finns Kristina från Duvemåla?' }),
    )
    await read()
    const first = await find(responder, 'Duvemåla')
    const assigned = await admin.patch(`${base()}/inbox/items/${first.id}`, {
      version: first.version,
      assigneeId: responderId,
    })
    await responder.patch(`${base()}/inbox/items/${first.id}`, {
      version: assigned.body.version,
      state: 'done',
    })
    network.receive(interaction({ author, subjectRemoteId: thread, text: 'Och som e-bok?' }))
    await read()
    const again = await find(responder, 'som e-bok')
    expect(again).toMatchObject({ state: 'assigned', assignee: { id: responderId } })
    expect(again.author.seenBefore).toBe(1)
    const detail = (await responder.get(`${base()}/inbox/items/${again.id}`)).body
    expect(detail.activity[0]).toMatchObject({ action: 'reopened', actor: null })
    expect(detail.conversation.map((c: { text: string }) => c.text)).toEqual([
      'Finns Kristina från Duvemåla?',
      'Och som e-bok?',
    ])
  })

  it('streams changes live, and a reconnecting browser gets what it missed', async () => {
    const since = await app.torget.services.inbox.liveCursor({ libraryId } as never)
    const item = await find(responder, 'sagostunden')
    await admin.patch(`${base()}/inbox/items/${item.id}`, { version: item.version, flagged: true })
    network.receive(interaction({ kind: 'mention', text: 'Ny fråga medan du var borta?' }))
    await read()
    await admin.post(`${base()}/inbox/items/${item.id}/presence`, { mode: 'writing' })
    const res = await responder.request('GET', `${base()}/inbox/events`, undefined, {
      'last-event-id': `${since.activity}.${since.ingest}`,
    })
    expect(res.status).toBe(200)
    const events = String(res.body)
      .split('\n\n')
      .filter((block) => block.includes('event: change'))
      .map((block) => JSON.parse(block.split('data: ')[1]!.split('\n')[0]!))
    const presence = String(res.body)
      .split('\n\n')
      .filter((block) => block.includes('event: presence'))
      .map((block) => JSON.parse(block.split('data: ')[1]!.split('\n')[0]!))
    expect(presence).toEqual([
      {
        itemId: item.id,
        presence: [{ user: expect.objectContaining({ name: SETUP.name }), mode: 'writing' }],
      },
    ])
    expect(events).toEqual([
      expect.objectContaining({ itemId: item.id, action: 'flagged', actor: expect.any(Object) }),
      expect.objectContaining({ action: 'received', state: 'new', actor: null }),
    ])
  })

  it('refuses an answer with a placeholder left in it, naming it', async () => {
    const item = await find(responder, 'sagostunden')
    const res = await responder.post(`${base()}/inbox/items/${item.id}/replies`, {
      version: item.version,
      text: 'Hej {namn}, välkommen {datum}!',
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('unknown_placeholder')
    expect(res.body.error.details.map((d: { message: string }) => d.message)).toEqual([
      'Okänd platshållare: {namn}',
      'Okänd platshållare: {datum}',
    ])
  })

  it('hides a hateful reply on the network with a required reason and keeps its copy', async () => {
    network.receive(interaction({ kind: 'reply', text: 'Ni borde brinna allihop' }))
    await read()
    const item = await find(responder, 'brinna allihop')
    const missing = await responder.post(`${base()}/inbox/items/${item.id}/moderation`, {
      action: 'hide_reply',
      reasonCategory: 'no-such-reason',
      reason: 'Hot',
    })
    expect(missing.status).toBe(400)
    const done = await responder.post(`${base()}/inbox/items/${item.id}/moderation`, {
      action: 'hide_reply',
      reasonCategory: 'unlawful_threat',
      reason: 'Hot mot personalen',
    })
    expect(done.status).toBe(201)
    expect(done.body).toMatchObject({ state: 'done', actor: { name: 'Sven Svarare' } })
    expect(network.moderated.at(-1)).toMatchObject({ action: 'hide_reply' })
    const detail = (await admin.get(`${base()}/inbox/items/${item.id}`)).body
    expect(detail.item.text).toBe('Ni borde brinna allihop')
    expect(detail.item.moderatedAt).toBeTruthy()
    expect(detail.moderation[0]).toMatchObject({
      action: 'hide_reply',
      reasonCategory: 'unlawful_threat',
      reason: 'Hot mot personalen',
    })
  })

  it('says Mastodon cannot hide a reply, and follows a reply its author deletes, keeping the copy', async () => {
    const gone = interaction({ kind: 'reply', text: 'Det här tar jag bort sen' })
    mastodon.receive(gone)
    await read(mastodonId)
    const item = await find(responder, 'tar jag bort sen')
    expect(
      (await responder.get(`${base()}/inbox/items/${item.id}`)).body.moderationActions,
    ).not.toContain('hide_reply')
    const refused = await responder.post(`${base()}/inbox/items/${item.id}/moderation`, {
      action: 'hide_reply',
      reasonCategory: 'library_rules',
      reason: 'Spam',
    })
    expect(refused.status).toBe(422)
    expect(refused.body.error.code).toBe('moderation_not_allowed')
    mastodon.setRemoteState(gone.remoteId, { state: 'deleted' })
    // Half an hour later the item is due to be looked at again.
    await app.torget.database.db
      .updateTable('interactions')
      .set({ rechecked_at: new Date(Date.now() - 3_600_000).toISOString() })
      .execute()
    await app.torget.services.ingest.recheck(
      (await app.torget.services.store.repos.channels.find(libraryId, mastodonId))!,
    )
    const detail = (await responder.get(`${base()}/inbox/items/${item.id}`)).body
    expect(detail.item.deletedAt).toBeTruthy()
    expect(detail.item.text).toBe('Det här tar jag bort sen')
    expect(detail.activity.map((a: { action: string }) => a.action)).toContain('deleted_remotely')
  })

  it('applies automatic rules, shows them on the item, and lets a person undo them', async () => {
    const tags = (await admin.get(`${base()}/inbox/tags`)).body
    const personal = tags.find((t: { name: string }) => t.name === 'personligt ärende')
    const rule = await admin.post(`${base()}/inbox/rules`, {
      name: 'Personnummer',
      conditions: [{ type: 'contains_personnummer' }],
      actions: [{ type: 'tag', tagId: personal.id }, { type: 'flag' }],
    })
    expect(rule.status).toBe(201)
    network.receive(interaction({ kind: 'mention', text: 'Mitt lånekort: 19811218-9876, hjälp!' }))
    await read()
    const item = await find(responder, 'lånekort')
    expect(item).toMatchObject({ flagged: true, tags: [{ name: 'personligt ärende' }] })
    const detail = (await responder.get(`${base()}/inbox/items/${item.id}`)).body
    const tagged = detail.activity.find((a: { action: string }) => a.action === 'tagged')
    expect(tagged).toMatchObject({ rule: { name: 'Personnummer' }, undoable: true })
    expect(detail.guidance).toHaveProperty('personalMatters')
    const undone = await responder.post(`${base()}/inbox/activity/${tagged.id}/undo`)
    expect(undone.status).toBe(200)
    expect(undone.body.tags).toEqual([])
    expect((await responder.post(`${base()}/inbox/activity/${tagged.id}/undo`)).status).toBe(409)
  })

  it('keeps tags and saved replies tidy: no duplicate names, no unknown placeholders', async () => {
    expect((await admin.post(`${base()}/inbox/tags`, { name: ' Fråga ' })).status).toBe(409)
    expect((await responder.post(`${base()}/inbox/tags`, { name: 'Nytt' })).status).toBe(403)
    const bad = await admin.post(`${base()}/inbox/saved-replies`, {
      title: 'Öppettider',
      body: 'Hej {namn}! Vi har öppet {öppettider}.',
    })
    expect(bad.status).toBe(422)
    expect(bad.body.error.details[0].message).toContain('{öppettider}')
    const good = await admin.post(`${base()}/inbox/saved-replies`, {
      title: 'Öppettider',
      body: 'Hej {namn}! Våra öppettider finns på {länk}.',
    })
    expect(good.status).toBe(201)
    expect((await responder.get(`${base()}/inbox/saved-replies`)).body).toHaveLength(1)
  })

  it('measures response times against the policy target for the Ansvarig', async () => {
    const times = await admin.get(`${base()}/inbox/response-times?weeks=4`)
    expect(times.status).toBe(200)
    expect(times.body.target).toMatch(/24 timmar/)
    // Whoever won the race to answer is the one measured.
    expect(times.body.byMember).toHaveLength(1)
    expect(['Sven Svarare', 'Astrid Admin']).toContain(times.body.byMember[0].label)
    expect(times.body.byMember[0]).toMatchObject({ answered: 1, withinTarget: 1 })
    expect(times.body.byWeek[0].answered).toBe(1)
    expect((await responder.get(`${base()}/inbox/response-times`)).status).toBe(403)
  })

  it('backs off when the network answers 429 and reads on once it recovers', async () => {
    network.setReadFault({ kind: 'transient', code: 'rate_limited', retryAfterMs: 120_000 })
    expect(await read()).toBeUndefined()
    const cursor = await app.torget.services.store.repos.ingest.cursor(channelId)
    expect(cursor).toMatchObject({ error_code: 'rate_limited', failures: 1 })
    expect(Date.parse(cursor!.next_read_at) - Date.now()).toBeGreaterThan(100_000)
    network.setReadFault(undefined)
    network.receive(interaction({ kind: 'reply', text: 'Efter avbrottet' }))
    expect(await read()).toEqual({ interactions: 1, items: 1 })
  })
})
