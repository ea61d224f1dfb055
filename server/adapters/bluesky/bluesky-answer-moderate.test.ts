import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startBlueskyNetwork,
  type BlueskyNetwork,
  type BlueskyTestAccount,
} from '../../test/bluesky.js'
import { loopbackClient } from '../../test/outbound.js'
import type { ChannelCredentials } from '../channels/channel-adapter.js'
import type { ModerationRequest } from '../channels/interactions.js'
import { BlueskyAdapter } from './bluesky-adapter.js'

let network: BlueskyNetwork
let credentials: ChannelCredentials
let adapter: BlueskyAdapter
let library: BlueskyTestAccount
let anna: BlueskyTestAccount
let libraryPost: { uri: string; cid: string }

beforeAll(async () => {
  network = await startBlueskyNetwork({ appView: true })
  adapter = new BlueskyAdapter({ fetch: loopbackClient(), plcUrl: network.plcUrl })
  ;({ bibliotek: library, anna } = network.accounts)
  ;({ credentials } = await adapter.connect({
    identifier: library.handle,
    appPassword: library.appPassword,
    service: network.pdsUrl,
  }))
  libraryPost = await library.agent.post({ text: 'Bokcirkeln startar i mars' })
  await network.settle()
})
afterAll(() => network?.close())

const rkey = (uri: string) => uri.split('/').pop()!

function replyTo(post: { uri: string; cid: string }, root = post) {
  return { root: { uri: root.uri, cid: root.cid }, parent: { uri: post.uri, cid: post.cid } }
}

function target(post: { uri: string; cid: string }, root = post) {
  return { uri: post.uri, cid: post.cid, rootUri: root.uri, rootCid: root.cid }
}

async function record(repo: string, collection: string, key: string) {
  try {
    const { data } = await library.agent.com.atproto.repo.getRecord({ repo, collection, rkey: key })
    return data.value as Record<string, unknown>
  } catch {
    return undefined
  }
}

describe('answering in a thread on Bluesky', () => {
  it('puts the answer under the reply it answers, in the library post’s thread, once', async () => {
    const question = await anna.agent.post({
      text: 'Får man vara med?',
      reply: replyTo(libraryPost),
    })
    await network.settle()
    const answer = {
      publicationId: crypto.randomUUID(),
      text: 'Ja, alla är välkomna!',
      images: [],
      replyTo: target(question, libraryPost),
    }
    const published = await adapter.publish(credentials, answer)
    const again = await adapter.publish(credentials, answer)
    expect(again).toEqual(published)
    expect(
      await adapter.lookup(credentials, {
        publicationId: answer.publicationId,
        text: answer.text,
        images: [],
      }),
    ).toEqual(published)
    await network.settle()

    const { data } = await library.agent.app.bsky.feed.getPostThread({ uri: libraryPost.uri })
    const thread = data.thread as unknown as {
      replies: {
        post: { uri: string }
        replies: { post: { uri: string; record: { reply: unknown } } }[]
      }[]
    }
    const under = thread.replies.find((r) => r.post.uri === question.uri)!
    expect(under.replies.map((r) => r.post.uri)).toEqual([published.remoteId])
    expect(under.replies[0]!.post.record.reply).toEqual({
      root: { uri: libraryPost.uri, cid: libraryPost.cid },
      parent: { uri: question.uri, cid: question.cid },
    })
  })

  it('refuses to answer where the author blocks the library, or the thread allows no replies', async () => {
    const blocker = await network.createAccount('blockerare')
    const blocked = await blocker.agent.post({ text: 'Mitt inlägg' })
    await blocker.agent.app.bsky.graph.block.create(
      { repo: blocker.did },
      { subject: library.did, createdAt: new Date().toISOString() },
    )
    const closed = await anna.agent.post({ text: 'Inga svar här' })
    await anna.agent.app.bsky.feed.threadgate.create(
      { repo: anna.did, rkey: rkey(closed.uri) },
      { post: closed.uri, allow: [], createdAt: new Date().toISOString() },
    )
    await network.settle()
    for (const post of [blocked, closed]) {
      const attempt = adapter.publish(credentials, {
        publicationId: crypto.randomUUID(),
        text: 'Svar',
        images: [],
        replyTo: target(post),
      })
      await expect(attempt).rejects.toMatchObject({ kind: 'permanent', code: 'reply_not_allowed' })
    }
  })
})

