import zlib from 'node:zlib'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { fitToBytes, processUpload } from './images.js'

async function photo(
  width: number,
  height: number,
  options: { orientation?: number; gps?: boolean } = {},
) {
  const noise = Buffer.alloc(width * height * 3)
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251
  let img = sharp(noise, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 })
  if (options.orientation || options.gps) {
    img = img.withMetadata({
      ...(options.orientation && { orientation: options.orientation }),
      ...(options.gps && {
        exif: {
          IFD0: { Copyright: 'Kamera AB', Make: 'Kamera' },
          IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 20/1 0/1' },
        },
      }),
    })
  }
  return img.toBuffer()
}

describe('images for posts', () => {
  it('applies the orientation and strips EXIF and GPS', async () => {
    const input = await photo(400, 200, { orientation: 6, gps: true })
    expect((await sharp(input).metadata()).exif).toBeDefined()
    const out = await processUpload(input)
    const meta = await sharp(out.data).metadata()
    expect([out.width, out.height]).toEqual([200, 400])
    expect(meta.exif).toBeUndefined()
    expect(meta.orientation).toBeUndefined()
    expect(out.mimeType).toBe('image/jpeg')
  })

  it('refuses files that are not images, and files over 20 MB', async () => {
    await expect(processUpload(Buffer.from('%PDF-1.7 inte en bild'))).rejects.toMatchObject({
      code: 'image_invalid',
    })
    await expect(processUpload(Buffer.alloc(21 * 1024 * 1024))).rejects.toMatchObject({
      code: 'image_too_large',
    })
  })

  it('refuses a photo of more than 50 million pixels by its size, before decoding it', async () => {
    // A PNG whose header says 10,000 × 10,000; the pixels themselves are never read.
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
      const length = Buffer.alloc(4)
      length.writeUInt32BE(data.length)
      const crc = Buffer.alloc(4)
      crc.writeUInt32BE(zlib.crc32(body))
      return Buffer.concat([length, body, crc])
    }
    const header = Buffer.alloc(13)
    header.writeUInt32BE(10_000, 0)
    header.writeUInt32BE(10_000, 4)
    header.set([8, 2, 0, 0, 0], 8)
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', zlib.deflateSync(Buffer.alloc(64))),
      chunk('IEND', Buffer.alloc(0)),
    ])
    await expect(processUpload(png)).rejects.toMatchObject({ code: 'image_too_many_pixels' })
  })

  it('takes JPEG, PNG and WebP, and refuses other formats by name', async () => {
    const pixels = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
    expect((await processUpload(await pixels().jpeg().toBuffer())).mimeType).toBe('image/jpeg')
    expect((await processUpload(await pixels().png().toBuffer())).mimeType).toBe('image/png')
    expect((await processUpload(await pixels().webp().toBuffer())).mimeType).toBe('image/jpeg')
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>',
    )
    // What an iPhone saves: an ISO media file that names itself HEIC.
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from('ftypheic\0\0\0\0mif1heic'),
      Buffer.alloc(64),
    ])
    const refused = {
      gif: await pixels().gif().toBuffer(),
      tiff: await pixels().tiff().toBuffer(),
      avif: await pixels().avif().toBuffer(),
      svg,
      heic,
    }
    for (const [format, bytes] of Object.entries(refused)) {
      await expect(processUpload(bytes), format).rejects.toMatchObject({
        code: 'image_format_refused',
      })
    }
  })

  it('shrinks a large photo under the Bluesky limit of 1 MB', async () => {
    const big = await processUpload(await photo(3000, 2000))
    expect(big.data.length).toBeGreaterThan(1_000_000)
    const fitted = await fitToBytes(big, 1_000_000)
    expect(fitted.data.length).toBeLessThanOrEqual(1_000_000)
    expect(fitted.width / fitted.height).toBeCloseTo(1.5, 1)
  })
})
