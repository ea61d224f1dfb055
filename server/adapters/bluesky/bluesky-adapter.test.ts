import http from 'node:http'
import type { AddressInfo } from 'node:net'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countGraphemes } from '../../../core/composer/count.js'
import { BLUESKY_LIMITS } from '../../../core/composer/limits.js'
import { startBlueskyNetwork, type BlueskyNetwork } from '../../test/bluesky.js'
import type { ChannelCredentials } from '../channels/channel-adapter.js'
import { BlueskyAdapter } from './bluesky-adapter.js'
import { loopbackClient } from '../../test/outbound.js'
import { recordKeyFor } from './record-key.js'

let network: BlueskyNetwork
let credentials: ChannelCredentials
const adapter = new BlueskyAdapter({ fetch: loopbackClient() })

beforeAll(async () => {
  network = await startBlueskyNetwork()
  const { bibliotek } = network.accounts
  ;({ credentials } = await adapter.connect({
    identifier: bibliotek.handle,
    appPassword: bibliotek.appPassword,
    service: network.pdsUrl,
  }))
})
afterAll(() => network?.close())

function readRecord(repo: string, rkey: string) {
  return network.accounts.bibliotek.agent.com.atproto.repo.getRecord({
    repo,
    collection: 'app.bsky.feed.post',
    rkey,
  })
}

