import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startBlueskyNetwork,
  type BlueskyNetwork,
  type BlueskyTestAccount,
} from '../../test/bluesky.js'
import { loopbackClient } from '../../test/outbound.js'
import type { ChannelCredentials } from '../channels/channel-adapter.js'
import type { Interaction } from '../channels/interactions.js'
import { BlueskyAdapter } from './bluesky-adapter.js'

let network: BlueskyNetwork
let credentials: ChannelCredentials
let adapter: BlueskyAdapter
let libraryPost: { uri: string; cid: string }
const since = new Date(Date.now() - 60 * 60_000)

beforeAll(async () => {
  network = await startBlueskyNetwork({ appView: true })
  adapter = new BlueskyAdapter({ fetch: loopbackClient(), plcUrl: network.plcUrl })
  const { bibliotek } = network.accounts
  ;({ credentials } = await adapter.connect({
    identifier: bibliotek.handle,
    appPassword: bibliotek.appPassword,
    service: network.pdsUrl,
  }))
  const published = await adapter.publish(credentials, {
    publicationId: crypto.randomUUID(),
    text: 'Sagostund på lördag klockan 11!',
    images: [],
  })
  const { data } = await bibliotek.agent.com.atproto.repo.getRecord({
    repo: bibliotek.did,
    collection: 'app.bsky.feed.post',
    rkey: published.remoteId.split('/').pop()!,
  })
  libraryPost = { uri: data.uri, cid: data.cid! }
})
afterAll(() => network?.close())

function replyTo(post: { uri: string; cid: string }, root = post) {
  return { root: { uri: root.uri, cid: root.cid }, parent: { uri: post.uri, cid: post.cid } }
}

function mentioning(text: string, handle: string, did: string) {
  const start = Buffer.byteLength(text.slice(0, text.indexOf(`@${handle}`)))
  const end = start + Buffer.byteLength(`@${handle}`)
  return [
    {
      index: { byteStart: start, byteEnd: end },
      features: [{ $type: 'app.bsky.richtext.facet#mention', did }],
    },
  ]
}

async function readAll(cursor: string | null, recentPosts = [libraryPost.uri], limit = 50) {
  return adapter.interactions.read(credentials, { cursor, limit, since, recentPosts })
}

const byKind = (items: Interaction[], kind: string) => items.filter((i) => i.kind === kind)

