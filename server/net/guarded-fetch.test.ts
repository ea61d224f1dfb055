import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { guardedFetch, GuardedFetchError, type GuardedFetchOptions } from './guarded-fetch.js'
import { blockedRange, isCidr } from './ip-ranges.js'
import { freePort } from '../test/listen.js'

const LOOPBACK = ['127.0.0.0/8']
const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n'

let server: http.Server
let base: string
const seen: http.IncomingHttpHeaders[] = []

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.headers)
    const url = new URL(req.url ?? '/', 'http://x')
    const etag = '"v1"'
    switch (url.pathname) {
      case '/feed.ics':
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { etag }).end()
          return
        }
        res
          .writeHead(200, {
            'content-type': 'text/calendar; charset=utf-8',
            etag,
            'last-modified': 'Tue, 03 Mar 2026 10:00:00 GMT',
          })
          .end(ICS)
        return
      case '/gzip':
        res
          .writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/calendar' })
          .end(zlib.gzipSync(ICS))
        return
      case '/redirect':
        res.writeHead(302, { location: url.searchParams.get('to') ?? '/feed.ics' }).end()
        return
      case '/loop':
        res.writeHead(301, { location: '/loop' }).end()
        return
      case '/missing':
        res.writeHead(404).end('not here')
        return
      case '/big':
        res.writeHead(200, { 'content-length': String(10_000) }).end('x'.repeat(10_000))
        return
      case '/big-chunked': {
        res.writeHead(200)
        const chunk = 'x'.repeat(1024)
        let sent = 0
        const timer = setInterval(() => {
          if (res.destroyed || sent++ > 1000) {
            clearInterval(timer)
            res.end()
          } else res.write(chunk)
        }, 1)
        return
      }
      case '/gzip-bomb':
        res
          .writeHead(200, { 'content-encoding': 'gzip' })
          .end(zlib.gzipSync(Buffer.alloc(2_000_000)))
        return
      case '/slow-headers':
        setTimeout(() => res.end('late'), 3_000).unref()
        return
      case '/slow-body': {
        res.writeHead(200)
        const timer = setInterval(() => {
          if (res.destroyed) clearInterval(timer)
          else res.write('x')
        }, 50)
        return
      }
      default:
        res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

async function failure(url: string, options: GuardedFetchOptions = {}) {
  try {
    await guardedFetch(url, options)
  } catch (error) {
    expect(error).toBeInstanceOf(GuardedFetchError)
    return error as GuardedFetchError
  }
  throw new Error(`${url} was fetched`)
}

