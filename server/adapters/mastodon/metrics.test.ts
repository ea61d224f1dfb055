import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loopbackClient } from '../../test/outbound.js'
import { ChannelError } from '../channels/channel-adapter.js'
import type { MetricsCapability } from '../channels/metrics.js'
import { createMastodonAdapter } from './mastodon-adapter.js'
import {
  fixture,
  PASTED_TOKEN,
  startFakeMastodon,
  type FakeMastodon,
  type RecordedRequest,
  type Reply,
} from './testing/fake-mastodon.js'

/*
 * The counts Torget reads from Mastodon, against recorded responses shaped as
 * https://docs.joinmastodon.org/entities/Status/ and /Account/ describe them:
 * GET /api/v1/statuses?id[] (4.3+), GET /api/v1/statuses/:id and
 * GET /api/v1/accounts/verify_credentials.
 */
const ACCOUNT_ID = '109876543210987654'
const LIST = /^\/api\/v1\/statuses$/
const ONE = /^\/api\/v1\/statuses\/\d+$/

let fake: FakeMastodon
let metrics: MetricsCapability
/** The library's statuses on the server, by id: a 4.4 status (no quotes_count) unless made from the 4.5 fixture. */
let live: Map<string, Record<string, unknown>>
/** Answers the list request instead, where it returns something. */
let listAnswer: (req: RecordedRequest) => Reply | undefined
const credentials = () => ({
  instanceUrl: fake.url,
  accessToken: PASTED_TOKEN,
  accountId: ACCOUNT_ID,
})

function status(id: string, counts: Record<string, number>, version: '4.4' | '4.5' = '4.4') {
  const base = fixture(version === '4.5' ? 'status-4.5' : 'status')
  return { ...base, id, url: `https://social.example/@stadsbiblioteket/${id}`, ...counts }
}

/** The server as documented: the list leaves out what does not exist, one status 404s. */
function serveStatuses() {
  const list = (req: RecordedRequest) =>
    listAnswer(req) ?? {
      status: 200,
      json: req.query.getAll('id[]').flatMap((id) => (live.has(id) ? [live.get(id)] : [])),
    }
  const one = (req: RecordedRequest) => {
    const found = live.get(req.path.split('/').pop()!)
    return found ? { status: 200, json: found } : { status: 404, json: fixture('error-404') }
  }
  fake.override('GET', LIST, list, 1000)
  fake.override('GET', ONE, one, 1000)
}

beforeEach(async () => {
  fake = await startFakeMastodon()
  metrics = createMastodonAdapter({ fetch: loopbackClient(), timeoutMs: 2_000 }).metrics!
  live = new Map()
  listAnswer = () => undefined
})
afterEach(() => fake.close())

describe('an account’s counts', () => {
  it('are followers_count, following_count and statuses_count of verify_credentials', async () => {
    expect(await metrics.accountMetrics(credentials())).toEqual({
      followers: 1204,
      following: 87,
      posts: 532,
    })
  })

  it('are null where the server leaves one out or sends something that is not a count, never 0', async () => {
    const { statuses_count: _left, ...account } = fixture('credential-account')
    fake.override('GET', /verify_credentials$/, {
      status: 200,
      json: { ...account, followers_count: -1, following_count: '87' },
    })
    expect(await metrics.accountMetrics(credentials())).toEqual({
      followers: null,
      following: null,
      posts: null,
    })
  })

  it('say plainly when the account is suspended or the token refused', async () => {
    fake.override('GET', /verify_credentials$/, {
      status: 200,
      json: { ...fixture('credential-account'), suspended: true },
    })
    await expect(metrics.accountMetrics(credentials())).rejects.toMatchObject({
      kind: 'permanent',
      code: 'account_gone',
    })
    fake.override('GET', /verify_credentials$/, { status: 401, json: fixture('error-401') })
    await expect(metrics.accountMetrics(credentials())).rejects.toMatchObject({
      kind: 'permanent',
      code: 'auth_revoked',
    })
  })
})

