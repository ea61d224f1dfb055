import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'

describe.each(await availableDialects())(
  'comments, mentions and notifications on %s',
  (dialect) => {
    let app: TestApp
    let libraryId: string
    let admin: TestClient
    let editor: TestClient
    let writer: TestClient
    let responder: TestClient
    let writerId: string
    let channelId: string
    const base = () => `/api/v1/libraries/${libraryId}`
    const inbox = async (c: TestClient) => (await c.get('/api/v1/notifications')).body

    beforeAll(async () => {
      app = await createTestApp(dialect, {}, { adapters: { bluesky: loopbackNetwork().adapter } })
      ;({ admin, libraryId } = await setUpFirstLibrary(app))
      editor = (await addMember(app, admin, libraryId, 'editor', 'rasmus@bibliotek.test')).client
      const w = await addMember(app, admin, libraryId, 'writer', 'sara@bibliotek.test')
      writer = w.client
      writerId = w.userId
      responder = (await addMember(app, admin, libraryId, 'responder', 'sven@bibliotek.test'))
        .client
      await editor.patch('/api/v1/me', { name: 'Rasmus Redaktör' })
      await writer.patch('/api/v1/me', { name: 'Sara Skribent' })
      channelId = (
        await admin.post(`${base()}/channels/bluesky`, {
          identifier: 'stadsbiblioteket.test',
          appPassword: 'abcd-efgh-ijkl',
        })
      ).body.id
    })
    afterAll(async () => app?.close())

    it('tells the Redaktörer and Ansvariga when a post is sent for review, and the writer when it is approved', async () => {
      const post = (
        await writer.post(`${base()}/posts`, {
          text: 'Bokcirkeln läser Moberg i vår.',
          channelIds: [channelId],
        })
      ).body
      const submitted = await writer.post(`${base()}/posts/${post.id}/submit`, {
        version: post.version,
        note: 'Är tonen rätt?',
      })
      expect(submitted.body.state).toBe('in_review')
      for (const approver of [admin, editor]) {
        const { unread, items } = await inbox(approver)
        expect(unread).toBe(1)
        expect(items[0]).toMatchObject({
          kind: 'review_requested',
          actorName: 'Sara Skribent',
          excerpt: 'Bokcirkeln läser Moberg i vår.',
          libraryName: 'Stadsbiblioteket',
          postId: post.id,
          readAt: null,
        })
      }
      expect((await inbox(writer)).unread).toBe(0)
      expect((await inbox(responder)).unread).toBe(0)
      // The note went along as a comment.
      const comments = await editor.get(`${base()}/posts/${post.id}/comments`)
      expect(comments.body).toMatchObject([{ text: 'Är tonen rätt?', authorName: 'Sara Skribent' }])

      const approved = await editor.post(`${base()}/posts/${post.id}/approve`, {
        version: submitted.body.version,
      })
      expect(approved.body).toMatchObject({ state: 'approved', approvedByName: 'Rasmus Redaktör' })
      const writers = await inbox(writer)
      expect(writers.items[0]).toMatchObject({ kind: 'approved', actorName: 'Rasmus Redaktör' })
    })

    it('keeps internal comments in time order with author and time, and tells whoever is @mentioned', async () => {
      const post = (await writer.post(`${base()}/posts`, { text: 'Sagostund på lördag!' })).body
      const before = await inbox(writer)
      const first = await editor.post(`${base()}/posts/${post.id}/comments`, {
        text: '@sara skribent kan vi ställa en fråga i slutet?',
      })
      expect(first.status).toBe(201)
      expect(first.body).toMatchObject({
        authorName: 'Rasmus Redaktör',
        text: '@sara skribent kan vi ställa en fråga i slutet?',
        mentions: [{ userId: writerId, name: 'Sara Skribent' }],
      })
      expect(Date.parse(first.body.createdAt)).not.toBeNaN()
      const second = await responder.post(`${base()}/posts/${post.id}/comments`, {
        text: 'Bra idé! Då kan vi svara på kommentarerna i flödet. @Rasmus Redaktör',
      })
      expect(second.status).toBe(201)

      const list = (await writer.get(`${base()}/posts/${post.id}/comments`)).body
      expect(list.map((c: { authorName: string }) => c.authorName)).toEqual([
        'Rasmus Redaktör',
        'Test responder',
      ])
      const mine = await inbox(writer)
      // Mentioned once, and told once about the second comment on their post.
      expect(mine.unread).toBe(before.unread + 2)
      expect(
        mine.items
          .slice(0, 2)
          .map((n: { kind: string }) => n.kind)
          .sort(),
      ).toEqual(['commented', 'mentioned'])
      expect(mine.items.find((n: { kind: string }) => n.kind === 'mentioned').excerpt).toBe(
        '@sara skribent kan vi ställa en fråga i slutet?',
      )
      const editors = await inbox(editor)
      expect(editors.items[0]).toMatchObject({ kind: 'mentioned', actorName: 'Test responder' })

      // Comments are internal: the post itself, and what it will publish, do not change.
      const after = (await admin.get(`${base()}/posts/${post.id}`)).body
      expect(after).toMatchObject({ text: 'Sagostund på lördag!', version: post.version })
      expect(JSON.stringify(after)).not.toContain('fråga i slutet')

      const empty = await editor.post(`${base()}/posts/${post.id}/comments`, { text: '   ' })
      expect(empty.status).toBe(400)
      const history = (await admin.get(`${base()}/posts/${post.id}/history`)).body
      expect(history.filter((e: { kind: string }) => e.kind === 'commented')).toHaveLength(2)
    })

    it('tells the writer a post was assigned to them, and shows it in the history', async () => {
      const post = (await admin.post(`${base()}/posts`, { text: 'Veckans boktips' })).body
      const assigned = await admin.patch(`${base()}/posts/${post.id}`, {
        version: post.version,
        assigneeId: writerId,
      })
      expect(assigned.status).toBe(200)
      expect((await inbox(writer)).items[0]).toMatchObject({
        kind: 'assigned',
        actorName: 'Astrid Admin',
        excerpt: 'Veckans boktips',
      })
      const history = (await writer.get(`${base()}/posts/${post.id}/history`)).body
      expect(history.at(-1)).toMatchObject({
        kind: 'assigned',
        actorName: 'Astrid Admin',
        details: { assigneeId: writerId, assigneeName: 'Sara Skribent' },
      })
    })

    it('tells the writer when a post is sent back, and records what an edit changed', async () => {
      const post = (await writer.post(`${base()}/posts`, { text: 'Läxhjälp på onsdagar' })).body
      const submitted = (
        await writer.post(`${base()}/posts/${post.id}/submit`, { version: post.version })
      ).body
      const returned = await editor.post(`${base()}/posts/${post.id}/return`, {
        version: submitted.version,
        note: 'Skriv vilken tid.',
      })
      expect(returned.body.state).toBe('draft')
      // Told once: the note is part of the return, not a second piece of news.
      const told = await inbox(writer)
      expect(told.items[0]).toMatchObject({ kind: 'returned', actorName: 'Rasmus Redaktör' })
      expect(told.items[1].kind).not.toBe('commented')
      await writer.patch(`${base()}/posts/${post.id}`, {
        version: returned.body.version,
        text: 'Läxhjälp på onsdagar kl. 15–17',
        tags: ['Läxhjälp'],
      })
      const history = (await writer.get(`${base()}/posts/${post.id}/history`)).body
      expect(history.map((e: { kind: string }) => e.kind)).toEqual([
        'created',
        'submitted',
        'returned',
        'commented',
        'edited',
      ])
      expect(history.at(-1).details.fields).toEqual(['text', 'tags'])
    })

    it('marks one notification read, then all, and forgets a library the person left', async () => {
      const before = await inbox(editor)
      expect(before.unread).toBeGreaterThan(1)
      const read = await editor.post(`/api/v1/notifications/${before.items[0].id}/read`)
      expect(read.status).toBe(204)
      const after = await inbox(editor)
      expect(after.unread).toBe(before.unread - 1)
      expect(after.items[0].readAt).not.toBeNull()
      expect((await editor.post('/api/v1/notifications/read-all')).status).toBe(204)
      expect((await inbox(editor)).unread).toBe(0)
      expect((await app.client().get('/api/v1/notifications')).status).toBe(401)

      expect((await inbox(responder)).items.length).toBe(0)
      const someone = (await admin.post(`${base()}/posts`, { text: 'Fråga till @Test responder' }))
        .body
      await admin.post(`${base()}/posts/${someone.id}/comments`, { text: '@Test responder kolla!' })
      expect((await inbox(responder)).unread).toBe(1)
      const me = (await responder.get('/api/v1/auth/session')).body.user.id
      await responder.delete(`${base()}/members/${me}`)
      expect(await inbox(responder)).toEqual({ unread: 0, items: [] })
    })
  },
)
