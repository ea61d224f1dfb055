/**
 * The core of every request Torget sends out of itself (guarded-fetch.ts for
 * feeds, guarded-client.ts for the networks' APIs): http(s) only, public
 * addresses only unless the operator allows a range, redirects followed by
 * hand and each hop checked again.
 *
 * The address check happens inside the socket's own DNS lookup, so the
 * connection goes to exactly the address that was checked: a host name cannot
 * resolve to a public address for the check and a private one for the connect.
 */
import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import net, { type LookupFunction } from 'node:net'
import { pipeline, type Readable } from 'node:stream'
import zlib from 'node:zlib'
import { blockedRange, type AllowList, type BlockedRange } from './ip-ranges.js'

export const GUARDED_FETCH_ERROR_CODES = [
  'invalid_url',
  'blocked_address',
  'too_large',
  'timeout',
  'http_status',
  'too_many_redirects',
  'network',
] as const
export type GuardedFetchErrorCode = (typeof GUARDED_FETCH_ERROR_CODES)[number]

export interface GuardedFetchErrorDetails {
  /** The URL of the hop that failed (after redirects). */
  url: string
  /** For `http_status`: the status the server answered. */
  status?: number
  /** For `blocked_address`: the address refused and the kind of range it is in. */
  address?: string
  range?: BlockedRange
}

export class GuardedFetchError extends Error {
  constructor(
    readonly code: GuardedFetchErrorCode,
    message: string,
    readonly details: GuardedFetchErrorDetails,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'GuardedFetchError'
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/** Raised inside the DNS lookup; carried out of the socket as its error. */
class BlockedLookupError extends Error {
  constructor(
    readonly address: string,
    readonly range: BlockedRange,
  ) {
    super(`${address} is not a public address (${range})`)
  }
}

/** Resolves a host name to all its addresses; replaceable in tests. */
export type Resolver = (hostname: string, family: 0 | 4 | 6) => Promise<dns.LookupAddress[]>

const systemResolver: Resolver = (hostname, family) =>
  dns.promises.lookup(hostname, { all: true, family })

/**
 * The socket's own lookup: it resolves once, refuses the connection if any
 * answer is not allowed, and hands the socket exactly the addresses it checked.
 */
export function guardedLookup(allow: AllowList, resolve = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : 0
    const answer = (addresses: dns.LookupAddress[]) => {
      for (const { address } of addresses) {
        const range = blockedRange(address, allow)
        if (range) return callback(new BlockedLookupError(address, range), '', 0)
      }
      if (options.all) return callback(null, addresses)
      const first = addresses[0]
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0)
      callback(null, first.address, first.family)
    }
    // nextTick: the socket's callback runs outside the promise, as after dns.lookup.
    resolve(hostname, family).then(
      (addresses) => process.nextTick(answer, addresses),
      (error: NodeJS.ErrnoException) => process.nextTick(callback, error, '', 0),
    )
  }
}

export function parseUrl(raw: string, base?: URL): URL {
  let url: URL
  try {
    url = new URL(raw, base)
  } catch {
    throw new GuardedFetchError('invalid_url', `Not a URL: ${raw}`, { url: raw })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GuardedFetchError('invalid_url', `Only http and https URLs can be fetched`, {
      url: url.href,
    })
  }
  return url
}

/** Node connects to an IP literal without a lookup, so literals are checked here. */
export function checkLiteral(url: URL, allow: AllowList) {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (net.isIP(host) === 0) return
  const range = blockedRange(host, allow)
  if (range) {
    throw new GuardedFetchError('blocked_address', `${host} is not a public address (${range})`, {
      url: url.href,
      address: host,
      range,
    })
  }
}

export function header(res: http.IncomingMessage, name: string): string | null {
  const value = res.headers[name]
  return (Array.isArray(value) ? value[0] : value) ?? null
}

/** One request as it goes out; header names in lower case. */
export interface Outgoing {
  method: string
  headers: Record<string, string>
  body?: Buffer
  /** 'manual' hands a 3xx back; 'error' refuses it; 'follow' checks and follows it. */
  redirect: 'follow' | 'manual' | 'error'
}

