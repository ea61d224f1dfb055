import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES, type Role } from '../../core/roles.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  type TestResponse,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'

type Post = { id: string; version: number; state: string; [key: string]: unknown }
type From = 'draft' | 'in_review' | 'approved' | 'scheduled'
const LATER = () => new Date(Date.now() + 7 * 24 * 3600_000).toISOString()

/**
 * Every step of the approval flow tried by every role, through the HTTP API.
 * A post is prepared afresh for each try: written by the role itself where
 * `own` (by a Skribent for roles that cannot write), else by a Skribent.
 */
const TRANSITIONS: {
  name: string
  from: From
  own?: boolean
  act: (c: TestClient, base: string, post: Post) => Promise<TestResponse>
  allowed: readonly Role[]
  /** What an allowed role gets: the status, and the post's new state or the error's code. */
  outcome: [number, string]
}[] = [
  {
    name: 'submit a draft for review',
    from: 'draft',
    act: (c, base, p) => c.post(`${base}/posts/${p.id}/submit`, { version: p.version }),
    allowed: ['admin', 'editor', 'writer'],
    outcome: [200, 'in_review'],
  },
  {
    name: 'approve a post in review',
    from: 'in_review',
    act: (c, base, p) => c.post(`${base}/posts/${p.id}/approve`, { version: p.version }),
    allowed: ['admin', 'editor'],
    outcome: [200, 'approved'],
  },
  {
    name: 'return a post in review to its writer',
    from: 'in_review',
    act: (c, base, p) =>
      c.post(`${base}/posts/${p.id}/return`, { version: p.version, note: 'Kortare, tack.' }),
    allowed: ['admin', 'editor'],
    outcome: [200, 'draft'],
  },
  {
    name: 'return an approved post',
    from: 'approved',
    act: (c, base, p) => c.post(`${base}/posts/${p.id}/return`, { version: p.version }),
    allowed: ['admin', 'editor'],
    outcome: [200, 'draft'],
  },
  {
    name: 'schedule an approved post',
    from: 'approved',
    act: (c, base, p) =>
      c.post(`${base}/posts/${p.id}/schedule`, { at: LATER(), version: p.version }),
    allowed: ['admin', 'editor'],
    outcome: [200, 'scheduled'],
  },
  {
    name: 'publish an approved post now',
    from: 'approved',
    act: (c, base, p) =>
      c.post(`${base}/posts/${p.id}/schedule`, {
        at: new Date().toISOString(),
        version: p.version,
      }),
    allowed: ['admin', 'editor'],
    outcome: [200, 'scheduled'],
  },
  {
    name: 'schedule someone else’s post still in review',
    from: 'in_review',
    act: (c, base, p) =>
      c.post(`${base}/posts/${p.id}/schedule`, { at: LATER(), version: p.version }),
    allowed: ['admin', 'editor'],
    outcome: [409, 'post_not_approved'],
  },
  {
    name: 'publish someone else’s draft now',
    from: 'draft',
    act: (c, base, p) =>
      c.post(`${base}/posts/${p.id}/schedule`, {
        at: new Date().toISOString(),
        version: p.version,
      }),
    allowed: ['admin', 'editor'],
    outcome: [409, 'post_not_approved'],
  },
  {
    name: 'schedule one’s own draft (approving it in the same step)',
    from: 'draft',
    own: true,
    act: (c, base, p) =>
      c.post(`${base}/posts/${p.id}/schedule`, { at: LATER(), version: p.version }),
    allowed: ['admin', 'editor'],
    outcome: [200, 'scheduled'],
  },
  {
    name: 'approve one’s own draft',
    from: 'draft',
    own: true,
    act: (c, base, p) => c.post(`${base}/posts/${p.id}/approve`, { version: p.version }),
    allowed: ['admin', 'editor'],
    outcome: [200, 'approved'],
  },
  {
    name: 'take a scheduled post off the schedule',
    from: 'scheduled',
    act: (c, base, p) => c.post(`${base}/posts/${p.id}/unschedule`),
    allowed: ['admin', 'editor'],
    outcome: [200, 'approved'],
  },
  {
    name: 'edit the text of an approved post',
    from: 'approved',
    act: (c, base, p) =>
      c.patch(`${base}/posts/${p.id}`, { version: p.version, text: 'Sagostund kl. 11!' }),
    allowed: ['admin', 'editor', 'writer'],
    outcome: [200, 'in_review'],
  },
  {
    name: 'edit the text of a scheduled post',
    from: 'scheduled',
    act: (c, base, p) =>
      c.patch(`${base}/posts/${p.id}`, { version: p.version, text: 'Sagostund kl. 11!' }),
    allowed: ['admin', 'editor', 'writer'],
    outcome: [200, 'in_review'],
  },
  {
    name: 'comment on a post in review',
    from: 'in_review',
    act: (c, base, p) =>
      c.post(`${base}/posts/${p.id}/comments`, { text: 'Kan vi ställa en fråga i slutet?' }),
    allowed: ['admin', 'editor', 'writer', 'responder'],
    outcome: [201, 'in_review'],
  },
]

