/**
 * Fetching a URL that a user gave Torget (an ICS feed, later RSS), over the
 * same guarded exchange as every network's API (exchange.ts): http(s) only,
 * public addresses only unless the operator allows a range, bounded in time
 * and size, redirects followed by hand and each hop checked again.
 */
import {
  exchange,
  guardedLookup,
  header,
  parseUrl,
  readBody,
  classify,
  GuardedFetchError,
} from './exchange.js'
import type { AllowList } from './ip-ranges.js'

export {
  GUARDED_FETCH_ERROR_CODES,
  GuardedFetchError,
  type GuardedFetchErrorCode,
  type GuardedFetchErrorDetails,
} from './exchange.js'

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
  try {
    const answer = await exchange(
      url,
      { method: 'GET', headers, redirect: 'follow' },
      { allow, lookup, signal, maxRedirects },
    )
    url = answer.url
    const { res } = answer
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
