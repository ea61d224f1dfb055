import { XRPCError } from '@atproto/api'
import { describe, expect, it } from 'vitest'
import { ChannelError } from '../channels/channel-adapter.js'
import { memoryRateBudget } from '../channels/rate-budget.js'
import { toChannelError } from './errors.js'
import { accountMetrics, postMetrics } from './metrics.js'
import type { SignedIn } from './session.js'

/*
 * What a misbehaving AppView can send, which the local network never does:
 * the transport under the adapter answers as scripted. The well-behaved path
 * is tested against the local network (server/services/metrics/metrics-bluesky.test.ts).
 */
const DID = 'did:plc:bibliotek'
const uri = (n: number) => `at://${DID}/app.bsky.feed.post/3l${String(n).padStart(11, 'a')}`

function signedIn(options: {
  answer: (url: URL) => Response
  records?: Record<string, 'present' | 'missing' | 'error'>
  active?: boolean
}) {
  const asked: URL[] = []
  const s = {
    did: DID,
    agent: {
      sessionManager: {
        fetchHandler: async (path: string) => {
          const url = new URL(path, 'https://pds.test')
          asked.push(url)
          return options.answer(url)
        },
      },
      com: {
        atproto: {
          server: {
            getSession: async () => ({
              data: { handle: 'bibliotek.test', active: options.active ?? true },
            }),
          },
          repo: {
            getRecord: async ({ rkey }: { rkey: string }) => {
              const found = Object.entries(options.records ?? {}).find(([u]) => u.endsWith(rkey))
              if (found?.[1] === 'present') return { data: {} }
              if (found?.[1] === 'error') throw new XRPCError(502, 'UpstreamFailure', 'upstream')
              throw new XRPCError(400, 'RecordNotFound', 'Could not locate record')
            },
          },
        },
      },
    },
  }
  return { s: s as unknown as SignedIn, asked }
}

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })
const postView = (u: string, counts: Record<string, unknown>) => ({
  uri: u,
  cid: 'bafyrei',
  author: { did: DID, handle: 'bibliotek.test' },
  record: { text: 'Hej' },
  indexedAt: '2025-03-14T09:00:00.000Z',
  ...counts,
})

describe('reading counts from the Bluesky AppView', () => {
  it('asks for 25 posts a request and keeps each entry’s counts on its own', async () => {
    const uris = Array.from({ length: 26 }, (_, i) => uri(i))
    const { s, asked } = signedIn({
      answer: (url) =>
        json({
          posts: url.searchParams
            .getAll('uris')
            .map((u, i) =>
              i === 1
                ? { uri: u, likeCount: 'many' }
                : postView(u, { likeCount: 2, repostCount: -1, replyCount: 1.5 }),
            ),
        }),
    })
    const results = await postMetrics(s, memoryRateBudget(), uris)
    expect(asked.map((u) => u.searchParams.getAll('uris').length)).toEqual([25, 1])
    expect(results.get(uris[0]!)).toEqual({
      state: 'counted',
      counts: { likes: 2, reposts: null, replies: null, quotes: null, views: null },
    })
    expect(results.get(uris[1]!)).toEqual({
      state: 'counted',
      counts: { likes: null, reposts: null, replies: null, quotes: null, views: null },
    })
  })

  it('calls a post gone only when its record is gone too', async () => {
    const [shown, missing, hidden, unsure] = [uri(1), uri(2), uri(3), uri(4)]
    const { s } = signedIn({
      answer: () => json({ posts: [postView(shown!, { likeCount: 1 })] }),
      records: { [missing!]: 'missing', [hidden!]: 'present', [unsure!]: 'error' },
    })
    const results = await postMetrics(s, memoryRateBudget(), [shown!, missing!, hidden!, unsure!])
    expect(results.get(missing!)).toEqual({ state: 'gone' })
    expect(results.get(hidden!)).toEqual({ state: 'unavailable' })
    // Not known either way: left out, to be asked again later.
    expect(results.has(unsure!)).toBe(false)
  })

  it('turns garbage into a clear, transient error', async () => {
    for (const answer of [
      () => new Response('<html>502</html>', { headers: { 'content-type': 'text/html' } }),
      () => json({ posts: 'none' }),
      () => json([]),
    ]) {
      const { s } = signedIn({ answer })
      const error = await postMetrics(s, memoryRateBudget(), [uri(1)]).catch((e: unknown) => e)
      // As withSession hands it on: the service backs off and asks again later.
      expect(toChannelError(error, 'Reading the Bluesky posts’ counts')).toMatchObject({
        kind: 'transient',
        code: 'bad_response',
      })
    }
  })

  it('keeps what it read when a later request fails, and says why when none could be read', async () => {
    const uris = Array.from({ length: 30 }, (_, i) => uri(i))
    let calls = 0
    const { s } = signedIn({
      answer: (url) =>
        ++calls === 1
          ? json({ posts: url.searchParams.getAll('uris').map((u) => postView(u, {})) })
          : new Response(JSON.stringify({ error: 'InternalServerError', message: 'down' }), {
              status: 500,
            }),
    })
    const results = await postMetrics(s, memoryRateBudget(), uris)
    expect([...results.keys()]).toEqual(uris.slice(0, 25))
  })

  it('reads the account’s counts only while its PDS says it is active, and only its own', async () => {
    const profile = { did: DID, handle: 'bibliotek.test', followersCount: 12, followsCount: 3 }
    const ok = signedIn({ answer: () => json(profile) })
    expect(await accountMetrics(ok.s, memoryRateBudget())).toEqual({
      followers: 12,
      following: 3,
      posts: null,
    })
    const other = signedIn({ answer: () => json({ ...profile, did: 'did:plc:someone' }) })
    await expect(accountMetrics(other.s, memoryRateBudget())).rejects.toMatchObject({
      code: 'bad_response',
    })
    const gone = signedIn({ answer: () => json(profile), active: false })
    const error = await accountMetrics(gone.s, memoryRateBudget()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChannelError)
    expect(error).toMatchObject({ kind: 'permanent', code: 'account_gone' })
  })
})
