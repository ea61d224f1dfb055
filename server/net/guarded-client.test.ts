import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GuardedFetchError } from './exchange.js'
import { guardedClient } from './guarded-client.js'
import { freePort } from '../test/listen.js'

interface Seen {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: string
}

/** A loopback server that records every request it gets. */
async function recordingServer(host: string, port = 0) {
  const seen: Seen[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x')
      seen.push({
        method: req.method ?? '',
        path: url.pathname,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      })
      const to = url.searchParams.get('to')
      if (to)
        return res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to }).end()
      if (url.pathname === '/gzip') {
        return res
          .writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' })
          .end(zlib.gzipSync(JSON.stringify({ ok: true })))
      }
      if (url.pathname === '/big') return res.writeHead(200).end('x'.repeat(10_000))
      if (url.pathname === '/slow') return void setTimeout(() => res.end('late'), 3_000).unref()
      res.writeHead(201, { 'content-type': 'application/json', 'x-ratelimit-remaining': '7' })
      res.end(JSON.stringify({ host }))
    })
  })
  await new Promise<void>((resolve) => server.listen(port, host, resolve))
  return {
    seen,
    port: (server.address() as AddressInfo).port,
    base: `http://${host}:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    },
  }
}

let inside: Awaited<ReturnType<typeof recordingServer>>
let allowed: Awaited<ReturnType<typeof recordingServer>>
beforeAll(async () => {
  inside = await recordingServer('127.0.0.1')
  // Another loopback address on the same port, standing in for an allowed server.
  allowed = await recordingServer('127.0.0.2', inside.port)
})
afterAll(async () => {
  await inside.close()
  await allowed.close()
})

const ONLY_ALLOWED = { allowPrivate: ['127.0.0.2/32'] }

async function refusal(promise: Promise<unknown>): Promise<GuardedFetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(GuardedFetchError)
  return error as GuardedFetchError
}

describe('the guarded client', () => {
  it('sends forms and files like fetch and hands back status, headers and decoded body', async () => {
    const client = guardedClient(ONLY_ALLOWED)
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'a.png')
    const multipart = await client(`${allowed.base}/api/v2/media`, { method: 'POST', body: form })
    expect(multipart.status).toBe(201)
    expect(multipart.headers.get('x-ratelimit-remaining')).toBe('7')
    expect(await multipart.json()).toEqual({ host: '127.0.0.2' })
    expect(allowed.seen.at(-1)?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)

    await client(new URL('/api/v1/statuses', allowed.base), {
      method: 'POST',
      body: new URLSearchParams({ status: 'Hej på er' }),
      headers: { authorization: 'Bearer t', 'idempotency-key': 'torget-1' },
    })
    expect(allowed.seen.at(-1)).toMatchObject({
      method: 'POST',
      body: 'status=Hej+p%C3%A5+er',
      headers: { authorization: 'Bearer t', 'idempotency-key': 'torget-1' },
    })
    const gzip = await client(new Request(`${allowed.base}/gzip`))
    expect(await gzip.json()).toEqual({ ok: true })
  })

  it('sends nothing to a loopback or private address unless its range is allowed', async () => {
    const before = inside.seen.length
    for (const url of [inside.base, `http://localhost:${inside.port}/`, 'http://10.0.0.1/']) {
      const error = await refusal(guardedClient()(url, { method: 'POST', body: 'x' }))
      expect(error.code, url).toBe('blocked_address')
    }
    expect(await refusal(guardedClient(ONLY_ALLOWED)(inside.base))).toMatchObject({
      code: 'blocked_address',
      details: { address: '127.0.0.1', range: 'loopback' },
    })
    expect(inside.seen.length).toBe(before)
    const open = await guardedClient({ allowPrivate: ['127.0.0.0/8'] })(inside.base)
    expect(open.status).toBe(201)
  })

  it('checks every redirect hop: an allowed server cannot send it on to a blocked one', async () => {
    const before = inside.seen.length
    const client = guardedClient(ONLY_ALLOWED)
    for (const status of [302, 307]) {
      const to = encodeURIComponent(`${inside.base}/secret`)
      const error = await refusal(
        client(`${allowed.base}/r?status=${status}&to=${to}`, { method: 'POST', body: 'x' }),
      )
      expect(error).toMatchObject({
        code: 'blocked_address',
        details: { url: `${inside.base}/secret` },
      })
    }
    expect(inside.seen.length).toBe(before)
  })

  it('follows redirects as fetch does, without handing a token to another server', async () => {
    const client = guardedClient({ allowPrivate: ['127.0.0.0/8'] })
    const sameOrigin = encodeURIComponent(`${allowed.base}/landed`)
    const res = await client(`${allowed.base}/r?status=303&to=${sameOrigin}`, {
      method: 'POST',
      body: 'x',
      headers: { authorization: 'Bearer t' },
    })
    expect(res).toMatchObject({ status: 201, redirected: true, url: `${allowed.base}/landed` })
    expect(allowed.seen.at(-1)).toMatchObject({ method: 'GET', body: '', path: '/landed' })
    expect(allowed.seen.at(-1)?.headers.authorization).toBe('Bearer t')

    const elsewhere = encodeURIComponent(`${inside.base}/landed`)
    await client(`${allowed.base}/r?status=307&to=${elsewhere}`, {
      method: 'POST',
      body: 'kept',
      headers: { authorization: 'Bearer t' },
    })
    expect(inside.seen.at(-1)).toMatchObject({ method: 'POST', body: 'kept', path: '/landed' })
    expect(inside.seen.at(-1)?.headers.authorization).toBeUndefined()

    const manual = await client(`${allowed.base}/r?to=${elsewhere}`, { redirect: 'manual' })
    expect(manual.status).toBe(302)
  })

  it('bounds size and time, and fails as fetch fails when the server cannot be reached', async () => {
    const small = guardedClient({ allowPrivate: ['127.0.0.0/8'], maxResponseBytes: 5_000 })
    expect((await refusal(small(`${inside.base}/big`))).code).toBe('too_large')

    const hasty = guardedClient({ allowPrivate: ['127.0.0.0/8'], timeoutMs: 200 })
    const started = Date.now()
    await expect(hasty(`${inside.base}/slow`)).rejects.toMatchObject({ name: 'TimeoutError' })
    const own = guardedClient({ allowPrivate: ['127.0.0.0/8'] })
    await expect(
      own(`${inside.base}/slow`, { signal: AbortSignal.timeout(200) }),
    ).rejects.toMatchObject({ name: 'TimeoutError' })
    expect(Date.now() - started).toBeLessThan(2_000)

    // A free port nothing listens on; one from listen(0) could be given to another server.
    const port = await freePort()
    await expect(own(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({
      name: 'TypeError',
      cause: { code: 'ECONNREFUSED' },
    })
  })

  it('connects to the very address it checked: a second answer from DNS cannot redirect the socket', async () => {
    // First answer allowed (127.0.0.2), every later one not (127.0.0.1): a client that looked the
    // name up once to check and again to connect would reach 127.0.0.1.
    const answers: string[] = []
    const client = guardedClient({
      ...ONLY_ALLOWED,
      resolve: async () => {
        const address = answers.length === 0 ? '127.0.0.2' : '127.0.0.1'
        answers.push(address)
        return [{ address, family: 4 }]
      },
    })
    const before = { inside: inside.seen.length, allowed: allowed.seen.length }
    const res = await client(`http://rebinding.test:${inside.port}/`)
    expect(await res.json()).toEqual({ host: '127.0.0.2' })
    expect(answers).toEqual(['127.0.0.2'])
    expect(allowed.seen.length).toBe(before.allowed + 1)
    expect(allowed.seen.at(-1)?.headers.host).toBe(`rebinding.test:${inside.port}`)
    expect(inside.seen.length).toBe(before.inside)
  })
})
