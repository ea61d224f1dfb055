import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loopbackClient } from '../../test/outbound.js'
import type { Interaction, InteractionPage } from '../channels/interactions.js'
import { createMastodonAdapter } from './mastodon-adapter.js'
import {
  fixture,
  PASTED_TOKEN,
  startFakeMastodon,
  type FakeMastodon,
} from './testing/fake-mastodon.js'

const LIBRARY = '109876543210987654'
const LIBRARY_POST = '113456789100000003'
const SINCE = new Date('2025-03-01T00:00:00Z')

let fake: FakeMastodon
let t: number
let mastodon: ReturnType<typeof createMastodonAdapter>
const credentials = () => ({ instanceUrl: fake.url, accessToken: PASTED_TOKEN, accountId: LIBRARY })

beforeEach(async () => {
  fake = await startFakeMastodon()
  t = Date.parse('2025-03-15T12:00:00Z')
  mastodon = createMastodonAdapter({
    fetch: loopbackClient(),
    timeoutMs: 5_000,
    now: () => t,
    sleep: async (ms) => void (t += ms),
  })
})
afterEach(() => fake.close())

function read(cursor: string | null, limit = 100, recentPosts: string[] = []) {
  return mastodon.interactions!.read(credentials(), { cursor, limit, since: SINCE, recentPosts })
}
const notificationReads = () => fake.find('GET', '/api/v1/notifications')
const byId = (page: InteractionPage) => new Map(page.interactions.map((i) => [i.remoteId, i]))