describe('the guarded fetcher', () => {
  it('fetches a feed from an allowed address, with its validators', async () => {
    const result = await guardedFetch(`${base}/feed.ics`, { allowPrivate: LOOPBACK })
    expect(result).toMatchObject({
      kind: 'fetched',
      status: 200,
      contentType: 'text/calendar; charset=utf-8',
      etag: '"v1"',
      lastModified: 'Tue, 03 Mar 2026 10:00:00 GMT',
    })
    expect(result.kind === 'fetched' && result.body.toString()).toBe(ICS)
  })

  it('asks conditionally with the earlier validators and reports not-modified on 304', async () => {
    const result = await guardedFetch(`${base}/feed.ics`, {
      allowPrivate: LOOPBACK,
      previous: { etag: '"v1"', lastModified: 'Tue, 03 Mar 2026 10:00:00 GMT' },
    })
    expect(result).toEqual({
      kind: 'not-modified',
      url: `${base}/feed.ics`,
      etag: '"v1"',
      lastModified: 'Tue, 03 Mar 2026 10:00:00 GMT',
    })
    expect(seen.at(-1)).toMatchObject({
      'if-none-match': '"v1"',
      'if-modified-since': 'Tue, 03 Mar 2026 10:00:00 GMT',
    })
  })

  it('decompresses a gzip body', async () => {
    const result = await guardedFetch(`${base}/gzip`, { allowPrivate: LOOPBACK })
    expect(result.kind === 'fetched' && result.body.toString()).toBe(ICS)
  })

  it('follows redirects and reports the final URL', async () => {
    const result = await guardedFetch(`${base}/redirect?to=/feed.ics`, { allowPrivate: LOOPBACK })
    expect(result).toMatchObject({ kind: 'fetched', url: `${base}/feed.ics` })
  })

  it('refuses private, loopback and other non-public addresses by default', async () => {
    const port = (server.address() as AddressInfo).port
    for (const host of [
      '127.0.0.1',
      '10.1.2.3',
      '169.254.169.254',
      '[::1]',
      '[::ffff:127.0.0.1]',
      '0x7f000001',
      '2130706433',
      '0177.0.0.1',
      '127.1',
      'localhost',
      '[fd00::1]',
      '[fe80::1]',
      '100.64.0.1',
      '0.0.0.0',
      '[::]',
      '[64:ff9b::7f00:1]',
      '[2002:7f00:1::]',
    ]) {
      const error = await failure(`http://${host}:${port}/feed.ics`)
      expect(error.code, host).toBe('blocked_address')
    }
  })

  it('allows only the ranges it is told to allow', async () => {
    const port = (server.address() as AddressInfo).port
    const result = await guardedFetch(`http://localhost:${port}/feed.ics`, {
      allowPrivate: ['127.0.0.0/8', '::1'],
    })
    expect(result.kind).toBe('fetched')
    expect((await failure(`${base}/feed.ics`, { allowPrivate: ['10.0.0.0/8'] })).code).toBe(
      'blocked_address',
    )
  })

  it('re-checks every redirect hop: an allowed address cannot send it to a blocked one', async () => {
    for (const to of [
      'http://10.0.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      'http://[::ffff:10.0.0.1]/',
    ]) {
      const error = await failure(`${base}/redirect?to=${encodeURIComponent(to)}`, {
        allowPrivate: LOOPBACK,
      })
      expect(error.code, to).toBe('blocked_address')
      expect(error.details.url).toBe(new URL(to).href)
    }
    const scheme = await failure(
      `${base}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`,
      {
        allowPrivate: LOOPBACK,
      },
    )
    expect(scheme.code).toBe('invalid_url')
  })

  it('stops after five redirects', async () => {
    const error = await failure(`${base}/loop`, { allowPrivate: LOOPBACK })
    expect(error.code).toBe('too_many_redirects')
  })

  it('refuses what is not an http(s) URL', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/x', 'not a url', 'gopher://x']) {
      expect((await failure(url)).code, url).toBe('invalid_url')
    }
  })

  it('reports an error status with the status', async () => {
    const error = await failure(`${base}/missing`, { allowPrivate: LOOPBACK })
    expect(error.code).toBe('http_status')
    expect(error.details.status).toBe(404)
  })

  it('aborts bodies past the size limit, declared, streamed or compressed', async () => {
    const options = { allowPrivate: LOOPBACK, maxBytes: 5_000 }
    expect((await failure(`${base}/big`, options)).code).toBe('too_large')
    expect((await failure(`${base}/big-chunked`, options)).code).toBe('too_large')
    expect((await failure(`${base}/gzip-bomb`, options)).code).toBe('too_large')
  })

  it('gives up on slow servers within the total time limit', async () => {
    const options = { allowPrivate: LOOPBACK, timeoutMs: 300 }
    const started = Date.now()
    expect((await failure(`${base}/slow-headers`, options)).code).toBe('timeout')
    expect((await failure(`${base}/slow-body`, options)).code).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('reports a refused connection as a network error', async () => {
    // A free port nothing listens on; one from listen(0) could be given to another server.
    const port = await freePort()
    const error = await failure(`http://127.0.0.1:${port}/`, { allowPrivate: LOOPBACK })
    expect(error.code).toBe('network')
  })
})

describe('address ranges', () => {
  it('tells public addresses from the rest', () => {
    expect(blockedRange('93.184.216.34')).toBeNull()
    expect(blockedRange('2a00:1450:4001:82b::200e')).toBeNull()
    expect(blockedRange('::ffff:93.184.216.34')).toBeNull()
    expect(blockedRange('192.168.1.1')).toBe('private')
    expect(blockedRange('172.31.255.255')).toBe('private')
    expect(blockedRange('172.32.0.1')).toBeNull()
    expect(blockedRange('100.127.255.255')).toBe('cgnat')
    expect(blockedRange('224.0.0.1')).toBe('multicast')
    expect(blockedRange('ff02::1')).toBe('multicast')
    expect(blockedRange('fc12:3456::1')).toBe('unique_local')
    expect(blockedRange('::ffff:10.0.0.1')).toBe('private')
    expect(blockedRange('::ffff:7f00:1')).toBe('loopback')
    expect(blockedRange('255.255.255.255')).toBe('reserved')
    expect(blockedRange('example.com')).toBe('reserved')
  })

  it('reads allow-lists as CIDR ranges or single addresses', () => {
    expect(isCidr('10.20.0.0/16')).toBe(true)
    expect(isCidr('::1')).toBe(true)
    expect(isCidr('10.0.0.0/33')).toBe(false)
    expect(isCidr('intranet')).toBe(false)
    expect(blockedRange('10.20.3.4', ['10.20.0.0/16'])).toBeNull()
    expect(blockedRange('10.21.3.4', ['10.20.0.0/16'])).toBe('private')
    expect(blockedRange('::ffff:10.20.3.4', ['10.20.0.0/16'])).toBeNull()
  })
})