describe('moderating on Bluesky', () => {
  it('hides a reply in the threadgate, keeping who may reply, and shows it again', async () => {
    const rude = await anna.agent.post({ text: 'Tråkigt', reply: replyTo(libraryPost) })
    const request: ModerationRequest = {
      action: 'hide_reply',
      target: {
        remoteId: rude.uri,
        author: { remoteId: anna.did, handle: anna.handle, displayName: '', profileUrl: '' },
        rootRemoteId: libraryPost.uri,
        subjectRemoteId: libraryPost.uri,
      },
    }
    await adapter.interactions.moderate(credentials, request)
    await adapter.interactions.moderate(credentials, request)
    const gate = await record(library.did, 'app.bsky.feed.threadgate', rkey(libraryPost.uri))
    expect(gate).toMatchObject({ post: libraryPost.uri, hiddenReplies: [rude.uri] })
    expect(gate).not.toHaveProperty('allow') // anyone may still reply

    // A gate the library set itself in the app keeps its rules.
    const other = await library.agent.post({ text: 'Bara följare får svara' })
    await library.agent.app.bsky.feed.threadgate.create(
      { repo: library.did, rkey: rkey(other.uri) },
      {
        post: other.uri,
        allow: [{ $type: 'app.bsky.feed.threadgate#followingRule' }],
        createdAt: new Date().toISOString(),
      },
    )
    const onOther = {
      ...request,
      target: { ...request.target, remoteId: `${other.uri}x`, rootRemoteId: other.uri },
    }
    await adapter.interactions.moderate(credentials, onOther)
    expect(await record(library.did, 'app.bsky.feed.threadgate', rkey(other.uri))).toMatchObject({
      allow: [{ $type: 'app.bsky.feed.threadgate#followingRule' }],
      hiddenReplies: [`${other.uri}x`],
    })

    await adapter.interactions.undoModeration!(credentials, request)
    await adapter.interactions.undoModeration!(credentials, request)
    expect(
      await record(library.did, 'app.bsky.feed.threadgate', rkey(libraryPost.uri)),
    ).toBeUndefined()
    await network.settle()
    const { data } = await library.agent.app.bsky.feed.getPostThread({ uri: libraryPost.uri })
    expect(JSON.stringify(data.thread)).toContain(rude.uri)
  })

  it('detaches a quote in the postgate and attaches it again', async () => {
    const quote = await anna.agent.post({
      text: 'Titta här',
      embed: { $type: 'app.bsky.embed.record', record: libraryPost },
    })
    const request: ModerationRequest = {
      action: 'detach_quote',
      target: {
        remoteId: quote.uri,
        author: { remoteId: anna.did, handle: anna.handle, displayName: '', profileUrl: '' },
        subjectRemoteId: libraryPost.uri,
      },
    }
    await adapter.interactions.moderate(credentials, request)
    await adapter.interactions.moderate(credentials, request)
    expect(
      await record(library.did, 'app.bsky.feed.postgate', rkey(libraryPost.uri)),
    ).toMatchObject({
      post: libraryPost.uri,
      detachedEmbeddingUris: [quote.uri],
    })
    await adapter.interactions.undoModeration!(credentials, request)
    expect(
      await record(library.did, 'app.bsky.feed.postgate', rkey(libraryPost.uri)),
    ).toBeUndefined()
  })

  it('blocks an account the AppView has no profile of (not indexed yet, or gone)', async () => {
    const unknown = 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa'
    const request: ModerationRequest = {
      action: 'block',
      target: {
        remoteId: `at://${unknown}/app.bsky.feed.post/x`,
        author: { remoteId: unknown, handle: 'okand.test', displayName: '', profileUrl: '' },
      },
    }
    await adapter.interactions.moderate(credentials, request)
    const blocks = await library.agent.com.atproto.repo.listRecords({
      repo: library.did,
      collection: 'app.bsky.graph.block',
    })
    expect(
      blocks.data.records.filter((r) => (r.value as { subject?: string }).subject === unknown),
    ).toHaveLength(1)
  })

  it('blocks and mutes an account once each, and undoes both', async () => {
    const troll = await network.createAccount('trollet')
    const request = (action: 'block' | 'mute'): ModerationRequest => ({
      action,
      target: {
        remoteId: `at://${troll.did}/app.bsky.feed.post/x`,
        author: { remoteId: troll.did, handle: troll.handle, displayName: '', profileUrl: '' },
      },
    })
    const blocks = async () =>
      (
        await library.agent.com.atproto.repo.listRecords({
          repo: library.did,
          collection: 'app.bsky.graph.block',
        })
      ).data.records.filter((r) => (r.value as { subject?: string }).subject === troll.did)
    await adapter.interactions.moderate(credentials, request('block'))
    await network.settle()
    await adapter.interactions.moderate(credentials, request('block'))
    await adapter.interactions.moderate(credentials, request('mute'))
    await adapter.interactions.moderate(credentials, request('mute'))
    await network.settle()
    expect(await blocks()).toHaveLength(1)
    const viewer = async () =>
      (await library.agent.app.bsky.actor.getProfile({ actor: troll.did })).data.viewer
    expect(await viewer()).toMatchObject({ muted: true, blocking: expect.any(String) })

    await adapter.interactions.undoModeration!(credentials, request('block'))
    await adapter.interactions.undoModeration!(credentials, request('mute'))
    await network.settle()
    expect(await blocks()).toHaveLength(0)
    expect(await viewer()).toMatchObject({ muted: false })
    expect((await viewer())?.blocking).toBeUndefined()
  })
})