export interface ExchangeOptions {
  allow: AllowList
  lookup: LookupFunction
  signal: AbortSignal
  maxRedirects: number
  /** Pooled connections; each was opened through `lookup`, so reusing one skips no check. */
  agents?: { http: http.Agent; https: https.Agent }
  /** Called for every hop, just before it is sent. */
  onRequest?: (hop: { method: string; url: URL }) => void
}

function send(url: URL, out: Outgoing, options: ExchangeOptions): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http
    // Without pooled agents, each request gets its own socket and so its own guarded lookup.
    const agent = options.agents?.[url.protocol === 'https:' ? 'https' : 'http'] ?? false
    const headers = { ...out.headers }
    if (out.body) headers['content-length'] = String(out.body.length)
    const req = client.request(url, {
      method: out.method,
      headers,
      lookup: options.lookup,
      signal: options.signal,
      agent,
    })
    req.on('response', resolve)
    req.on('error', reject)
    req.end(out.body)
  })
}

const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization']
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language']

/** The next hop's request, as the Fetch standard's HTTP-redirect fetch makes it. */
function redirected(out: Outgoing, status: number, from: URL, to: URL): Outgoing {
  const headers = { ...out.headers }
  let { method, body } = out
  if (
    (status === 303 && method !== 'HEAD') ||
    ((status === 301 || status === 302) && method === 'POST')
  ) {
    method = 'GET'
    body = undefined
    for (const name of BODY_HEADERS) delete headers[name]
  }
  // A token for one server is not handed to another.
  if (to.origin !== from.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name]
  return { ...out, method, headers, body }
}

/**
 * Sends `out` to `start` and follows redirects by hand: every hop's address is
 * checked before it is connected to. Resolves with the final response, its
 * body not yet read; rejects with a GuardedFetchError naming the hop that failed.
 */
export async function exchange(
  start: URL,
  out: Outgoing,
  options: ExchangeOptions,
): Promise<{ url: URL; res: http.IncomingMessage; redirected: boolean }> {
  let url = start
  let current = out
  for (let hop = 0; ; hop++) {
    let res: http.IncomingMessage
    try {
      checkLiteral(url, options.allow)
      options.onRequest?.({ method: current.method, url })
      res = await send(url, current, options)
    } catch (error) {
      throw classify(error, url, options.signal)
    }
    const location = header(res, 'location')
    const status = res.statusCode ?? 0
    if (!REDIRECTS.has(status) || !location || current.redirect === 'manual') {
      return { url, res, redirected: hop > 0 }
    }
    res.destroy()
    if (current.redirect === 'error' || hop >= options.maxRedirects) {
      throw new GuardedFetchError(
        'too_many_redirects',
        current.redirect === 'error'
          ? 'The server redirected'
          : `More than ${options.maxRedirects} redirects`,
        { url: url.href },
      )
    }
    const next = parseUrl(location, url)
    current = redirected(current, status, url, next)
    url = next
  }
}

function decoded(res: http.IncomingMessage): Readable {
  const encoding = header(res, 'content-encoding')?.trim().toLowerCase()
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined
  if (!decoder) return res
  return pipeline(res, decoder, () => {})
}

export async function readBody(
  res: http.IncomingMessage,
  url: URL,
  maxBytes: number,
): Promise<Buffer> {
  const tooLarge = () =>
    new GuardedFetchError('too_large', `The response is larger than ${maxBytes} bytes`, {
      url: url.href,
    })
  const declared = Number(header(res, 'content-length'))
  if (!header(res, 'content-encoding') && declared > maxBytes) {
    res.destroy()
    throw tooLarge()
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of decoded(res) as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) {
      res.destroy()
      throw tooLarge()
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

export function classify(error: unknown, url: URL, signal: AbortSignal): GuardedFetchError {
  if (error instanceof GuardedFetchError) return error
  if (error instanceof BlockedLookupError) {
    return new GuardedFetchError('blocked_address', error.message, {
      url: url.href,
      address: error.address,
      range: error.range,
    })
  }
  if (signal.aborted) {
    return new GuardedFetchError('timeout', 'The server took too long to answer', {
      url: url.href,
    })
  }
  const reason = error instanceof Error ? error.message : String(error)
  return new GuardedFetchError(
    'network',
    `The server could not be reached: ${reason}`,
    {
      url: url.href,
    },
    { cause: error },
  )
}