describe('reading the inbox', () => {
  it('turns each kind of notification into what the library sees', async () => {
    const page = await read(null)
    const seen = byId(page)
    expect(page.interactions.map((i) => i.kind)).toEqual([
      'reply',
      'mention',
      'quote',
      'like',
      'repost',
      'follow',
    ])
    expect(seen.get('114000000000000006')).toEqual<Interaction>({
      kind: 'reply',
      remoteId: '114000000000000006',
      author: {
        remoteId: '110000000000000002',
        handle: '@lasse@mastodon.example',
        displayName: 'Lasse 📚',
        profileUrl: 'https://mastodon.example/@lasse',
        avatarUrl: 'https://files.mastodon.example/accounts/avatars/110/000/original/lasse.png',
      },
      text: '@stadsbiblioteket Finns "Mumintrollet" kvar att låna?\nJag kommer på lördag.',
      url: 'https://mastodon.example/@lasse/114000000000000006',
      createdAt: '2025-03-15T10:05:59.512Z',
      subjectRemoteId: LIBRARY_POST,
      parentRemoteId: LIBRARY_POST,
      replyTarget: {
        statusId: '114000000000000006',
        visibility: 'public',
        acct: 'lasse@mastodon.example',
      },
    })
    // A private message stays one: its answer must not be public.
    expect(seen.get('114000000000000005')).toMatchObject({
      kind: 'mention',
      author: { handle: '@anna@social.example', displayName: 'Anna Lind' },
      replyTarget: { visibility: 'direct', acct: 'anna' },
    })
    expect(seen.get('114000000000000005')?.subjectRemoteId).toBeUndefined()
    // Its photo, by the instance's copy, with the author's description: what the archive copies.
    expect(seen.get('114000000000000005')?.media).toEqual([
      {
        kind: 'image',
        url: 'https://files.social.example/media_attachments/files/114/000/000/000/905/original/bok.jpg',
        alt: 'Omslaget till boken, med ett reservationskvitto',
      },
    ])
    expect(seen.get('114000000000000004')?.media).toBeUndefined()
    expect(seen.get('114000000000000004')).toMatchObject({
      kind: 'quote',
      subjectRemoteId: '113456789100000002',
      text: 'Det här vill ni inte missa!',
    })
    // Likes, reposts and follows are the notification itself; the like has no page of its own.
    expect(seen.get('500000003')).toMatchObject({
      kind: 'like',
      subjectRemoteId: '113456789100000001',
      text: '',
      url: '',
      // No display name: the username stands in.
      author: { handle: '@olle@social.example', displayName: 'olle' },
    })
    expect(seen.get('500000002')).toMatchObject({
      kind: 'repost',
      subjectRemoteId: '113456789100000001',
    })
    expect(seen.get('500000001')).toMatchObject({
      kind: 'follow',
      url: 'https://fedi.example/@mira',
      createdAt: '2025-03-15T10:00:00.000Z',
    })
    const [request] = notificationReads()
    expect(request?.query.getAll('types[]')).toEqual([
      'mention',
      'quote',
      'favourite',
      'reblog',
      'follow',
    ])
  })

  it('reads three pages along the Link header once each, then nothing, then only what is new', async () => {
    fake.inbox.flood(200)
    const first = await read(null, 1_000)
    expect(first.more).toBe(false)
    const ids = first.interactions.map((i) => i.remoteId)
    expect(new Set(ids).size).toBe(206)
    expect(ids).toHaveLength(206)
    // 80 + 80 + 46, and the empty page after the last that says there is no more.
    const pages = notificationReads()
    expect(pages.map((r) => r.query.get('max_id'))).toEqual([
      null,
      '600000121',
      '600000041',
      '500000001',
    ])
    expect(new Set(pages.map((r) => r.query.get('max_id'))).size).toBe(pages.length)

    const second = await read(first.cursor, 1_000)
    expect(second.interactions).toEqual([])
    expect(notificationReads().at(-1)?.query.get('since_id')).toBe('600000200')

    const id = fake.inbox.notify({ ...fixture<object[]>('notifications')[5], id: undefined })
    const third = await read(second.cursor, 1_000)
    expect(third.interactions.map((i) => i.remoteId)).toEqual([id])
    expect((await read(third.cursor, 1_000)).interactions).toEqual([])
  })

  it('reads a flood of 10,000 in bounded reads, closing each gap, with nothing lost or read twice', async () => {
    const flood = fake.inbox.flood(10_000)
    const got: string[] = []
    let cursor: string | null = null
    let more = true
    let reads = 0
    const arrived: string[] = []
    while (more) {
      const before = notificationReads().length
      const page: InteractionPage = await read(cursor, 500)
      // Bounded: at most 500, in at most seven pages of 80 (and one to see the end).
      expect(page.interactions.length).toBeLessThanOrEqual(500)
      expect(notificationReads().length - before).toBeLessThanOrEqual(8)
      got.push(...page.interactions.map((i) => i.remoteId))
      cursor = page.cursor
      more = page.more
      reads += 1
      // New ones keep arriving while the flood is read.
      if (reads % 5 === 0 && reads < 20) arrived.push(...fake.inbox.flood(3))
      t += 60_000
    }
    expect(reads).toBeGreaterThanOrEqual(20)
    expect(got).toHaveLength(new Set(got).size)
    expect(arrived).toHaveLength(9)
    expect(got).toHaveLength(6 + 10_000 + 9)
    expect(got.filter((id) => id.startsWith('6')).sort()).toEqual([...flood, ...arrived].sort())
    expect((await read(cursor, 500)).interactions).toEqual([])
  })

  it('stops at `since` on the first read', async () => {
    const page = await mastodon.interactions!.read(credentials(), {
      cursor: null,
      limit: 100,
      since: new Date('2025-03-15T10:02:30Z'),
      recentPosts: [],
    })
    expect(page.interactions.map((i) => i.kind)).toEqual(['reply', 'mention', 'quote'])
  })

  it('skips unknown types and malformed entries without losing good ones or reading them again', async () => {
    const [reply, , , like, , follow] = fixture<Record<string, unknown>[]>('notifications')
    const page = [
      { ...fixture<Record<string, unknown>[]>('notifications')[1], id: '700000009', status: null },
      { ...reply, id: '700000008' },
      { ...follow, id: '700000007', type: 'admin.sign_up' },
      { ...like, id: '700000006', type: 'severed_relationships' },
      { id: '700000005', type: 'mention', created_at: 'yesterday', account: follow!.account },
      { ...follow, id: '700000004', account: { id: 42 } },
      { type: 'follow' },
      { ...follow, id: '700000002' },
    ]
    // An old server that knows no types[] answers with everything.
    fake.override('GET', /^\/api\/v1\/notifications$/, { status: 200, json: page })
    const first = await read(null)
    expect(first.interactions.map((i) => [i.kind, i.remoteId])).toEqual([
      ['reply', '114000000000000006'],
      ['follow', '700000002'],
    ])
    fake.override('GET', /^\/api\/v1\/notifications$/, { status: 200, json: [] })
    await read(first.cursor)
    // The malformed newest one still counts as read.
    expect(notificationReads().at(-1)?.query.get('since_id')).toBe('700000009')
  })

  it("reads the replies under the library's recent posts that did not mention it, once", async () => {
    const first = await read(null, 100, [LIBRARY_POST])
    const threadOnly = first.interactions.filter((i) => i.rootRemoteId === LIBRARY_POST)
    expect(threadOnly.map((i) => i.remoteId)).toEqual(['114000000000000010', '114000000000000012'])
    expect(threadOnly[0]).toMatchObject({
      kind: 'reply',
      author: { handle: '@mira@fedi.example' },
      text: '@lasse Ja, jag såg den i hyllan i går.',
      subjectRemoteId: LIBRARY_POST,
      parentRemoteId: '114000000000000006',
      replyTarget: {
        statusId: '114000000000000010',
        visibility: 'public',
        acct: 'mira@fedi.example',
      },
    })
    // A content warning is part of what the author wrote.
    expect(threadOnly[1]?.text).toBe('Om sagostunden\n\nSagostunden var jättebra förra gången!')
    // The reply that mentioned the library came once, as its notification; the library's own not at all.
    expect(first.interactions.filter((i) => i.remoteId === '114000000000000006')).toHaveLength(1)
    expect(first.interactions.some((i) => i.remoteId === '114000000000000011')).toBe(false)

    const second = await read(first.cursor, 100, [LIBRARY_POST])
    expect(second.interactions).toEqual([])

    // A remote reply that arrives late may carry an id older than those already read.
    const { descendants } = fixture<{ descendants: Record<string, unknown>[] }>('context')
    const late = { ...descendants[3], id: '114000000000000009' }
    fake.inbox.setContext(LIBRARY_POST, [...descendants, late])
    const third = await read(second.cursor, 100, [LIBRARY_POST])
    expect(third.interactions.map((i) => i.remoteId)).toEqual([late.id])
  })

  it('gives the limit to notifications first and the thread replies the next read', async () => {
    const first = await read(null, 7, [LIBRARY_POST])
    expect(first.interactions).toHaveLength(7)
    expect(first.more).toBe(true)
    const second = await read(first.cursor, 7, [LIBRARY_POST])
    expect(second.interactions.map((i) => i.remoteId)).toEqual(['114000000000000012'])
    expect(second.more).toBe(false)
  })
})

