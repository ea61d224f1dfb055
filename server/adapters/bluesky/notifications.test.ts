import { describe, expect, it } from 'vitest'
import { fromNotification, threadReplies } from './notifications.js'

const LIBRARY = 'did:plc:bibliotek1234567890abcd'
const ANNA = 'did:plc:anna1234567890abcdefgh'
const OURS = `at://${LIBRARY}/app.bsky.feed.post/3kbibliotek22`
const author = {
  did: ANNA,
  handle: 'anna.bsky.social',
  displayName: 'Anna',
  avatar: 'https://cdn.bsky.app/a.jpg',
}
const at = '2026-03-01T10:00:00.000Z'

/** Shaped as app.bsky.notification.listNotifications answers (lexicon app.bsky.notification.defs). */
const GOOD = [
  {
    uri: `at://${ANNA}/app.bsky.feed.post/3kreply222222`,
    cid: 'bafyreply',
    author,
    reason: 'reply',
    reasonSubject: OURS,
    record: {
      $type: 'app.bsky.feed.post',
      text: 'Vi kommer!',
      createdAt: at,
      reply: { root: { uri: OURS, cid: 'bafyours' }, parent: { uri: OURS, cid: 'bafyours' } },
    },
    isRead: false,
    indexedAt: at,
    labels: [],
  },
  {
    uri: `at://${ANNA}/app.bsky.feed.like/3klike2222222`,
    cid: 'bafylike',
    author,
    reason: 'like',
    reasonSubject: OURS,
    record: { $type: 'app.bsky.feed.like', subject: { uri: OURS, cid: 'bafyours' }, createdAt: at },
    isRead: false,
    indexedAt: at,
  },
  {
    uri: `at://${ANNA}/app.bsky.graph.follow/3kfollow22222`,
    cid: 'bafyfollow',
    author,
    reason: 'follow',
    record: { $type: 'app.bsky.graph.follow', subject: LIBRARY, createdAt: at },
    isRead: true,
    indexedAt: at,
  },
]

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed / 2 ** 31
  }
}

const ODD_VALUES = [
  null,
  undefined,
  42,
  '',
  'x',
  [],
  {},
  true,
  { uri: 7 },
  'at://nope',
  '2026-13-45',
]
const UNKNOWN_REASONS = [
  'starterpack-joined',
  'verified',
  'unverified',
  'like-via-repost',
  'repost-via-repost',
  'subscribed-post',
  'contact-match',
  'something-new',
]

function malformed(count: number): unknown[] {
  const next = random(7)
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!
  const shapes: unknown[] = []
  for (let i = 0; i < count; i++) {
    const base = structuredClone(pick(GOOD)) as Record<string, unknown>
    switch (i % 5) {
      case 0: // a field missing
        delete base[pick(['uri', 'cid', 'author', 'reason', 'record', 'indexedAt'])]
        break
      case 1: // a field of the wrong kind
        base[pick(['uri', 'cid', 'author', 'reason', 'record', 'indexedAt'])] = pick(ODD_VALUES)
        break
      case 2: // a reason Torget does not record
        base.reason = pick(UNKNOWN_REASONS)
        break
      case 3: // a record that does not fit its reason
        base.record = pick([
          { text: 5 },
          { subject: 'x' },
          { subject: { uri: 'bad' } },
          'text',
          null,
        ])
        break
      default: // not an object at all
        shapes.push(pick(ODD_VALUES))
        continue
    }
    shapes.push(base)
  }
  return shapes
}

describe('Bluesky notifications as interactions', () => {
  it('skips 500 malformed and unknown entries without losing the good ones among them', () => {
    const page = [...malformed(250), ...GOOD, ...malformed(250)]
    const found = page.map((n) => fromNotification(n, LIBRARY)).filter((x) => x !== undefined)
    expect(found.map((f) => f.interaction.kind)).toEqual(['reply', 'like', 'follow'])
    expect(found[0]!.interaction).toMatchObject({
      remoteId: GOOD[0]!.uri,
      text: 'Vi kommer!',
      subjectRemoteId: OURS,
      url: `https://bsky.app/profile/${ANNA}/post/3kreply222222`,
      author: { displayName: 'Anna', avatarUrl: 'https://cdn.bsky.app/a.jpg' },
      replyTarget: { uri: GOOD[0]!.uri, cid: 'bafyreply', rootUri: OURS, rootCid: 'bafyours' },
    })
    expect(found[2]!.interaction).toMatchObject({
      url: 'https://bsky.app/profile/anna.bsky.social',
    })
  })

  it('calls a reply that also names the library a reply, and keeps only https avatars', () => {
    const [reply] = GOOD
    const named = {
      ...reply,
      reason: 'mention',
      reasonSubject: undefined,
      author: { ...author, avatar: 'javascript:alert(1)' },
    }
    const found = fromNotification(named, LIBRARY)!.interaction
    expect(found).toMatchObject({ kind: 'reply', subjectRemoteId: OURS })
    expect(found.author.avatarUrl).toBeUndefined()
  })

  it('skips the library’s own posts and odd entries in a thread', () => {
    const post = (uri: string, did: string, replies: unknown[] = []) => ({
      $type: 'app.bsky.feed.defs#threadViewPost',
      post: {
        uri,
        cid: 'c',
        author: { did, handle: 'h.test' },
        record: { text: 't', createdAt: at },
        indexedAt: at,
      },
      replies,
    })
    const thread = {
      thread: post(OURS, LIBRARY, [
        post(`at://${ANNA}/app.bsky.feed.post/a`, ANNA, [
          post(`at://${LIBRARY}/app.bsky.feed.post/b`, LIBRARY),
        ]),
        { $type: 'app.bsky.feed.defs#blockedPost', uri: 'at://x/y/z', blocked: true },
        ...malformed(20),
      ]),
    }
    expect(threadReplies(thread, LIBRARY).map((r) => r.interaction.remoteId)).toEqual([
      `at://${ANNA}/app.bsky.feed.post/a`,
    ])
  })
})
