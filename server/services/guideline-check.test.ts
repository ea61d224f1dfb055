import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '../../core/guidelines/policy.js'
import { availableDialects } from '../test/databases.js'
import { type TestApp, type TestClient, createTestApp, setUpFirstLibrary } from '../test/harness.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'
import { blockingFindings } from './guideline-check.js'

// Made up, with a correct check digit: the kind of number a patron's message might contain.
const PERSONNUMMER = '870315-2382'

describe.each(await availableDialects())('the guideline re-check on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let libraryId: string
  let channelId: string
  const net = loopbackNetwork()
  const base = () => `/api/v1/libraries/${libraryId}`

  beforeAll(async () => {
    app = await createTestApp(dialect, {}, { adapters: { bluesky: net.adapter } })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    const channel = await admin.post(`${base()}/channels/bluesky`, {
      identifier: 'stadsbiblioteket.test',
      appPassword: 'abcd-efgh-ijkl',
    })
    channelId = channel.body.id
  })
  afterAll(async () => app?.close())

  const schedule = (post: { id: string; version: number }) =>
    admin.post(`${base()}/posts/${post.id}/schedule`, {
      at: new Date(Date.now() + 3_600_000).toISOString(),
      version: post.version,
    })
  const get = async (id: string) => (await admin.get(`${base()}/posts/${id}`)).body

  it('refuses to schedule a post with a personnummer or an image without alt text, and keeps the draft as it was', async () => {
    const text = `Hittat: ett lånekort med nummer ${PERSONNUMMER}. Hämta det i informationsdisken.`
    const created = await admin.post(`${base()}/posts`, { text, channelIds: [channelId] })
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a6' } })
      .png()
      .toBuffer()
    const draft = (
      await admin.upload(`${base()}/posts/${created.body.id}/images`, png, 'image/png')
    ).body
    const before = await get(draft.id)

    const noAlt = await schedule(draft)
    expect(noAlt.status).toBe(400)
    expect(noAlt.body.error.message).toMatch(/alt-text/)

    const withAlt = await admin.patch(`${base()}/posts/${draft.id}/images/${draft.images[0].id}`, {
      alt: 'Ett blått lånekort på en disk',
    })
    const blocked = await schedule(withAlt.body)
    expect(blocked.status).toBe(400)
    expect(blocked.body.error).toMatchObject({
      code: 'post_blocked_by_policy',
      message: expect.stringContaining('Bibliotekets riktlinjer stoppar inlägget'),
      details: [
        {
          path: 'guidelines.personal-data.personnummer',
          message: 'Texten innehåller ett personnummer',
        },
      ],
    })
    admin.locale = 'en'
    const inEnglish = await schedule(withAlt.body)
    admin.locale = 'sv'
    expect(inEnglish.body.error.message).toContain("The library's guidelines stop this post")
    expect(inEnglish.body.error.details[0].message).toBe(
      'The text contains a personal identity number',
    )

    const after = await get(draft.id)
    expect(after).toMatchObject({
      text,
      state: 'draft',
      scheduledAt: null,
      version: withAlt.body.version,
      images: [{ alt: 'Ett blått lånekort på en disk' }],
    })
    expect(after.publications).toEqual(before.publications)
    expect(net.posts.size).toBe(0)

    const fixed = await admin.patch(`${base()}/posts/${draft.id}`, {
      version: after.version,
      text: 'Hittat: ett blått lånekort. Hämta det i informationsdisken.',
    })
    const scheduled = await schedule(fixed.body)
    expect(scheduled.status).toBe(200)
    expect(scheduled.body.state).toBe('scheduled')
  })

  it('checks a channel’s own text too', async () => {
    const created = await admin.post(`${base()}/posts`, {
      text: 'Välkommen på sagostund!',
      variants: { [channelId]: `Välkommen! Frågor till Sara, ${PERSONNUMMER}.` },
      channelIds: [channelId],
    })
    const blocked = await schedule(created.body)
    expect(blocked.body.error.code).toBe('post_blocked_by_policy')
    expect((await get(created.body.id)).state).toBe('draft')
  })
})

describe('blocking findings', () => {
  const channel = {
    id: 'c1',
    network: 'bluesky',
    limits: JSON.stringify({
      maxCharacters: 300,
      maxBytes: 3000,
      counting: 'graphemes',
      maxImages: 4,
      maxImageBytes: 1_000_000,
      maxAltTextCharacters: 2000,
    }),
  }

  it('lists each problem once, in both languages, and nothing a style rule only warns about', () => {
    const found = blockingFindings(
      DEFAULT_POLICY,
      {
        text: `Ring Sara, ${PERSONNUMMER}! 😀😀😀😀😀 #sommarlov`,
        variants: { c2: `Samma nummer: ${PERSONNUMMER}` },
        images: [{ alt: '' }],
      },
      [channel, { ...channel, id: 'c2' }],
    )
    expect(found).toEqual([
      {
        path: 'guidelines.personal-data.personnummer',
        message: {
          sv: 'Texten innehåller ett personnummer',
          en: 'The text contains a personal identity number',
        },
      },
      {
        path: 'guidelines.image-alt.missing.images.0',
        message: { sv: 'Bild 1 saknar alt-text', en: 'Image 1 has no alt text' },
      },
    ])
  })

  it('holds the text to each channel’s own limits', () => {
    const found = blockingFindings(
      DEFAULT_POLICY,
      { text: 'Läs! '.repeat(70), variants: {}, images: [] },
      [channel],
    )
    expect(found.map((f) => f.path)).toEqual(['guidelines.length.over.bluesky'])
  })
})