describe.each(await availableDialects())('the approval flow on %s', (dialect) => {
  let app: TestApp
  let libraryId: string
  let channelId: string
  const clients = {} as Record<Role, TestClient>
  const ids = {} as Record<Role, string>
  const base = () => `/api/v1/libraries/${libraryId}`
  const net = loopbackNetwork()

  beforeAll(async () => {
    app = await createTestApp(dialect, {}, { adapters: { bluesky: net.adapter } })
    const first = await setUpFirstLibrary(app)
    libraryId = first.libraryId
    clients.admin = first.admin
    ids.admin = (await first.admin.get('/api/v1/auth/session')).body.user.id
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const member = await addMember(app, first.admin, libraryId, role, `${role}@bibliotek.test`)
      clients[role] = member.client
      ids[role] = member.userId
    }
    const channel = await first.admin.post(`${base()}/channels/bluesky`, {
      identifier: 'stadsbiblioteket.test',
      appPassword: 'abcd-efgh-ijkl',
    })
    channelId = channel.body.id
  })
  afterAll(async () => app?.close())

  /** A post by `author`, brought to `state` by the steps a library would take. */
  async function prepare(author: Role, state: From): Promise<Post> {
    const writer = clients[author]
    let post: Post = (
      await writer.post(`${base()}/posts`, {
        text: 'Sagostund på lördag för barn 3–6 år. Välkomna!',
        channelIds: [channelId],
      })
    ).body
    if (state === 'draft') return post
    post = (await writer.post(`${base()}/posts/${post.id}/submit`, { version: post.version })).body
    if (state === 'in_review') return post
    // Someone other than the author approves, so the second-person rule never gets in the way.
    const approver = author === 'admin' ? clients.editor : clients.admin
    post = (await approver.post(`${base()}/posts/${post.id}/approve`, { version: post.version }))
      .body
    if (state === 'approved') return post
    post = (
      await approver.post(`${base()}/posts/${post.id}/schedule`, {
        at: LATER(),
        version: post.version,
      })
    ).body
    expect(post.state).toBe('scheduled')
    return post
  }

  it.each(TRANSITIONS)('$name: each role as the rules say', async (t) => {
    const seen: [Role, number, string][] = []
    const expected: [Role, number, string][] = []
    for (const role of ROLES) {
      const canWrite = ['admin', 'editor', 'writer'].includes(role)
      const post = await prepare(t.own && canWrite ? role : 'writer', t.from)
      expect(post.state, `prepared for ${role}`).toBe(t.from)
      const res = await t.act(clients[role], base(), post)
      const after = (await clients.admin.get(`${base()}/posts/${post.id}`)).body as Post
      seen.push([role, res.status, res.status < 300 ? after.state : res.body.error.code])
      const refused = !t.allowed.includes(role) || t.outcome[0] >= 400
      expected.push(t.allowed.includes(role) ? [role, ...t.outcome] : [role, 403, 'forbidden'])
      if (refused) {
        expect(after.state, `${role} changed nothing`).toBe(t.from)
        expect(after.version, `${role} changed nothing`).toBe(post.version)
      }
    }
    expect(seen).toEqual(expected)
  })

  it('takes a scheduled post off the schedule when its text is edited, and asks for a new approval', async () => {
    const post = await prepare('writer', 'scheduled')
    const edited = await clients.writer.patch(`${base()}/posts/${post.id}`, {
      version: post.version,
      text: 'Sagostunden flyttar till kl. 13.',
    })
    expect(edited.body).toMatchObject({
      state: 'in_review',
      scheduledAt: null,
      approvedBy: null,
      approvedAt: null,
    })
    expect(edited.body.publications.map((p: { state: string }) => p.state)).toEqual(['draft'])
    // Planning fields are not the content: changing them keeps the approval.
    const approved = await prepare('writer', 'approved')
    const tagged = await clients.writer.patch(`${base()}/posts/${approved.id}`, {
      version: approved.version,
      tags: ['Sagostund'],
    })
    expect(tagged.body).toMatchObject({ state: 'approved', approvedBy: ids.admin })
  })

  it('sends an approved post back to review when an image is added, removed or described', async () => {
    const png = Uint8Array.from(
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
    )
    const post = await prepare('writer', 'approved')
    const added = await clients.writer.upload(`${base()}/posts/${post.id}/images`, png, 'image/png')
    expect(added.status).toBe(200)
    expect(added.body).toMatchObject({ state: 'in_review', version: post.version + 1 })
  })

  it('refuses a post that breaks the guidelines at approval, and keeps it in review', async () => {
    const post: Post = (
      await clients.writer.post(`${base()}/posts`, {
        text: 'Ring Lisa på 070-123 45 67, personnummer 811228-9874.',
        channelIds: [channelId],
      })
    ).body
    const submitted = await clients.writer.post(`${base()}/posts/${post.id}/submit`, {
      version: post.version,
    })
    expect([submitted.status, submitted.body.error?.code]).toEqual([400, 'post_blocked_by_policy'])
    expect((await clients.admin.get(`${base()}/posts/${post.id}`)).body.state).toBe('draft')
  })

  it('with a second person required, nobody approves or self-schedules their own post', async () => {
    const on = await clients.admin.patch(base(), { requireSecondApprover: true })
    expect(on.body.requireSecondApprover).toBe(true)
    try {
      const own = await prepare('editor', 'draft')
      const scheduled = await clients.editor.post(`${base()}/posts/${own.id}/schedule`, {
        at: LATER(),
        version: own.version,
      })
      expect([scheduled.status, scheduled.body.error.code]).toEqual([
        403,
        'self_approval_not_allowed',
      ])
      expect(scheduled.body.error.message).toContain('någon annan än den som skrev')
      const submitted = await prepare('editor', 'in_review')
      const self = await clients.editor.post(`${base()}/posts/${submitted.id}/approve`, {
        version: submitted.version,
      })
      expect(self.status).toBe(403)
      const other = await clients.admin.post(`${base()}/posts/${submitted.id}/approve`, {
        version: submitted.version,
      })
      expect(other.body).toMatchObject({ state: 'approved', approvedBy: ids.admin })
      const now = await clients.editor.post(`${base()}/posts/${submitted.id}/schedule`, {
        at: LATER(),
        version: other.body.version,
      })
      expect(now.body.state).toBe('scheduled')
    } finally {
      await clients.admin.patch(base(), { requireSecondApprover: false })
    }
  })

  it('gives the second of two editors a conflict, and overwrites nothing', async () => {
    const post = await prepare('writer', 'draft')
    const first = await clients.editor.patch(`${base()}/posts/${post.id}`, {
      version: post.version,
      text: 'Redaktörens version',
    })
    expect(first.status).toBe(200)
    const second = await clients.admin.patch(`${base()}/posts/${post.id}`, {
      version: post.version,
      text: 'Ansvarigas version',
    })
    expect([second.status, second.body.error.code]).toEqual([409, 'version_conflict'])
    expect(second.body.error.message).toContain('inget skrevs över')
    const after = (await clients.admin.get(`${base()}/posts/${post.id}`)).body
    expect(after).toMatchObject({ text: 'Redaktörens version', version: first.body.version })
  })

  it('bumps the version when an alt text changes, so an older save conflicts; the newer version saves', async () => {
    const png = Uint8Array.from(
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
    )
    const post = await prepare('writer', 'draft')
    const added = (
      await clients.writer.upload(`${base()}/posts/${post.id}/images`, png, 'image/png')
    ).body
    expect(added.version).toBe(post.version + 1)
    const described = await clients.editor.patch(
      `${base()}/posts/${post.id}/images/${added.images[0].id}`,
      { alt: 'En lugn läshörna med kuddar' },
    )
    expect(described.body.version).toBe(added.version + 1)
    const stale = await clients.writer.patch(`${base()}/posts/${post.id}`, {
      version: added.version,
      text: 'Skribentens text',
    })
    expect([stale.status, stale.body.error.code]).toEqual([409, 'version_conflict'])
    expect((await clients.admin.get(`${base()}/posts/${post.id}`)).body.images[0].alt).toBe(
      'En lugn läshörna med kuddar',
    )
    const fresh = await clients.writer.patch(`${base()}/posts/${post.id}`, {
      version: described.body.version,
      text: 'Skribentens text',
    })
    expect(fresh.status).toBe(200)
  })

  it('keeps the history of who did what', async () => {
    const post = await prepare('writer', 'scheduled')
    await clients.admin.post(`${base()}/posts/${post.id}/unschedule`)
    const history = await clients.reader.get(`${base()}/posts/${post.id}/history`)
    expect(history.status).toBe(200)
    expect(
      history.body.map((e: { kind: string; actorName: string }) => [e.kind, e.actorName]),
    ).toEqual([
      ['created', 'Test writer'],
      ['submitted', 'Test writer'],
      ['approved', 'Astrid Admin'],
      ['scheduled', 'Astrid Admin'],
      ['unscheduled', 'Astrid Admin'],
    ])
  })
})

