import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOOPBACK_RANGES } from '../../test/outbound.js'
import { receivedMediaCopier } from './received-media.js'

const PHOTO = Buffer.from('a photo, as far as this test is concerned')
let server: http.Server
let base: string
let flaky = 0

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/photo.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(PHOTO)
    else if (req.url === '/playlist.m3u8')
      res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end('#EXTM3U\n')
    else if (req.url === '/big.jpg')
      res.writeHead(200, { 'content-type': 'image/jpeg' }).end(Buffer.alloc(4096))
    else if (req.url === '/flaky.jpg' && flaky++ < 1) res.writeHead(503).end()
    else if (req.url === '/flaky.jpg')
      res.writeHead(200, { 'content-type': 'image/jpeg' }).end(PHOTO)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

const copier = (maxBytes?: number) =>
  receivedMediaCopier({ allowPrivate: LOOPBACK_RANGES, retryDelayMs: 1, maxBytes })

describe('copying what people attach to their replies', () => {
  it('copies a photo with its type and hash', async () => {
    const copy = await copier()({ kind: 'image', url: `${base}/photo.jpg`, alt: '' })
    expect(copy).toEqual({
      ok: true,
      data: PHOTO,
      mimeType: 'image/jpeg',
      sha256: createHash('sha256').update(PHOTO).digest('hex'),
    })
  })

  it('tries a server that fails for a moment again', async () => {
    const copy = await copier()({ kind: 'image', url: `${base}/flaky.jpg`, alt: '' })
    expect(copy).toMatchObject({ ok: true, data: PHOTO })
  })

  it('says why a file is missing: gone, not a file, too large, or an address not allowed', async () => {
    const copy = copier(1024)
    expect(await copy({ kind: 'image', url: `${base}/gone.jpg`, alt: '' })).toEqual({
      ok: false,
      reason: 'unreachable',
    })
    expect(await copy({ kind: 'video', url: `${base}/playlist.m3u8`, alt: '' })).toEqual({
      ok: false,
      reason: 'not_a_file',
    })
    expect(await copy({ kind: 'image', url: `${base}/big.jpg`, alt: '' })).toEqual({
      ok: false,
      reason: 'too_large',
    })
    expect(
      await receivedMediaCopier({ retryDelayMs: 1 })({
        kind: 'image',
        url: `${base}/photo.jpg`,
        alt: '',
      }),
    ).toEqual({ ok: false, reason: 'refused' })
  })
})