describe('when Mastodon refuses or fails', () => {
  it('says when to retry after a 429, from X-RateLimit-Reset', async () => {
    fake.override('GET', /^\/api\/v1\/notifications$/, {
      status: 429,
      json: fixture('error-429'),
      headers: {
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': new Date(t + 90_000).toISOString(),
      },
    })
    await expect(read(null)).rejects.toMatchObject({
      kind: 'transient',
      code: 'rate_limited',
      retryAfterMs: 90_000,
    })
    // Nothing more is sent until then.
    await expect(read(null)).rejects.toMatchObject({ code: 'rate_limited' })
    expect(notificationReads()).toHaveLength(1)
  })

  it('says when to retry after a 503 with Retry-After', async () => {
    fake.override('GET', /^\/api\/v1\/notifications$/, {
      status: 503,
      json: fixture('error-503'),
      headers: { 'Retry-After': '120' },
    })
    await expect(read(null)).rejects.toMatchObject({
      kind: 'transient',
      code: 'server_error',
      retryAfterMs: 120_000,
    })
  })

  it('keeps what it read before a failure and goes on from there next time', async () => {
    fake.inbox.flood(100)
    let failed = false
    fake.override(
      'GET',
      /^\/api\/v1\/notifications$/,
      (req) => {
        if (failed || !req.query.get('max_id')) return undefined
        failed = true
        return { status: 502, text: 'Bad Gateway' }
      },
      100,
    )
    const first = await read(null, 500)
    expect(first.interactions).toHaveLength(80)
    expect(first.more).toBe(true)
    const second = await read(first.cursor, 500)
    expect(second.more).toBe(false)
    const ids = [...first.interactions, ...second.interactions].map((i) => i.remoteId)
    expect(ids).toHaveLength(106)
    expect(new Set(ids).size).toBe(106)
  })
})