describe.each(await availableDialects())('a publishing outcome in the history on %s', (dialect) => {
  let app: TestApp
  const net = loopbackNetwork()
  beforeAll(async () => {
    app = await createTestApp(
      dialect,
      {},
      { adapters: { bluesky: net.adapter }, publishRetryBaseMs: 200 },
    )
    await app.torget.startWorker()
  })
  afterAll(async () => app?.close())

  it('records that Torget published the post, after the Ansvarig approved it by scheduling', async () => {
    const { admin, libraryId } = await setUpFirstLibrary(app)
    const base = `/api/v1/libraries/${libraryId}`
    const channel = await admin.post(`${base}/channels/bluesky`, {
      identifier: 'stadsbiblioteket.test',
      appPassword: 'abcd-efgh-ijkl',
    })
    const post = (
      await admin.post(`${base}/posts`, {
        text: 'Bokcirkeln träffas på tisdag.',
        channelIds: [channel.body.id],
      })
    ).body
    const now = await admin.post(`${base}/posts/${post.id}/schedule`, {
      at: new Date().toISOString(),
      version: post.version,
    })
    expect(now.body).toMatchObject({ state: 'scheduled', approvedByName: 'Astrid Admin' })
    const end = Date.now() + 15_000
    let kinds: [string, string | null][] = []
    while (Date.now() < end) {
      const history = (await admin.get(`${base}/posts/${post.id}/history`)).body
      kinds = history.map((e: { kind: string; actorName: string | null }) => [e.kind, e.actorName])
      if (kinds.some(([k]) => k === 'published')) break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(kinds).toEqual([
      ['created', 'Astrid Admin'],
      ['approved', 'Astrid Admin'],
      ['scheduled', 'Astrid Admin'],
      ['published', null],
    ])
  })
})