describe('a post’s counts', () => {
  it('are read 20 to a request: favourites, reblogs, replies, and quotes where the server counts them', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => `1134567890999${String(i).padStart(5, '0')}`)
    for (const [i, id] of ids.entries()) live.set(id, status(id, { favourites_count: i }))
    live.set(ids[0]!, status(ids[0]!, { favourites_count: 12 }, '4.5'))
    serveStatuses()

    const results = await metrics.postMetrics(credentials(), ids)

    expect(fake.find('GET', LIST).map((r) => r.query.getAll('id[]').length)).toEqual([20, 5])
    expect(fake.find('GET', ONE)).toHaveLength(0)
    expect(results.get(ids[0]!)).toEqual({
      state: 'counted',
      counts: { likes: 12, reposts: 7, replies: 4, quotes: 3, views: null },
    })
    // Before Mastodon 4.5 a status has no quotes_count: not counted is not zero.
    expect(results.get(ids[24]!)).toEqual({
      state: 'counted',
      counts: { likes: 24, reposts: 0, replies: 0, quotes: null, views: null },
    })
  })

  it('calls a status gone only when the server answers 404 for it alone', async () => {
    live.set('11', status('11', { favourites_count: 2 }))
    serveStatuses()
    const results = await metrics.postMetrics(credentials(), ['11', '12'])
    expect(fake.find('GET', ONE).map((r) => r.path)).toEqual(['/api/v1/statuses/12'])
    expect(results.get('11')).toMatchObject({ state: 'counted', counts: { likes: 2 } })
    expect(results.get('12')).toEqual({ state: 'gone' })
  })

  it('reads them one by one from a server older than 4.3, and remembers that it is', async () => {
    live.set('21', status('21', { reblogs_count: 5 }))
    serveStatuses()
    // The route does not exist there: Mastodon answers unknown routes with its 404.
    listAnswer = () => ({ status: 404, json: fixture('error-404') })
    const first = await metrics.postMetrics(credentials(), ['21', '22'])
    expect(first.get('21')).toMatchObject({ state: 'counted', counts: { reposts: 5 } })
    expect(first.get('22')).toEqual({ state: 'gone' })
    await metrics.postMetrics(credentials(), ['21'])
    expect(fake.find('GET', LIST)).toHaveLength(1)
    expect(fake.find('GET', ONE)).toHaveLength(3)
  })

  it('keeps what it read when the rate limit is reached part-way, and leaves the rest to later', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => String(500 + i))
    for (const id of ids) live.set(id, status(id, { favourites_count: 1 }))
    serveStatuses()
    listAnswer = (req) =>
      req.query.getAll('id[]').includes('520')
        ? {
            status: 429,
            json: fixture('error-429'),
            headers: { 'X-RateLimit-Reset': new Date(Date.now() + 60_000).toISOString() },
          }
        : undefined
    const results = await metrics.postMetrics(credentials(), ids)
    expect([...results.keys()]).toEqual(ids.slice(0, 20))
    // Nothing read at all: the caller hears why.
    await expect(metrics.postMetrics(credentials(), ids.slice(20))).rejects.toMatchObject({
      kind: 'transient',
      code: 'rate_limited',
    })
  })

  it('skips an odd entry without costing the others, and turns garbage into a clear error', async () => {
    live.set('31', status('31', { favourites_count: 3 }))
    live.set('32', { id: '32', favourites_count: 'many', reblogs_count: null })
    serveStatuses()
    const results = await metrics.postMetrics(credentials(), ['31', '32'])
    expect(results.get('31')).toMatchObject({ state: 'counted', counts: { likes: 3 } })
    expect(results.get('32')).toEqual({
      state: 'counted',
      counts: { likes: null, reposts: null, replies: null, quotes: null, views: null },
    })

    listAnswer = () => ({ status: 200, text: '<html>Bad gateway</html>' })
    const garbage = await metrics.postMetrics(credentials(), ['31']).catch((e: unknown) => e)
    expect(garbage).toBeInstanceOf(ChannelError)
    expect(garbage).toMatchObject({ code: 'bad_response' })
    listAnswer = () => ({ status: 200, json: { statuses: [] } })
    await expect(metrics.postMetrics(credentials(), ['31'])).rejects.toMatchObject({
      code: 'bad_response',
    })
  })

  it('refuses an answer larger than any documented one', async () => {
    const small = createMastodonAdapter({
      fetch: loopbackClient({ maxResponseBytes: 64 * 1024 }),
      timeoutMs: 2_000,
    }).metrics!
    fake.override('GET', LIST, {
      status: 200,
      json: Array.from({ length: 200 }, (_, i) => status(String(i), {})),
    })
    await expect(small.postMetrics(credentials(), ['1'])).rejects.toMatchObject({
      code: 'bad_response',
    })
  })

  it('pauses on a refused token rather than calling the posts gone', async () => {
    fake.override('GET', LIST, { status: 401, json: fixture('error-401') })
    await expect(metrics.postMetrics(credentials(), ['41'])).rejects.toMatchObject({
      kind: 'permanent',
      code: 'auth_revoked',
    })
  })
})
