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

type Post = { id: string; version: number; state: string; [key: string]: unknown }
const LATER = () => new Date(Date.now() + 7 * 24 * 3600_000).toISOString()
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
)

/**
 * "Someone else must approve": a Skribent (A) writes, a Redaktör (B) rewrites
 * it, and B may then neither approve nor schedule it; the Ansvarig (C), who
 * did not touch it, may.
 */
describe.each(await availableDialects())('someone else must approve, on %s', (dialect) => {
  let app: TestApp
  let libraryId: string
  let channelId: string
  let a: TestClient
  let b: TestClient
  let c: TestClient
  let cId: string
  const base = () => `/api/v1/libraries/${libraryId}`
  const net = loopbackNetwork()

  beforeAll(async () => {
    app = await createTestApp(dialect, {}, { adapters: { bluesky: net.adapter } })
    const first = await setUpFirstLibrary(app)
    libraryId = first.libraryId
    c = first.admin
    cId = (await c.get('/api/v1/auth/session')).body.user.id
    a = (await addMember(app, c, libraryId, 'writer', `a-${dialect}@bibliotek.test`)).client
    b = (await addMember(app, c, libraryId, 'editor', `b-${dialect}@bibliotek.test`)).client
    channelId = (
      await c.post(`${base()}/channels/bluesky`, {
        identifier: 'stadsbiblioteket.test',
        appPassword: 'abcd-efgh-ijkl',
      })
    ).body.id
    const on = await c.patch(base(), { requireSecondApprover: true })
    expect(on.body.requireSecondApprover).toBe(true)
  })
  afterAll(async () => app?.close())

  /** A's post, sent for review. */
  async function submitted(): Promise<Post> {
    const post: Post = (
      await a.post(`${base()}/posts`, {
        text: 'Sagostund på lördag för barn 3–6 år. Välkomna!',
        channelIds: [channelId],
      })
    ).body
    return (await a.post(`${base()}/posts/${post.id}/submit`, { version: post.version })).body
  }

  const fetch = async (id: string): Promise<Post> => (await c.get(`${base()}/posts/${id}`)).body

  it('refuses the Redaktör who rewrote a colleague’s post, in Swedish and English, and lets a third person approve it', async () => {
    const post = await submitted()
    const edited = await b.patch(`${base()}/posts/${post.id}`, {
      version: post.version,
      text: 'Sagostund på lördag kl. 11 för barn 3–6 år. Ingen anmälan!',
    })
    expect(edited.body.state).toBe('in_review')

    const refused = await b.post(`${base()}/posts/${post.id}/approve`, {
      version: edited.body.version,
    })
    expect([refused.status, refused.body.error.code]).toEqual([
      403,
      'own_edit_approval_not_allowed',
    ])
    expect(refused.body.error.message).toContain('Du har ändrat inlägget')
    b.locale = 'en'
    try {
      const inEnglish = await b.post(`${base()}/posts/${post.id}/approve`, {
        version: edited.body.version,
      })
      expect(inEnglish.body.error.message).toContain('You have changed this post')
    } finally {
      b.locale = 'sv'
    }
    expect(await fetch(post.id)).toMatchObject({
      state: 'in_review',
      version: edited.body.version,
      approvedBy: null,
    })

    const approved = await c.post(`${base()}/posts/${post.id}/approve`, {
      version: edited.body.version,
    })
    expect(approved.body).toMatchObject({ state: 'approved', approvedBy: cId })
    // C read B's words: B may now schedule what C approved.
    const scheduled = await b.post(`${base()}/posts/${post.id}/schedule`, {
      at: LATER(),
      version: approved.body.version,
    })
    expect(scheduled.body.state).toBe('scheduled')
  })

  it('refuses the Redaktör who rewrote an approved post when they schedule it, with the same reason', async () => {
    const post = await submitted()
    const approved = (await c.post(`${base()}/posts/${post.id}/approve`, { version: post.version }))
      .body
    const edited = await b.patch(`${base()}/posts/${post.id}`, {
      version: approved.version,
      text: 'Sagostunden är inställd.',
    })
    expect(edited.body).toMatchObject({ state: 'in_review', approvedBy: null })
    const scheduled = await b.post(`${base()}/posts/${post.id}/schedule`, {
      at: LATER(),
      version: edited.body.version,
    })
    expect([scheduled.status, scheduled.body.error.code]).toEqual([
      403,
      'own_edit_approval_not_allowed',
    ])
    expect(await fetch(post.id)).toMatchObject({
      state: 'in_review',
      scheduledAt: null,
      version: edited.body.version,
    })
  })

  it('counts a changed image or alt text as an edit of the version under review', async () => {
    const post = await submitted()
    const withImage = (await a.upload(`${base()}/posts/${post.id}/images`, PNG, 'image/png')).body
    const described = await b.patch(`${base()}/posts/${post.id}/images/${withImage.images[0].id}`, {
      alt: 'Barn som lyssnar på en saga',
    })
    expect(described.status).toBe(200)
    const refused = await b.post(`${base()}/posts/${post.id}/approve`, {
      version: described.body.version,
    })
    expect([refused.status, refused.body.error.code]).toEqual([
      403,
      'own_edit_approval_not_allowed',
    ])
    const approved = await c.post(`${base()}/posts/${post.id}/approve`, {
      version: described.body.version,
    })
    expect(approved.body.state).toBe('approved')
  })

  it('counts only edits since the last approval, and not the planning fields', async () => {
    const post = await submitted()
    const byB = (
      await b.patch(`${base()}/posts/${post.id}`, { version: post.version, text: 'B:s version' })
    ).body
    const byC = (await c.post(`${base()}/posts/${post.id}/approve`, { version: byB.version })).body
    // A changes it again: what B wrote was read by C, what A wrote is read by B.
    const byA = (
      await a.patch(`${base()}/posts/${post.id}`, { version: byC.version, text: 'A:s version' })
    ).body
    expect(byA.state).toBe('in_review')
    const tagged = await b.patch(`${base()}/posts/${post.id}`, {
      version: byA.version,
      tags: ['Sagostund'],
      plannedAt: LATER(),
    })
    expect(tagged.status).toBe(200)
    const approved = await b.post(`${base()}/posts/${post.id}/approve`, {
      version: tagged.body.version,
    })
    expect(approved.body).toMatchObject({ state: 'approved', text: 'A:s version' })
  })

  it('with the setting off, the Redaktör who edited approves as before', async () => {
    await c.patch(base(), { requireSecondApprover: false })
    try {
      const post = await submitted()
      const edited = (
        await b.patch(`${base()}/posts/${post.id}`, { version: post.version, text: 'Kortare.' })
      ).body
      const approved = await b.post(`${base()}/posts/${post.id}/approve`, {
        version: edited.version,
      })
      expect(approved.body.state).toBe('approved')
    } finally {
      await c.patch(base(), { requireSecondApprover: true })
    }
  })
})
