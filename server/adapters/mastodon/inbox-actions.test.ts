import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loopbackClient } from '../../test/outbound.js'
import type { ModerationRequest, ReplyTarget } from '../channels/interactions.js'
import { createMastodonAdapter } from './mastodon-adapter.js'
import {
  fixture,
  PASTED_TOKEN,
  startFakeMastodon,
  type FakeMastodon,
} from './testing/fake-mastodon.js'

const LIBRARY = '109876543210987654'
const LASSE = '110000000000000002'

let fake: FakeMastodon
let mastodon: ReturnType<typeof createMastodonAdapter>
const credentials = () => ({ instanceUrl: fake.url, accessToken: PASTED_TOKEN, accountId: LIBRARY })
const adapter = () => createMastodonAdapter({ fetch: loopbackClient(), timeoutMs: 2_000 })

beforeEach(async () => {
  fake = await startFakeMastodon()
  mastodon = adapter()
})
afterEach(() => fake.close())

async function targets() {
  const page = await mastodon.interactions!.read(credentials(), {
    cursor: null,
    limit: 100,
    since: new Date('2025-03-01T00:00:00Z'),
    recentPosts: [],
  })
  const of = (id: string) => page.interactions.find((i) => i.remoteId === id)!
  return {
    reply: of('114000000000000006'),
    dm: of('114000000000000005'),
    quote: of('114000000000000004'),
  }
}
const sent = () =>
  fake.find('POST', '/api/v1/statuses').map((r) => r.json as Record<string, unknown>)

describe('answering in a thread', () => {
  it('answers a private message privately, to its author, under it', async () => {
    const { dm } = await targets()
    await mastodon.publish(credentials(), {
      publicationId: 'answer-1',
      text: 'Hej Anna! Ja, ring oss så löser vi det.',
      images: [],
      replyTo: dm.replyTarget,
    })
    expect(sent()).toEqual([
      {
        status: '@anna Hej Anna! Ja, ring oss så löser vi det.',
        visibility: 'direct',
        in_reply_to_id: '114000000000000005',
      },
    ])
  })

  it('never answers wider than the post answered, and mentions the author only when the text does not', async () => {
    const cases: [ReplyTarget, string, string, string][] = [
      [
        { statusId: '1', visibility: 'public', acct: 'lasse@mastodon.example' },
        'Ja, den finns!',
        'public',
        '@lasse@mastodon.example Ja, den finns!',
      ],
      [
        { statusId: '2', visibility: 'unlisted', acct: 'lasse@mastodon.example' },
        'Hej @lasse@mastodon.example, ja!',
        'unlisted',
        'Hej @lasse@mastodon.example, ja!',
      ],
      [
        { statusId: '3', visibility: 'private', acct: 'anna' },
        'Tack @anna!',
        'private',
        'Tack @anna!',
      ],
      // "@anna" names a user of the library's own server, not anna elsewhere.
      [
        { statusId: '4', visibility: 'private', acct: 'anna@fedi.example' },
        'Tack @anna!',
        'private',
        '@anna@fedi.example Tack @anna!',
      ],
      // A visibility Torget does not know is treated as the narrowest.
      [
        { statusId: '5', visibility: 'limited', acct: 'mira@fedi.example' },
        'Hej!',
        'direct',
        '@mira@fedi.example Hej!',
      ],
    ]
    for (const [i, [replyTo, text]] of cases.entries()) {
      await mastodon.publish(credentials(), { publicationId: `a${i}`, text, images: [], replyTo })
    }
    expect(sent().map((b) => [b.in_reply_to_id, b.visibility, b.status])).toEqual(
      cases.map(([target, , visibility, status]) => [target.statusId, visibility, status]),
    )
  })

  it('sends one Idempotency-Key across retries, and finds the answer after a crash', async () => {
    const { reply } = await targets()
    const answer = {
      publicationId: 'answer-2',
      text: 'Ja, den står på hyllan för barnböcker. Välkommen!',
      images: [],
      replyTo: reply.replyTarget,
    }
    fake.override('POST', /^\/api\/v1\/statuses$/, { status: 503, json: fixture('error-503') })
    await expect(mastodon.publish(credentials(), answer)).rejects.toMatchObject({
      kind: 'transient',
    })
    const published = await mastodon.publish(credentials(), answer)
    const keys = fake.find('POST', '/api/v1/statuses').map((r) => r.headers['idempotency-key'])
    expect(keys).toEqual(['torget-answer-2', 'torget-answer-2'])

    // A fresh process knows nothing of the attempt; the status shows "@lasse …" as Mastodon renders it.
    const found = await adapter().lookup(credentials(), {
      publicationId: 'answer-2',
      text: answer.text,
      images: [],
      notBefore: new Date(Date.now() - 60_000),
    })
    expect(found).toEqual(published)
    // Another text with the same mention in front is not it.
    expect(
      await adapter().lookup(credentials(), {
        publicationId: 'x',
        text: 'Ja, den står på hyllan.',
        images: [],
      }),
    ).toBeUndefined()
  })
})

