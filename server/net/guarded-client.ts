/**
 * The one HTTP client the channel adapters are given: a `fetch` for
 * `@atproto/api` and the Mastodon adapter alike, sending every request over
 * the guarded exchange (exchange.ts). What the operator has not allowed with
 * TORGET_FETCH_ALLOW_PRIVATE is refused before a byte is sent, however the
 * address was reached: typed in, in a DID document, or behind a redirect.
 */
import http from 'node:http'
import https from 'node:https'
import { classify, exchange, GuardedFetchError, guardedLookup, readBody } from './exchange.js'
import type { Resolver } from './exchange.js'
import type { AllowList } from './ip-ranges.js'

export interface GuardedClientOptions {
  /** Address ranges (CIDR) that may be reached though not public: config.fetchAllowPrivate. */
  allowPrivate?: AllowList
  /** For a whole request, redirects and body included; callers set shorter ones. Default 2 min. */
  timeoutMs?: number
  /** Of a response body after decompression. Default 10 MiB. */
  maxResponseBytes?: number
  /** Default 5. */
  maxRedirects?: number
  /** Default "Torget". */
  userAgent?: string
  /** For tests of the address check; the system's resolver otherwise. */
  resolve?: Resolver
  /** Called for every hop, just before it is sent (after its address literal is checked). */
  onRequest?: (hop: { method: string; url: URL }) => void
}

/** A fetch that only guardedClient makes, so an adapter cannot be handed the global one. */
export type GuardedFetch = typeof fetch & { readonly guarded: true }

export const GUARDED_CLIENT_DEFAULTS = {
  timeoutMs: 120_000,
  maxResponseBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'Torget',
} as const

// A response to these has no body (Fetch standard: null body status).
const NULL_BODY = new Set([101, 103, 204, 205, 304])

export function guardedClient(options: GuardedClientOptions = {}): GuardedFetch {
  const allow = options.allowPrivate ?? []
  const lookup = guardedLookup(allow, options.resolve)
  const timeoutMs = options.timeoutMs ?? GUARDED_CLIENT_DEFAULTS.timeoutMs
  const maxBytes = options.maxResponseBytes ?? GUARDED_CLIENT_DEFAULTS.maxResponseBytes
  const maxRedirects = options.maxRedirects ?? GUARDED_CLIENT_DEFAULTS.maxRedirects
  const userAgent = options.userAgent ?? GUARDED_CLIENT_DEFAULTS.userAgent
  // Pooled per client: every pooled socket was opened through this client's lookup and allow list.
  // Idle sockets close after 4 s, before common servers drop them (Node 5 s, nginx 75 s).
  const agents = {
    http: new http.Agent({ keepAlive: true, timeout: 4_000, lookup }),
    https: new https.Agent({ keepAlive: true, timeout: 4_000, lookup }),
  }

  const client = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    // The platform's Request reads every body kind (FormData, URLSearchParams, Blob, bytes) as fetch would.
    const request = new Request(input, init)
    const ceiling = AbortSignal.timeout(timeoutMs)
    const signal = AbortSignal.any([request.signal, ceiling])
    const headers: Record<string, string> = {
      accept: '*/*',
      'accept-encoding': 'gzip, deflate, br',
      'user-agent': userAgent,
    }
    request.headers.forEach((value, name) => (headers[name] = value))
    const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer())
    let url = new URL(request.url)
    try {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new GuardedFetchError('invalid_url', 'Only http and https URLs can be fetched', {
          url: url.href,
        })
      }
      const answer = await exchange(
        url,
        { method: request.method, headers, body, redirect: request.redirect },
        { allow, lookup, signal, maxRedirects, agents, onRequest: options.onRequest },
      )
      url = answer.url
      const status = answer.res.statusCode ?? 0
      const bytes = NULL_BODY.has(status)
        ? (answer.res.destroy(), null)
        : await readBody(answer.res, url, maxBytes)
      const response = new Response(bytes === null ? null : new Uint8Array(bytes), {
        status,
        statusText: answer.res.statusMessage ?? '',
        headers: responseHeaders(answer.res),
      })
      Object.defineProperty(response, 'url', { value: url.href })
      Object.defineProperty(response, 'redirected', { value: answer.redirected })
      return response
    } catch (error) {
      throw asFetchError(classify(error, url, signal), request.signal, ceiling)
    }
  }
  return Object.assign(client, { guarded: true as const }) as GuardedFetch
}

/**
 * Rejects as fetch does where callers (the Mastodon adapter, @atproto/xrpc) read the
 * failure: an abort with the signal's reason, a lost connection as a TypeError whose
 * cause carries the socket's code. What the guard refused stays a GuardedFetchError.
 */
function asFetchError(error: GuardedFetchError, own: AbortSignal, ceiling: AbortSignal): unknown {
  if (error.code === 'timeout') {
    if (own.aborted) return own.reason
    return ceiling.reason ?? new DOMException('The server took too long to answer', 'TimeoutError')
  }
  if (error.code === 'network') return new TypeError('fetch failed', { cause: error.cause })
  return error
}

// The body is handed over decoded, so its encoding and length no longer apply.
const DROPPED = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection'])

function responseHeaders(res: http.IncomingMessage): Headers {
  const headers = new Headers()
  const raw = res.rawHeaders
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!
    if (DROPPED.has(name.toLowerCase())) continue
    try {
      headers.append(name, raw[i + 1]!)
    } catch {
      // A header value fetch would not accept either is left out.
    }
  }
  return headers
}