describe('reading what others did with the library on Bluesky', () => {
  let anna: BlueskyTestAccount
  let cursor: string | null = null
  const made: Record<string, string> = {}

  it('returns a reply, mention, quote, like, repost and follow once each, about the right post', async () => {
    anna = network.accounts.anna
    const { bibliotek } = network.accounts
    const reply = await anna.agent.post({ text: 'Vi kommer!', reply: replyTo(libraryPost) })
    const text = `Tips: @${bibliotek.handle} har sagostund`
    const mention = await anna.agent.post({
      text,
      facets: mentioning(text, bibliotek.handle, bibliotek.did),
    })
    const quote = await anna.agent.post({
      text: 'Missa inte detta',
      embed: { $type: 'app.bsky.embed.record', record: libraryPost },
    })
    const like = await anna.agent.like(libraryPost.uri, libraryPost.cid)
    const repost = await anna.agent.repost(libraryPost.uri, libraryPost.cid)
    const follow = await anna.agent.follow(bibliotek.did)
    Object.assign(made, {
      reply: reply.uri,
      mention: mention.uri,
      quote: quote.uri,
      like: like.uri,
      repost: repost.uri,
      follow: follow.uri,
    })
    await network.settle()

    const page = await readAll(null)
    expect(page.more).toBe(false)
    expect(page.interactions.map((i) => i.remoteId).sort()).toEqual(Object.values(made).sort())
    for (const [kind, uri] of Object.entries(made)) {
      const [found] = byKind(page.interactions, kind)
      expect(found, kind).toMatchObject({ remoteId: uri, author: { remoteId: anna.did } })
    }
    const [got] = byKind(page.interactions, 'reply')
    expect(got).toMatchObject({
      text: 'Vi kommer!',
      subjectRemoteId: libraryPost.uri,
      parentRemoteId: libraryPost.uri,
      rootRemoteId: libraryPost.uri,
      url: `https://bsky.app/profile/${anna.did}/post/${reply.uri.split('/').pop()}`,
      author: { handle: 'anna.test', profileUrl: 'https://bsky.app/profile/anna.test' },
      replyTarget: {
        uri: reply.uri,
        cid: reply.cid,
        rootUri: libraryPost.uri,
        rootCid: libraryPost.cid,
      },
    })
    expect(Date.parse(got!.createdAt)).toBeGreaterThan(since.getTime())
    expect(byKind(page.interactions, 'quote')[0]).toMatchObject({
      subjectRemoteId: libraryPost.uri,
      text: 'Missa inte detta',
      replyTarget: { uri: quote.uri, rootUri: quote.uri },
    })
    expect(byKind(page.interactions, 'mention')[0]?.replyTarget).toMatchObject({
      uri: mention.uri,
      cid: mention.cid,
    })
    for (const kind of ['like', 'repost']) {
      expect(byKind(page.interactions, kind)[0]).toMatchObject({
        subjectRemoteId: libraryPost.uri,
        text: '',
        url: '',
      })
    }
    cursor = page.cursor
  })

  it('returns nothing new when read again with the cursor', async () => {
    const page = await readAll(cursor)
    expect(page.interactions).toEqual([])
    expect(page.more).toBe(false)
    cursor = page.cursor
  })

  it('brings a later reply on the next read, and a reply under that reply too', async () => {
    const bo = await network.createAccount('bosse')
    const later = await bo.agent.post({
      text: 'Finns det plats kvar?',
      reply: replyTo(libraryPost),
    })
    const deeper = await anna.agent.post({
      text: 'Det gör det säkert',
      reply: replyTo(later, libraryPost),
    })
    await network.settle()
    const page = await readAll(cursor)
    const byUri = new Map(page.interactions.map((i) => [i.remoteId, i]))
    expect([...byUri.keys()].sort()).toEqual([later.uri, deeper.uri].sort())
    expect(byUri.get(later.uri)).toMatchObject({ kind: 'reply', author: { remoteId: bo.did } })
    expect(byUri.get(deeper.uri)).toMatchObject({
      kind: 'reply',
      subjectRemoteId: libraryPost.uri,
      parentRemoteId: later.uri,
      rootRemoteId: libraryPost.uri,
    })
    cursor = page.cursor
    expect((await readAll(cursor)).interactions).toEqual([])
  })

  it('finds a reply whose app backdated it below the notifications already read', async () => {
    // The AppView sorts notifications by min(createdAt, indexedAt): this one
    // lands below the last mark, and only the thread shows it.
    const backdated = await anna.agent.post({
      text: 'Skrivet i förrgår, skickat nu',
      createdAt: new Date(Date.now() - 2 * 24 * 60 * 60_000).toISOString(),
      reply: replyTo(libraryPost),
    })
    await network.settle()
    const page = await readAll(cursor)
    expect(page.interactions.map((i) => [i.kind, i.remoteId])).toEqual([['reply', backdated.uri]])
    cursor = page.cursor
    expect((await readAll(cursor)).interactions).toEqual([])
    // Without the library's recent posts it is not reached at all.
    expect(
      (await readAll(null, []).then((p) => p.interactions)).map((i) => i.remoteId),
    ).not.toContain(backdated.uri)
  })

  it('reads a backlog in pieces of `limit`, each piece once, saying when more is waiting', async () => {
    const seen: string[] = []
    let next: string | null = null
    let reads = 0
    for (;;) {
      const page = await readAll(next, [libraryPost.uri], 2)
      expect(page.interactions.length).toBeLessThanOrEqual(2)
      seen.push(...page.interactions.map((i) => i.remoteId))
      next = page.cursor
      reads++
      if (!page.more) break
      expect(reads).toBeLessThan(20)
    }
    // 6 from anna's first round, 2 later replies, the backdated one.
    expect(seen).toHaveLength(9)
    expect(new Set(seen).size).toBe(9)
    expect((await readAll(next)).interactions).toEqual([])
  })
})

describe('rechecking others’ posts', () => {
  it('tells a deleted reply from one still there, and from one hidden by a block', async () => {
    const cecilia = await network.createAccount('cecilia')
    const kept = await cecilia.agent.post({ text: 'Står kvar', reply: replyTo(libraryPost) })
    const removed = await cecilia.agent.post({ text: 'Ångrar mig', reply: replyTo(libraryPost) })
    const dora = await network.createAccount('dora')
    const blocking = await dora.agent.post({
      text: 'Sedan blockerar jag',
      reply: replyTo(libraryPost),
    })
    await cecilia.agent.deletePost(removed.uri)
    await dora.agent.app.bsky.graph.block.create(
      { repo: dora.did },
      { subject: network.accounts.bibliotek.did, createdAt: new Date().toISOString() },
    )
    await network.settle()
    const states = await adapter.interactions.recheck(credentials, [
      kept.uri,
      removed.uri,
      blocking.uri,
    ])
    expect(states.get(kept.uri)).toEqual({ state: 'present', text: 'Står kvar' })
    expect(states.get(removed.uri)).toEqual({ state: 'deleted' })
    expect(states.get(blocking.uri)).toEqual({ state: 'unavailable' })
  })
})