function utf8Offset(text: string, part: string): { byteStart: number; byteEnd: number } {
  const start = Buffer.byteLength(text.slice(0, text.indexOf(part)))
  return { byteStart: start, byteEnd: start + Buffer.byteLength(part) }
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = http.createServer().listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('connecting a Bluesky account', () => {
  it('signs in with a handle and an app password and returns the account', async () => {
    const { bibliotek } = network.accounts
    const connected = await adapter.connect({
      identifier: `@${bibliotek.handle}`,
      appPassword: bibliotek.appPassword,
      service: network.pdsUrl,
    })
    expect(connected.account).toEqual({
      remoteId: bibliotek.did,
      handle: 'bibliotek.test',
      displayName: 'Stadsbiblioteket',
      profileUrl: 'https://bsky.app/profile/bibliotek.test',
    })
    expect(connected.limits).toEqual(BLUESKY_LIMITS)
    expect(connected.credentials).toMatchObject({
      service: network.pdsUrl,
      identifier: 'bibliotek.test',
      appPassword: bibliotek.appPassword,
      did: bibliotek.did,
    })
    expect(connected.credentials.accessJwt).toBeTruthy()
    expect(connected.credentials.refreshJwt).toBeTruthy()
  })

  it('signs in with an email address; without a display name the handle is shown', async () => {
    const { anna } = network.accounts
    const connected = await adapter.connect({
      identifier: anna.email,
      appPassword: anna.appPassword,
      service: network.pdsUrl,
    })
    expect(connected.account).toMatchObject({ remoteId: anna.did, displayName: 'anna.test' })
  })

  it('says plainly when the handle or app password is wrong', async () => {
    const attempt = adapter.connect({
      identifier: 'bibliotek.test',
      appPassword: 'aaaa-bbbb-cccc-dddd',
      service: network.pdsUrl,
    })
    await expect(attempt).rejects.toMatchObject({
      kind: 'permanent',
      code: 'auth_failed',
      message: expect.stringContaining('app password'),
    })
  })

  it('names the address when the server cannot be reached or is not a Bluesky server', async () => {
    const nowhere = `http://127.0.0.1:${await closedPort()}`
    const input = { identifier: 'bibliotek.test', appPassword: 'x' }
    await expect(adapter.connect({ ...input, service: nowhere })).rejects.toMatchObject({
      kind: 'permanent',
      code: 'network_unreachable',
      message: expect.stringContaining(nowhere),
    })
    const notBluesky = http.createServer((_, res) => res.writeHead(404).end('Not found'))
    await new Promise<void>((resolve) => notBluesky.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(notBluesky.address() as AddressInfo).port}`
    await expect(adapter.connect({ ...input, service: url })).rejects.toMatchObject({
      kind: 'permanent',
      code: 'bad_response',
      message: expect.stringContaining(url),
    })
    notBluesky.close()
  })
})

describe('publishing to Bluesky', () => {
  const text =
    'Sagostund på lördag! 🧚 Läs mer på https://bibliotek.example.se/sagostund. ' +
    'Tack @anna.test för tipset. #läsglädje'

  it('posts links, mentions and hashtags as facets with UTF-8 byte ranges, and images with alt text', async () => {
    const png = await sharp({
      create: { width: 64, height: 48, channels: 3, background: '#2b6cb0' },
    })
      .png()
      .toBuffer()
    const published = await adapter.publish(credentials, {
      publicationId: crypto.randomUUID(),
      text,
      language: 'sv',
      images: [
        {
          data: png,
          mimeType: 'image/png',
          alt: 'En blå ruta',
          width: 64,
          height: 48,
        },
      ],
    })
    const { bibliotek, anna } = network.accounts
    const rkey = published.remoteId.split('/').pop()!
    expect(published).toEqual({
      remoteId: `at://${bibliotek.did}/app.bsky.feed.post/${rkey}`,
      url: `https://bsky.app/profile/${bibliotek.did}/post/${rkey}`,
    })
    const { value } = (await readRecord(bibliotek.did, rkey)).data as any
    expect(value.text).toBe(text)
    expect(value.langs).toEqual(['sv'])
    const facet = (part: string, feature: object) =>
      expect.objectContaining({ index: utf8Offset(text, part), features: [feature] })
    expect(value.facets).toEqual([
      facet('https://bibliotek.example.se/sagostund', {
        $type: 'app.bsky.richtext.facet#link',
        uri: 'https://bibliotek.example.se/sagostund',
      }),
      facet('@anna.test', { $type: 'app.bsky.richtext.facet#mention', did: anna.did }),
      facet('#läsglädje', { $type: 'app.bsky.richtext.facet#tag', tag: 'läsglädje' }),
    ])
    expect(value.embed).toMatchObject({
      $type: 'app.bsky.embed.images',
      images: [
        {
          alt: 'En blå ruta',
          aspectRatio: { width: 64, height: 48 },
          image: expect.objectContaining({ mimeType: 'image/png', size: png.length }),
        },
      ],
    })
    const stored = await bibliotek.agent.com.atproto.sync.getBlob({
      did: bibliotek.did,
      cid: value.embed.images[0].image.ref.toString(),
    })
    expect(Buffer.from(stored.data).equals(png)).toBe(true)
  })

  it('gives a post without images a card for its link, and leaves unknown @handles as text', async () => {
    const published = await adapter.publish(credentials, {
      publicationId: crypto.randomUUID(),
      text: 'Hälsningar från @ingen.test, se https://www.bibliotek.example.se/oppettider',
      images: [],
    })
    const rkey = published.remoteId.split('/').pop()!
    const { value } = (await readRecord(network.accounts.bibliotek.did, rkey)).data as any
    expect(value.embed).toEqual({
      $type: 'app.bsky.embed.external',
      external: {
        uri: 'https://www.bibliotek.example.se/oppettider',
        title: 'bibliotek.example.se',
        description: '',
      },
    })
    expect(value.facets.map((f: any) => f.features[0].$type)).toEqual([
      'app.bsky.richtext.facet#link',
    ])
  })

  it('publishes once however often it is asked, finds the post, and deletes it once', async () => {
    const own = await network.createAccount('idempotent')
    const { credentials: ownCredentials } = await adapter.connect({
      identifier: own.handle,
      appPassword: own.appPassword,
      service: network.pdsUrl,
    })
    const post = { publicationId: crypto.randomUUID(), text, images: [] }
    const first = await adapter.publish(ownCredentials, post)
    const again = await adapter.publish(ownCredentials, post)
    expect(again).toEqual(first)
    expect(first.remoteId).toBe(
      `at://${own.did}/app.bsky.feed.post/${recordKeyFor(post.publicationId)}`,
    )
    const listed = await own.agent.com.atproto.repo.listRecords({
      repo: own.did,
      collection: 'app.bsky.feed.post',
    })
    expect(listed.data.records.map((r) => r.uri)).toEqual([first.remoteId])

    expect(await adapter.lookup(ownCredentials, post)).toEqual(first)
    const unknown = { publicationId: crypto.randomUUID(), text, images: [] }
    expect(await adapter.lookup(ownCredentials, unknown)).toBeUndefined()

    await adapter.delete(ownCredentials, first)
    await expect(readRecord(own.did, recordKeyFor(post.publicationId))).rejects.toMatchObject({
      error: 'RecordNotFound',
    })
    await adapter.delete(ownCredentials, first)
    expect(await adapter.lookup(ownCredentials, post)).toBeUndefined()
  })

  it("reads a post back only when it shows this publication's text and images", async () => {
    const own = await network.createAccount('readback')
    const { credentials: ownCredentials } = await adapter.connect({
      identifier: own.handle,
      appPassword: own.appPassword,
      service: network.pdsUrl,
    })
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer()
    const image = { data: png, mimeType: 'image/png' as const, alt: 'Skylt', width: 8, height: 8 }
    const post = { publicationId: crypto.randomUUID(), text: 'Öppet i helgen', images: [image] }
    const published = await adapter.publish(ownCredentials, post)
    expect(await adapter.lookup(ownCredentials, post)).toEqual(published)
    const refused = { kind: 'permanent', code: 'invalid_post' }
    await expect(adapter.lookup(ownCredentials, { ...post, images: [] })).rejects.toMatchObject(
      refused,
    )
    await expect(
      adapter.lookup(ownCredentials, { ...post, images: [{ alt: 'Annan bild' }] }),
    ).rejects.toMatchObject(refused)
    await expect(
      adapter.lookup(ownCredentials, { ...post, text: 'Stängt i helgen' }),
    ).rejects.toMatchObject(refused)

    // A record already under the key without the image is not taken as the post with it.
    const other = { publicationId: crypto.randomUUID(), text: 'Bokrea', images: [] }
    await own.agent.com.atproto.repo.createRecord({
      repo: own.did,
      collection: 'app.bsky.feed.post',
      rkey: recordKeyFor(other.publicationId),
      record: { $type: 'app.bsky.feed.post', text: 'Bokrea', createdAt: new Date().toISOString() },
    })
    await expect(
      adapter.publish(ownCredentials, { ...other, images: [image] }),
    ).rejects.toMatchObject(refused)
    expect(await adapter.publish(ownCredentials, other)).toMatchObject({
      remoteId: expect.stringContaining(recordKeyFor(other.publicationId)),
    })
  })

  it('counts Swedish text and emoji as Bluesky does: 300 graphemes pass, 301 are refused', async () => {
    const sentence =
      'Välkommen till biblioteket på Götgatan! Läs, lyssna och fika – åäö ÅÄÖ 🇸🇪📚👩‍👩‍👧🧚🏽. '
    const graphemes = [
      ...new Intl.Segmenter('sv', { granularity: 'grapheme' }).segment(sentence.repeat(5)),
    ]
    const longest = graphemes
      .slice(0, 300)
      .map((s) => s.segment)
      .join('')
    expect(countGraphemes(longest)).toBe(300)
    expect(longest.length).toBeGreaterThan(300) // UTF-16 units: more than graphemes

    const accepted = await adapter.publish(credentials, {
      publicationId: crypto.randomUUID(),
      text: longest,
      images: [],
    })
    expect(accepted.remoteId).toMatch(/^at:\/\//)
    const refused = adapter.publish(credentials, {
      publicationId: crypto.randomUUID(),
      text: `${longest}ö`,
      images: [],
    })
    await expect(refused).rejects.toMatchObject({ kind: 'permanent', code: 'text_too_long' })
  })
})
