import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableDialects } from '../test/databases.js'
import { type MetaApp, startMetaApp } from '../test/meta.js'

/*
 * Instagram takes images from 4:5 (portrait) to 1.91:1 (landscape). Torget refuses
 * to schedule anything else, and offers to pad or crop the image to the nearest
 * shape it takes; here through the real Torget against the stand-in Graph API.
 */
const SCOPES = ['pages_show_list', 'pages_manage_posts', 'instagram_content_publish']

async function pixel(data: Buffer, x: number, y: number) {
  const { data: raw, info } = await sharp(data).raw().toBuffer({ resolveWithObject: true })
  const at = (y * info.width + x) * info.channels
  return [raw[at]!, raw[at + 1]!, raw[at + 2]!]
}

describe.each(await availableDialects())('fitting an image to Instagram on %s', (dialect) => {
  let meta: MetaApp
  let instagramId: string
  const base = () => `/api/v1/libraries/${meta.libraryId}`
  const blue = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: '#2b6cb0' } })
      .jpeg()
      .toBuffer()

  beforeAll(async () => {
    meta = await startMetaApp(dialect, { scopes: SCOPES })
    await meta.connect('facebook')
    instagramId = (await meta.channels()).instagram!.id
  })
  afterAll(async () => {
    await meta?.close()
  })

  async function draftWith(width: number, height: number, alt: string) {
    const { admin } = meta
    let post = (await admin.post(`${base()}/posts`, { text: 'Läslov!', channelIds: [instagramId] }))
      .body
    post = (
      await admin.upload(
        `${base()}/posts/${post.id}/images`,
        await blue(width, height),
        'image/jpeg',
      )
    ).body
    post = (await admin.patch(`${base()}/posts/${post.id}/images/${post.images[0].id}`, { alt }))
      .body
    return post
  }
  const schedule = (post: { id: string; version: number }) =>
    meta.admin.post(`${base()}/posts/${post.id}/schedule`, {
      at: new Date().toISOString(),
      version: post.version,
    })
  const file = async (postId: string, imageId: string) =>
    Buffer.from(
      await (
        await meta.admin.send('GET', `${base()}/posts/${postId}/images/${imageId}`)
      ).arrayBuffer(),
    )

  it('pads a too tall image with white edges to 4:5, keeping its alt text, and it can then be scheduled', async () => {
    const post = await draftWith(50, 100, 'En smal affisch')
    expect((await schedule(post)).body.error.code).toBe('image_aspect_ratio')
    const old = post.images[0].id
    const padded = await meta.admin.post(`${base()}/posts/${post.id}/images/${old}/reshape`, {
      mode: 'pad_white',
    })
    expect(padded.status).toBe(200)
    const [image] = padded.body.images
    expect(image).toMatchObject({ width: 80, height: 100, alt: 'En smal affisch' })
    expect(image.id).not.toBe(old)
    const data = await file(post.id, image.id)
    // JPEG: white within a step or two.
    expect(Math.min(...(await pixel(data, 0, 50)))).toBeGreaterThan(250)
    const middle = await pixel(data, 40, 50)
    expect(middle[2]).toBeGreaterThan(middle[0]! + 50)
    expect((await schedule(padded.body)).status).toBe(200)
  })

  it('pads with a blurred copy of the image, or crops a too wide image at its centre to 1.91:1', async () => {
    const tall = await draftWith(40, 100, 'Ett bokomslag')
    const blurred = await meta.admin.post(
      `${base()}/posts/${tall.id}/images/${tall.images[0].id}/reshape`,
      { mode: 'pad_blur' },
    )
    expect(blurred.body.images[0]).toMatchObject({ width: 80, height: 100, alt: 'Ett bokomslag' })
    // The edges are the image's own colour, not white.
    const edge = await pixel(await file(tall.id, blurred.body.images[0].id), 2, 50)
    expect(edge[2]).toBeGreaterThan(edge[0]! + 50)

    const wide = await draftWith(300, 100, 'Panorama över läsesalen')
    const cropped = await meta.admin.post(
      `${base()}/posts/${wide.id}/images/${wide.images[0].id}/reshape`,
      { mode: 'crop' },
    )
    expect(cropped.body.images[0]).toMatchObject({
      width: 191,
      height: 100,
      alt: 'Panorama över läsesalen',
    })
    expect((await schedule(cropped.body)).status).toBe(200)
  })

  it('says so when the image already has a shape Instagram takes', async () => {
    const square = await draftWith(100, 100, 'Fyrkant')
    const refused = await meta.admin.post(
      `${base()}/posts/${square.id}/images/${square.images[0].id}/reshape`,
      { mode: 'crop' },
    )
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('image_shape_fits')
    const bad = await meta.admin.post(
      `${base()}/posts/${square.id}/images/${square.images[0].id}/reshape`,
      { mode: 'stretch' },
    )
    expect(bad.status).toBe(400)
  })
})
