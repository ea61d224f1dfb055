import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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

describe.each(await availableDialects())('answers awaiting approval on %s', (dialect) => {
  let app: TestApp
  let libraryId: string
  let admin: TestClient
  let responder: TestClient
  let responderId: string
  let editor: TestClient
  let channelId: string
  const network = loopbackNetwork()
  const base = () => `/api/v1/libraries/${libraryId}`
  const sent = () => [...network.posts.values()].filter((p) => p.post.replyTo)
  const detail = async (c: TestClient, itemId: string) =>
    (await c.get(`${base()}/inbox/items/${itemId}`)).body
  /** A new question on the library's post, read into the inbox; its item. */
  async function question(text: string) {
    network.receive(interaction({ text }))
    await app.torget.services.ingest.readChannel(libraryId, channelId)
    const list = (await admin.get(`${base()}/inbox/items?q=${encodeURIComponent(text)}`)).body
    return list.items[0] as { id: string; version: number }
  }
  async function answer(c: TestClient, text: string, reply: string) {
    const item = await question(text)
    const res = await c.post(`${base()}/inbox/items/${item.id}/replies`, {
      version: item.version,
      text: reply,
    })
    expect(res.status).toBe(201)
    return { item, postId: res.body.postId as string, state: res.body.state as string }
  }
  const setting = (on: boolean) =>
    admin.patch(`${base()}`, { repliesNeedApproval: on }).then((r) => expect(r.status).toBe(200))

  beforeAll(async () => {
    app = await createTestApp(dialect, {}, { adapters: { bluesky: network.adapter } })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    const r = await addMember(app, admin, libraryId, 'responder', 'sven@bibliotek.test')
    responder = r.client
    responderId = r.userId
    editor = (await addMember(app, admin, libraryId, 'editor', 'eva@bibliotek.test')).client
    channelId = (
      await admin.post(`${base()}/channels/bluesky`, {
        identifier: 'stadsbiblioteket.test',
        appPassword: 'abcd-efgh-ijkl',
      })
    ).body.id
    await app.torget.startWorker()
  })
  afterAll(() => app.close())

  it('holds an answer until a colleague approves it, then publishes it in the thread once', async () => {
    await setting(true)
    const { item, postId, state } = await answer(
      responder,
      'Har ni öppet på nyårsafton?',
      'Ja, 10–14!',
    )
    expect(state).toBe('in_review')
    await app.torget.publishingDrained()
    expect(sent()).toHaveLength(0)

    // The approver finds it on the item and among the posts awaiting approval.
    const waiting = await detail(editor, item.id)
    expect(waiting.replies).toMatchObject([{ postId, state: 'in_review', text: 'Ja, 10–14!' }])
    const review = (await editor.get(`${base()}/posts?state=in_review`)).body
    expect(JSON.stringify(review)).toContain('Ja, 10–14!')
    const bell = (await editor.get(`/api/v1/notifications`)).body
    expect(JSON.stringify(bell)).toContain('review_requested')

    // A Svarare cannot approve; the approval names the version the approver saw.
    const version = waiting.replies[0].version
    expect((await responder.post(`${base()}/posts/${postId}/approve`, { version })).status).toBe(
      403,
    )
    const [one, two] = await Promise.all([
      editor.post(`${base()}/posts/${postId}/approve`, { version }),
      admin.post(`${base()}/posts/${postId}/approve`, { version }),
    ])
    expect([one.status, two.status].sort()).toEqual([200, 409])
    await app.torget.publishingDrained()
    expect(sent().map((p) => p.post.text)).toEqual(['Ja, 10–14!'])

    const after = await detail(responder, item.id)
    expect(after.item.state).toBe('answered')
    expect(after.replies).toMatchObject([{ postId, state: 'published' }])
    const actions = after.activity.map((a: { action: string }) => a.action)
    expect(actions).toEqual(
      expect.arrayContaining(['reply_queued', 'reply_approved', 'reply_published']),
    )
    // Approving what already went out changes nothing.
    const again = await admin.post(`${base()}/posts/${postId}/approve`, {
      version: after.replies[0].version,
    })
    expect(again.status).toBe(409)
    await app.torget.publishingDrained()
    expect(sent()).toHaveLength(1)
  })

  it('returns an answer with a comment its writer sees on the item; nothing is published', async () => {
    await setting(true)
    const before = sent().length
    const { item, postId } = await answer(
      responder,
      'Varför är självbetjäningen trasig igen?',
      'Det är inte vårt fel.',
    )
    const { replies } = await detail(editor, item.id)
    const returned = await editor.post(`${base()}/posts/${postId}/return`, {
      version: replies[0].version,
      note: 'Be om ursäkt först och berätta när den lagas.',
    })
    expect(returned.status).toBe(200)
    await app.torget.publishingDrained()
    expect(sent()).toHaveLength(before)

    const seen = await detail(responder, item.id)
    expect(seen.replies).toMatchObject([
      { postId, state: 'draft', returnNote: 'Be om ursäkt först och berätta när den lagas.' },
    ])
    expect(seen.activity.map((a: { action: string }) => a.action)).toContain('reply_returned')
    const bell = (await responder.get(`/api/v1/notifications`)).body
    expect(JSON.stringify(bell)).toContain('returned')
    // A returned answer cannot be approved as it stood; the writer answers again instead.
    const late = await admin.post(`${base()}/posts/${postId}/approve`, {
      version: seen.replies[0].version,
    })
    expect(late.status).toBe(409)
  })

  it('lets no one approve their own answer, even a Redaktör', async () => {
    await setting(true)
    const { item, postId, state } = await answer(editor, 'Finns det lånekort för barn?', 'Ja!')
    expect(state).toBe('in_review')
    const { replies } = await detail(editor, item.id)
    const own = await editor.post(`${base()}/posts/${postId}/approve`, {
      version: replies[0].version,
    })
    expect(own.status).toBe(403)
    expect(own.body.error.code).toBe('reply_self_approval_not_allowed')
  })

  it('holds the answers of a member new on the staff path, and only theirs', async () => {
    await setting(false)
    // An Ansvarig's answer never waits; a member not invited onto the path answers directly.
    expect((await answer(editor, 'Hur lånar jag e-böcker?', 'I appen.')).state).toBe('scheduled')
    expect((await answer(responder, 'Var ligger filialen?', 'På torget.')).state).toBe('scheduled')
    const invited = await admin.post(`${base()}/path/invitations`)
    expect(invited.status).toBe(200)
    const path = (await responder.get(`${base()}/path`)).body
    expect(path.next).not.toBe(null)
    const held = await answer(responder, 'Kan jag boka ett grupprum?', 'Ja, på webben.')
    expect(held.state).toBe('in_review')
    const { replies } = await detail(admin, held.item.id)
    expect(replies[0].author.id).toBe(responderId)
    const approved = await admin.post(`${base()}/posts/${held.postId}/approve`, {
      version: replies[0].version,
    })
    expect(approved.status).toBe(200)
    await app.torget.publishingDrained()
    expect(sent().map((p) => p.post.text)).toContain('Ja, på webben.')
  })
})
