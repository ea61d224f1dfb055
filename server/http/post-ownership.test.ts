import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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

type Post = {
  id: string
  version: number
  state: string
  images: { id: string }[]
  [key: string]: unknown
}
type Who = 'author' | 'assignee' | 'other' | 'editor'
const LATER = () => new Date(Date.now() + 7 * 24 * 3600_000).toISOString()
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
)
const NOT_YOURS: [number, string] = [403, 'post_not_yours']

/**
 * Every way to change a post, tried by its author (a Skribent), the Skribent
 * it is assigned to, another Skribent, and a Redaktör. A role without
 * `posts.publish` changes only what it wrote or was given.
 */
const WRITES: {
  name: string
  act: (c: TestClient, base: string, post: Post) => Promise<TestResponse>
  /** What each person gets: a status, or a status and an error code. */
  outcome: Record<Who, number | [number, string]>
}[] = [
  {
    name: 'change the text',
    act: (c, base, p) => c.patch(`${base}/posts/${p.id}`, { version: p.version, text: 'Ändrad' }),
    outcome: { author: 200, assignee: 200, other: NOT_YOURS, editor: 200 },
  },
  {
    name: 'change the channels',
    act: (c, base, p) => c.patch(`${base}/posts/${p.id}`, { version: p.version, channelIds: [] }),
    outcome: { author: 200, assignee: 200, other: NOT_YOURS, editor: 200 },
  },
  {
    name: 'change the tags',
    act: (c, base, p) =>
      c.patch(`${base}/posts/${p.id}`, { version: p.version, tags: ['Sagostund'] }),
    outcome: { author: 200, assignee: 200, other: NOT_YOURS, editor: 200 },
  },
  {
    name: 'move it in the calendar',
    act: (c, base, p) =>
      c.patch(`${base}/posts/${p.id}`, { version: p.version, plannedAt: LATER() }),
    outcome: { author: 200, assignee: 200, other: NOT_YOURS, editor: 200 },
  },
  {
    name: 'add an image',
    act: (c, base, p) => c.upload(`${base}/posts/${p.id}/images`, PNG, 'image/png'),
    outcome: { author: 200, assignee: 200, other: NOT_YOURS, editor: 200 },
  },
  {
    name: 'describe an image',
    act: (c, base, p) =>
      c.patch(`${base}/posts/${p.id}/images/${p.images[0]!.id}`, { alt: 'Barn som läser' }),
    outcome: { author: 200, assignee: 200, other: NOT_YOURS, editor: 200 },
  },
  {
    name: 'remove an image',
    act: (c, base, p) => c.delete(`${base}/posts/${p.id}/images/${p.images[0]!.id}`),
    outcome: { author: 200, assignee: 200, other: NOT_YOURS, editor: 200 },
  },
  {
    name: 'send it for review',
    act: (c, base, p) => c.post(`${base}/posts/${p.id}/submit`, { version: p.version }),
    outcome: { author: 200, assignee: 200, other: NOT_YOURS, editor: 200 },
  },
  {
    // Deleting is the writer's own choice: whoever was given a post finishes it, not removes it.
    name: 'delete it',
    act: (c, base, p) => c.delete(`${base}/posts/${p.id}`),
    outcome: { author: 204, assignee: [403, 'forbidden'], other: [403, 'forbidden'], editor: 204 },
  },
]

describe.each(await availableDialects())('who may change a post, on %s', (dialect) => {
  let app: TestApp
  let libraryId: string
  let channelId: string
  let admin: TestClient
  const clients = {} as Record<Who, TestClient>
  let assigneeId: string
  const base = () => `/api/v1/libraries/${libraryId}`
  const net = loopbackNetwork()

  beforeAll(async () => {
    app = await createTestApp(dialect, {}, { adapters: { bluesky: net.adapter } })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    const member = (role: string, name: string) =>
      addMember(app, admin, libraryId, role, `${name}-${dialect}@bibliotek.test`)
    clients.author = (await member('writer', 'author')).client
    const assignee = await member('writer', 'assignee')
    clients.assignee = assignee.client
    assigneeId = assignee.userId
    clients.other = (await member('writer', 'other')).client
    clients.editor = (await member('editor', 'editor')).client
    channelId = (
      await admin.post(`${base()}/channels/bluesky`, {
        identifier: 'stadsbiblioteket.test',
        appPassword: 'abcd-efgh-ijkl',
      })
    ).body.id
  })
  afterAll(async () => app?.close())

  /** The author's draft, given to the assignee, with a described image. */
  async function prepare(): Promise<Post> {
    const post: Post = (
      await clients.author.post(`${base()}/posts`, {
        text: 'Sagostund på lördag för barn 3–6 år.',
        channelIds: [channelId],
        assigneeId,
      })
    ).body
    const withImage = (
      await clients.author.upload(`${base()}/posts/${post.id}/images`, PNG, 'image/png')
    ).body
    return (
      await clients.author.patch(`${base()}/posts/${post.id}/images/${withImage.images[0].id}`, {
        alt: 'En läshörna',
      })
    ).body
  }

  it.each(WRITES)(
    '$name: the author, the assignee and a Redaktör; no other Skribent',
    async (w) => {
      const seen: [Who, number | [number, string]][] = []
      for (const who of ['author', 'assignee', 'other', 'editor'] as const) {
        const post = await prepare()
        const res = await w.act(clients[who], base(), post)
        seen.push([who, res.status < 300 ? res.status : [res.status, res.body.error.code]])
        if (res.status >= 400) {
          const after: Post = (await admin.get(`${base()}/posts/${post.id}`)).body
          expect(after, `${who} changed nothing`).toEqual(post)
        }
      }
      expect(seen).toEqual(Object.entries(w.outcome))
    },
  )

  it('keeps a colleague’s scheduled post on the schedule whatever another Skribent tries', async () => {
    const post = await prepare()
    const submitted = (
      await clients.author.post(`${base()}/posts/${post.id}/submit`, { version: post.version })
    ).body
    const approved = (
      await admin.post(`${base()}/posts/${post.id}/approve`, { version: submitted.version })
    ).body
    const scheduled: Post = (
      await admin.post(`${base()}/posts/${post.id}/schedule`, {
        at: LATER(),
        version: approved.version,
      })
    ).body
    expect(scheduled.state).toBe('scheduled')
    for (const w of WRITES) {
      const res = await w.act(clients.other, base(), scheduled)
      expect([w.name, res.status], w.name).toEqual([w.name, 403])
    }
    const refused = await clients.other.patch(`${base()}/posts/${post.id}`, {
      version: scheduled.version,
      text: 'Inställt!',
    })
    expect(refused.body.error.message).toBe(
      'Du kan bara ändra inlägg som du själv har skrivit eller fått i uppdrag. Be en Redaktör eller den som skrev det.',
    )
    const after = (await admin.get(`${base()}/posts/${post.id}`)).body
    expect(after).toEqual(scheduled)
    expect(after.publications.map((p: { state: string }) => p.state)).toEqual(['pending'])
  })
})
