import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OutgoingPost } from '../channels/channel-adapter.js'
import {
  authorizeUrl,
  createMastodonAdapter,
  idempotencyKey,
  MASTODON_SCOPES,
  registerApp,
} from './mastodon-adapter.js'
import { loopbackClient } from '../../test/outbound.js'
import {
  fixture,
  OAUTH_CODE,
  PASTED_TOKEN,
  startFakeMastodon,
  type FakeMastodon,
} from './testing/fake-mastodon.js'

const ACCOUNT_ID = '109876543210987654'
const REDIRECT = 'https://torget.example/oauth/mastodon/callback'
// A 1×1 PNG.
const PNG = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
)

let fake: FakeMastodon
let adapter: ReturnType<typeof createMastodonAdapter>
const credentials = () => ({
  instanceUrl: fake.url,
  accessToken: PASTED_TOKEN,
  accountId: ACCOUNT_ID,
})

beforeEach(async () => {
  fake = await startFakeMastodon()
  adapter = createMastodonAdapter({
    fetch: loopbackClient(),
    timeoutMs: 2_000,
    media: { pollIntervalMs: 5 },
  })
})
afterEach(() => fake.close())

describe('connect', () => {
  it('signs in with a pasted token and reads the instance limits', async () => {
    const connected = await adapter.connect({
      instanceUrl: `${fake.url}/@stadsbiblioteket`,
      accessToken: PASTED_TOKEN,
    })
    expect(connected.account).toEqual({
      remoteId: ACCOUNT_ID,
      handle: '@stadsbiblioteket@social.example',
      displayName: 'Stadsbiblioteket',
      profileUrl: 'https://social.example/@stadsbiblioteket',
    })
    expect(connected.credentials).toEqual({
      instanceUrl: fake.url,
      accessToken: PASTED_TOKEN,
      accountId: ACCOUNT_ID,
    })
    expect(connected.limits).toEqual({
      maxCharacters: 1000,
      counting: 'mastodon',
      charactersReservedPerUrl: 23,
      maxImages: 4,
      maxImageBytes: 16_777_216,
      maxAltTextCharacters: 1500,
    })
    const [verify] = fake.find('GET', '/api/v1/accounts/verify_credentials')
    expect(verify?.headers.authorization).toBe(`Bearer ${PASTED_TOKEN}`)
  })

  it("falls back to Mastodon's defaults for limits an instance does not report", async () => {
    const instance = fixture<{ configuration: Record<string, unknown> }>('instance-v2')
    delete instance.configuration.media_attachments
    fake.override('GET', /^\/api\/v2\/instance$/, { status: 200, json: instance })
    const { limits } = await adapter.verify(credentials())
    expect(limits).toMatchObject({ maxCharacters: 1000, maxImageBytes: 16 * 1024 * 1024 })
    expect(limits.maxAltTextCharacters).toBe(1500)
  })

  it('registers the app, builds the authorize URL and exchanges the code', async () => {
    const app = await registerApp(`${fake.url}/`, REDIRECT, { fetch: loopbackClient() })
    const [apps] = fake.find('POST', '/api/v1/apps')
    expect(apps?.form?.get('redirect_uris')).toBe(REDIRECT)
    expect(apps?.form?.get('scopes')).toBe(
      'read:accounts read:statuses read:notifications write:statuses write:media write:blocks write:mutes',
    )

    const url = new URL(authorizeUrl({ ...app, redirectUri: REDIRECT, state: 'st4te' }))
    expect(url.origin + url.pathname).toBe(`${fake.url}/oauth/authorize`)
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: app.clientId,
      redirect_uri: REDIRECT,
      scope: MASTODON_SCOPES,
      state: 'st4te',
      force_login: 'true',
    })

    const connected = await adapter.connect({
      instanceUrl: fake.url,
      code: OAUTH_CODE,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      redirectUri: REDIRECT,
    })
    const [token] = fake.find('POST', '/oauth/token')
    expect(token?.form?.get('grant_type')).toBe('authorization_code')
    expect(token?.form?.get('redirect_uri')).toBe(REDIRECT)
    expect(connected.credentials.accessToken).toBe(fixture('token').access_token)
    expect(connected.credentials.accountId).toBe(ACCOUNT_ID)
  })

  it('refuses a code Mastodon does not accept', async () => {
    const app = await registerApp(fake.url, REDIRECT, { fetch: loopbackClient() })
    await expect(
      adapter.connect({
        instanceUrl: fake.url,
        code: 'used-already',
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        redirectUri: REDIRECT,
      }),
    ).rejects.toMatchObject({ kind: 'permanent', code: 'auth_failed' })
  })
})