describe('looking again at what was received', () => {
  it('tells edited from deleted from no longer visible', async () => {
    fake.inbox.setStatus(fixture('status-edited'))
    fake.inbox.deleteStatus('114000000000000005')
    fake.inbox.hideStatus('114000000000000004')
    const states = await mastodon.interactions!.recheck(credentials(), [
      '114000000000000006',
      '114000000000000005',
      '114000000000000004',
      '114000000000000012',
      '999999999999999999',
    ])
    expect(Object.fromEntries(states)).toEqual({
      '114000000000000006': {
        state: 'present',
        text: '@stadsbiblioteket Finns "Mumintrollet" kvar att låna? (Svar: nej, jag hittade den!)',
        editedAt: '2025-03-15T11:00:00.000Z',
      },
      '114000000000000005': { state: 'deleted' },
      '114000000000000004': { state: 'unavailable' },
      '114000000000000012': {
        state: 'present',
        text: 'Om sagostunden\n\nSagostunden var jättebra förra gången!',
      },
      '999999999999999999': { state: 'deleted' },
    })
  })

  it('leaves the whole check for later when Mastodon is down', async () => {
    fake.override('GET', /^\/api\/v1\/statuses\/\d+$/, { status: 503, json: fixture('error-503') })
    await expect(
      mastodon.interactions!.recheck(credentials(), ['114000000000000006']),
    ).rejects.toMatchObject({ kind: 'transient', code: 'server_error' })
  })
})

describe('moderating', () => {
  const on = async (action: ModerationRequest['action'], id = '114000000000000006') => {
    const all = await targets()
    const target = Object.values(all).find((i) => i.remoteId === id)!
    return { action, target }
  }

  it('blocks and mutes the author, and undoes both, at the documented endpoints', async () => {
    await mastodon.interactions!.moderate(credentials(), await on('block'))
    expect(fake.inbox.relationship(LASSE)).toEqual({ blocking: true, muting: false })
    await mastodon.interactions!.moderate(credentials(), await on('mute'))
    // Twice is not an error.
    await mastodon.interactions!.moderate(credentials(), await on('mute'))
    expect(fake.inbox.relationship(LASSE)).toEqual({ blocking: true, muting: true })
    await mastodon.interactions!.undoModeration!(credentials(), await on('block'))
    await mastodon.interactions!.undoModeration!(credentials(), await on('mute'))
    expect(fake.inbox.relationship(LASSE)).toEqual({ blocking: false, muting: false })
    expect(fake.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      `/api/v1/accounts/${LASSE}/block`,
      `/api/v1/accounts/${LASSE}/mute`,
      `/api/v1/accounts/${LASSE}/mute`,
      `/api/v1/accounts/${LASSE}/unblock`,
      `/api/v1/accounts/${LASSE}/unmute`,
    ])
  })

  it("revokes a quote of the library's post on Mastodon 4.5", async () => {
    fake.inbox.enableQuotes()
    await mastodon.interactions!.moderate(
      credentials(),
      await on('revoke_quote', '114000000000000004'),
    )
    expect(fake.find('POST', /\/revoke$/).map((r) => r.path)).toEqual([
      '/api/v1/statuses/113456789100000002/quotes/114000000000000004/revoke',
    ])
  })

  it('says plainly that a server older than 4.5 cannot revoke quotes', async () => {
    await expect(
      mastodon.interactions!.moderate(
        credentials(),
        await on('revoke_quote', '114000000000000004'),
      ),
    ).rejects.toMatchObject({
      kind: 'permanent',
      code: 'not_supported',
      message: expect.stringMatching(/older than 4\.5.*block the account, report/),
    })
  })

  it('cannot hide a reply or detach a quote, and says what to do instead', async () => {
    const before = fake.requests.length
    for (const action of ['hide_reply', 'detach_quote'] as const) {
      await expect(
        mastodon.interactions!.moderate(credentials(), await on(action)),
      ).rejects.toMatchObject({
        kind: 'permanent',
        code: 'not_supported',
        message: expect.stringContaining(
          "block the account, report the post to the server's moderators, or ask its author to remove it",
        ),
      })
    }
    // Only the reads that found the targets reached Mastodon.
    expect(fake.requests.slice(before).every((r) => r.method === 'GET')).toBe(true)
  })
})
