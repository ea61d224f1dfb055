/**
 * The one way Torget fetches a URL that a user gave it (an ICS feed, later
 * RSS): http(s) only, public addresses only, bounded in time and size,
 * redirects followed by hand and each hop checked again.
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

/** Validators from an earlier fetch of the same URL, for a conditional GET. */
export interface FetchValidators {
  etag?: string | null
  lastModified?: string | null
}

export interface GuardedFetchOptions {
  /**
   * Address ranges (CIDR, e.g. "10.20.0.0/16", "127.0.0.1") that may be
   * reached even though they are not public. Empty in production unless the
   * operator allows an intranet server; tests allow loopback.
   */
  allowPrivate?: AllowList
  /** For the whole fetch, redirects and body included. Default 10 s. */
  timeoutMs?: number
  /** Of the body after decompression. Default 5 MiB. */
  maxBytes?: number
  /** Default 5. */
  maxRedirects?: number
  previous?: FetchValidators
  accept?: string
  userAgent?: string
}

export type GuardedFetchResult =
  | {
      kind: 'fetched'
      /** The final URL, after redirects. */
      url: string
      status: number
      body: Buffer
      contentType: string | null
      etag: string | null
      lastModified: string | null
    }
  | {
      kind: 'not-modified'
      url: string
      etag: string | null
      lastModified: string | null
    }

export const GUARDED_FETCH_DEFAULTS = {
  timeoutMs: 10_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'Torget (calendar import)',
} as const

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

function guardedLookup(allow: AllowList): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0)
      for (const { address } of addresses) {
        const range = blockedRange(address, allow)
        if (range) return callback(new BlockedLookupError(address, range), '', 0)
      }
      if (options.all) return callback(null, addresses)
      const first = addresses[0]
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0)
      callback(null, first.address, first.family)
    })
  }
}

function parseUrl(raw: string, base?: URL): URL {
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
function checkLiteral(url: URL, allow: AllowList) {
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

function header(res: http.IncomingMessage, name: string): string | null {
  const value = res.headers[name]
  return (Array.isArray(value) ? value[0] : value) ?? null
}

function request(
  url: URL,
  headers: Record<string, string>,
  lookup: LookupFunction,
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http
    // agent: false gives each request its own socket, so no pooled connection skips the lookup.
    const req = client.get(url, { headers, lookup, signal, agent: false }, resolve)
    req.on('error', reject)
  })
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

async function readBody(res: http.IncomingMessage, url: URL, maxBytes: number): Promise<Buffer> {
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

/**
 * GETs `rawUrl` under the guards above. Resolves with the body, or with
 * 'not-modified' when the server answers 304 to the validators in
 * `options.previous`; rejects with a GuardedFetchError whose code says what
 * went wrong.
 */
export async function guardedFetch(
  rawUrl: string,
  options: GuardedFetchOptions = {},
): Promise<GuardedFetchResult> {
  const allow = options.allowPrivate ?? []
  const maxBytes = options.maxBytes ?? GUARDED_FETCH_DEFAULTS.maxBytes
  const maxRedirects = options.maxRedirects ?? GUARDED_FETCH_DEFAULTS.maxRedirects
  const timeoutMs = options.timeoutMs ?? GUARDED_FETCH_DEFAULTS.timeoutMs
  const signal = AbortSignal.timeout(timeoutMs)
  const lookup = guardedLookup(allow)
  const headers: Record<string, string> = {
    accept: options.accept ?? '*/*',
    'accept-encoding': 'gzip, deflate, br',
    'user-agent': options.userAgent ?? GUARDED_FETCH_DEFAULTS.userAgent,
  }
  if (options.previous?.etag) headers['if-none-match'] = options.previous.etag
  if (options.previous?.lastModified) headers['if-modified-since'] = options.previous.lastModified

  let url = parseUrl(rawUrl)
  for (let hop = 0; ; hop++) {
    checkLiteral(url, allow)
    try {
      const res = await request(url, headers, lookup, signal)
      const location = header(res, 'location')
      if (REDIRECTS.has(res.statusCode ?? 0) && location) {
        res.destroy()
        if (hop >= maxRedirects) {
          throw new GuardedFetchError('too_many_redirects', `More than ${maxRedirects} redirects`, {
            url: url.href,
          })
        }
        url = parseUrl(location, url)
        continue
      }
      const validators = { etag: header(res, 'etag'), lastModified: header(res, 'last-modified') }
      if (res.statusCode === 304) {
        res.destroy()
        return {
          kind: 'not-modified',
          url: url.href,
          etag: validators.etag ?? options.previous?.etag ?? null,
          lastModified: validators.lastModified ?? options.previous?.lastModified ?? null,
        }
      }
      const status = res.statusCode ?? 0
      if (status < 200 || status > 299) {
        res.destroy()
        throw new GuardedFetchError('http_status', `The server answered ${status}`, {
          url: url.href,
          status,
        })
      }
      const body = await readBody(res, url, maxBytes)
      return {
        kind: 'fetched',
        url: url.href,
        status,
        body,
        contentType: header(res, 'content-type'),
        ...validators,
      }
    } catch (error) {
      throw classify(error, url, signal)
    }
  }
}

function classify(error: unknown, url: URL, signal: AbortSignal): GuardedFetchError {
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