const post: OutgoingPost = {
  publicationId: 'pub-1',
  text: 'Sagostund på lördag kl. 11 för barn 3–6 år & deras vuxna!',
  language: 'sv-SE',
  images: [{ data: PNG, mimeType: 'image/png', alt: 'Barn som lyssnar', width: 1, height: 1 }],
}

describe('publish', () => {
  it('uploads the image with its alt text, waits for processing and posts JSON with the key', async () => {
    const result = await adapter.publish(credentials(), post)

    const [upload] = fake.find('POST', '/api/v2/media')
    expect(upload?.form?.get('description')).toBe('Barn som lyssnar')
    const file = upload?.form?.get('file') as File
    expect(file.type).toBe('image/png')
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG)
    // 202 from the upload, then 206 while processing, then 200 with a url.
    expect(fake.find('GET', /^\/api\/v1\/media\//)).toHaveLength(2)

    const [status] = fake.find('POST', '/api/v1/statuses')
    expect(status?.headers['idempotency-key']).toBe(idempotencyKey('pub-1'))
    expect(status?.headers['content-type']).toBe('application/json')
    expect(status?.json).toEqual({
      status: post.text,
      visibility: 'public',
      media_ids: [fake.requests[1]?.path.split('/').pop()],
      language: 'sv',
    })
    expect(result.remoteId).toMatch(/^\d+$/)
    expect(result.url).toBe(`https://social.example/@stadsbiblioteket/${result.remoteId}`)
  })

  it("sends the post's language, and no media_ids without images", async () => {
    await adapter.publish(credentials(), {
      publicationId: 'pub-ar',
      text: 'مرحبا بكم في المكتبة',
      language: 'ar',
      images: [],
    })
    const [status] = fake.find('POST', '/api/v1/statuses')
    expect(status?.json).toEqual({
      status: 'مرحبا بكم في المكتبة',
      visibility: 'public',
      language: 'ar',
    })
  })

  it('never takes a status without its images: deletes it again and fails for a person to see', async () => {
    // A server that does not read media_ids answers 200 with the text alone.
    fake.override('POST', /^\/api\/v1\/statuses$/, {
      status: 200,
      json: { ...fixture('status'), id: '113456789077777777', media_attachments: [] },
    })
    await expect(adapter.publish(credentials(), post)).rejects.toMatchObject({
      kind: 'permanent',
      code: 'media_dropped',
      message: expect.stringContaining('with 0 of its 1 images'),
    })
    const [removed] = fake.find('DELETE', '/api/v1/statuses/113456789077777777')
    expect(removed?.query.get('delete_media')).toBe('true')
  })

  it('calls the outcome unknown when the incomplete status cannot be deleted, so it is seen to again', async () => {
    fake.override('POST', /^\/api\/v1\/statuses$/, {
      status: 200,
      json: { ...fixture('status'), id: '113456789077777778', media_attachments: [] },
    })
    fake.override('DELETE', /^\/api\/v1\/statuses\//, { status: 503, json: fixture('error-503') })
    await expect(adapter.publish(credentials(), post)).rejects.toMatchObject({
      kind: 'unknown',
      code: 'media_dropped',
    })
  })

  it('takes the first status back when the key is sent again after a restart, though the images were uploaded anew', async () => {
    const first = await adapter.publish(credentials(), post)
    const restarted = createMastodonAdapter({
      fetch: loopbackClient(),
      timeoutMs: 2_000,
      media: { pollIntervalMs: 5 },
    })
    const again = await restarted.publish(credentials(), post)
    expect(again).toEqual(first)
    const uploads = fake.find('POST', '/api/v2/media')
    expect(uploads).toHaveLength(2)
  })

  it('sends the same key again for the same publication and gets the same status', async () => {
    const first = await adapter.publish(credentials(), post)
    const second = await adapter.publish(credentials(), post)
    expect(second).toEqual(first)
    const keys = fake.find('POST', '/api/v1/statuses').map((r) => r.headers['idempotency-key'])
    expect(keys).toEqual(['torget-pub-1', 'torget-pub-1'])
    // The retry reuses the uploaded media instead of spending the upload budget.
    expect(fake.find('POST', '/api/v2/media')).toHaveLength(1)
  })

  it('retries after a transient failure with the same key and the same media', async () => {
    fake.override('POST', /^\/api\/v1\/statuses$/, { status: 503, json: fixture('error-503') })
    await expect(adapter.publish(credentials(), post)).rejects.toMatchObject({
      kind: 'transient',
      code: 'server_error',
    })
    const result = await adapter.publish(credentials(), post)
    const statuses = fake.find('POST', '/api/v1/statuses')
    expect(statuses.map((r) => r.headers['idempotency-key'])).toEqual([
      'torget-pub-1',
      'torget-pub-1',
    ])
    expect(statuses[1]?.form?.getAll('media_ids[]')).toEqual(
      statuses[0]?.form?.getAll('media_ids[]'),
    )
    expect(result.remoteId).toMatch(/^\d+$/)
  })

  it('gives up waiting for media that never finishes processing, having posted nothing', async () => {
    const slow = createMastodonAdapter({
      fetch: loopbackClient(),
      media: { pollIntervalMs: 5, pollMaxWaitMs: 30 },
    })
    fake.override('GET', /^\/api\/v1\/media\//, { status: 206, text: '' }, 100)
    await expect(slow.publish(credentials(), post)).rejects.toMatchObject({
      kind: 'transient',
      code: 'timeout',
    })
    expect(fake.find('POST', '/api/v1/statuses')).toHaveLength(0)
  })

  it('stops on an image Mastodon rejects', async () => {
    fake.override('POST', /^\/api\/v2\/media$/, { status: 422, json: fixture('error-422-media') })
    await expect(adapter.publish(credentials(), post)).rejects.toMatchObject({
      kind: 'permanent',
      code: 'media_rejected',
    })
    expect(fake.find('POST', '/api/v1/statuses')).toHaveLength(0)
  })
})

describe('lookup', () => {
  const boktips =
    'Boktips: "Mumintrollet" – läs mer på https://bibliotek.example/boktips/mumin\n\nHälsningar,\nBarnavdelningen #lästips'

  it("finds the publication's status among the account's recent ones by its text", async () => {
    const found = await adapter.lookup(credentials(), {
      publicationId: 'pub-9',
      text: boktips,
      images: [],
    })
    expect(found).toEqual({
      remoteId: '113456789100000003',
      url: 'https://social.example/@stadsbiblioteket/113456789100000003',
    })
    const [list] = fake.find('GET', `/api/v1/accounts/${ACCOUNT_ID}/statuses`)
    expect(list?.query.get('limit')).toBe('40')
  })

  it('answers undefined when no recent status has the text', async () => {
    const found = await adapter.lookup(credentials(), {
      publicationId: 'pub-9',
      text: 'Sommarläsning för barn startar i juni',
      images: [],
    })
    expect(found).toBeUndefined()
  })

  it('never answers a status recorded for another publication, nor one with other images', async () => {
    const query = { publicationId: 'pub-9', text: boktips, images: [] }
    expect(
      await adapter.lookup(credentials(), { ...query, taken: new Set(['113456789100000003']) }),
    ).toBeUndefined()
    expect(
      await adapter.lookup(credentials(), { ...query, images: [{ alt: 'Mumintrollet' }] }),
    ).toBeUndefined()
  })

  it('finds a status by the media this process uploaded, whatever the server made of the text', async () => {
    // A server that renders the text its own way and keeps no descriptions: only the ids tell.
    let made: Record<string, unknown> | undefined
    fake.override('POST', /^\/api\/v1\/statuses$/, (req) => {
      const ids = (req.json as { media_ids: string[] }).media_ids
      made = {
        ...fixture('status'),
        id: '113456789088888888',
        created_at: new Date().toISOString(),
        content: '<p>Sagostund på <strong>lördag</strong></p>',
        media_attachments: ids.map((id) => ({ ...fixture('media'), id, description: null })),
      }
      return { status: 200, json: made }
    })
    const published = await adapter.publish(credentials(), post)
    fake.override('GET', /\/statuses$/, () => ({ status: 200, json: [made] }))
    expect(await adapter.lookup(credentials(), post)).toEqual(published)
    const stranger = createMastodonAdapter({ fetch: loopbackClient(), timeoutMs: 2_000 })
    fake.override('GET', /\/statuses$/, () => ({ status: 200, json: [made] }))
    expect(await stranger.lookup(credentials(), post)).toBeUndefined()
  })
})

describe('delete', () => {
  it('deletes a status, and a status already gone is not an error', async () => {
    const published = {
      remoteId: '113456789100000002',
      url: 'https://social.example/@stadsbiblioteket/113456789100000002',
    }
    await adapter.delete(credentials(), published)
    await adapter.delete(credentials(), published)
    const deletes = fake.find('DELETE', '/api/v1/statuses/113456789100000002')
    expect(deletes).toHaveLength(2)
    expect(deletes[0]?.query.get('delete_media')).toBe('true')
  })
})
