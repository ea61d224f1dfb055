import type { z } from 'zod'
import type { GuardedFetch } from '../../net/guarded-client.js'
import {
  badResponse,
  errorFromFailure,
  errorFromResponse,
  retryAfterMs,
  type RequestContext,
} from './errors.js'
import type { BucketName, RateBudget } from './rate-budget.js'

// Plain fetch rather than a Mastodon client library: Torget calls six endpoints,
// and it must control exactly which requests carry an Idempotency-Key, how long
// each may take, and how every failure is classified (transient, permanent, or
// unknown). A library would hide all three behind its own retries and errors.
// The fetch is always the guarded client (server/net), so an instance's address,
// and every redirect it answers with, is checked before anything is sent.

export interface MastodonRequest {
  method: 'GET' | 'POST' | 'DELETE'
  /** Path on the instance, e.g. /api/v1/statuses. */
  path: string
  query?: Record<string, string>
  body?: URLSearchParams | FormData
  /** Sent as application/json instead of `body`. */
  json?: unknown
  token?: string
  headers?: Record<string, string>
  ctx: RequestContext
  timeoutMs: number
  /** The account's rate budget to spend; omitted for the unauthenticated OAuth calls. */
  budget?: { account: string; buckets: readonly BucketName[] }
}

export interface MastodonResponse {
  status: number
  /** Parsed JSON; undefined for an empty body. */
  body: unknown
}

export interface HttpDeps {
  fetch: GuardedFetch
  budget: RateBudget
  now: () => number
}

/** Sends one request; any non-2xx answer or failure becomes a ChannelError. */
export async function send(
  deps: HttpDeps,
  instanceUrl: string,
  req: MastodonRequest,
): Promise<MastodonResponse> {
  if (req.budget) await deps.budget.take(req.budget.account, req.budget.buckets)
  const url = new URL(req.path, instanceUrl)
  for (const [key, value] of Object.entries(req.query ?? {})) url.searchParams.set(key, value)
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'User-Agent': 'Torget',
    ...req.headers,
  }
  if (req.token) headers.Authorization = `Bearer ${req.token}`
  if (req.json !== undefined) headers['Content-Type'] = 'application/json'

  let response: Response
  let text: string
  try {
    response = await deps.fetch(url, {
      method: req.method,
      headers,
      body: req.json !== undefined ? JSON.stringify(req.json) : req.body,
      // A redirected POST would turn into a GET; only reads follow redirects.
      redirect: req.method === 'GET' ? 'follow' : 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
    })
    text = await response.text()
  } catch (error) {
    throw errorFromFailure(error, req.ctx)
  }

  if (req.budget) observeRateHeaders(deps, req.budget, response)
  const body = parseJson(text)
  if (response.status < 200 || response.status > 299) {
    throw errorFromResponse(response.status, body.value, response.headers, req.ctx, deps.now())
  }
  if (!body.ok) {
    const type = response.headers.get('content-type') ?? 'no content type'
    throw badResponse(req.ctx, `${response.status}, ${type}, not JSON`)
  }
  return { status: response.status, body: body.value }
}

/** Validates a 2xx body against the documented entity. */
export function read<T extends z.ZodType>(
  schema: T,
  response: MastodonResponse,
  ctx: RequestContext,
): z.infer<T> {
  const parsed = schema.safeParse(response.body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid'
    throw badResponse(ctx, where, parsed.error)
  }
  return parsed.data
}

function parseJson(text: string): { ok: boolean; value: unknown } {
  if (text.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false, value: undefined }
  }
}

// The headers describe whichever of Mastodon's limits is closest to running out; when
// it has run out, nothing more of that kind is sent until it resets. Which limit it was
// is not said: take the narrowest one the request counts against (media for an upload),
// so that spent uploads do not also hold back posting.
function observeRateHeaders(
  deps: HttpDeps,
  budget: NonNullable<MastodonRequest['budget']>,
  response: Response,
): void {
  const remaining = response.headers.get('x-ratelimit-remaining')
  if (response.status !== 429 && (remaining === null || Number(remaining) > 0)) return
  const wait = retryAfterMs(response.headers, deps.now())
  const narrowest = budget.buckets.at(-1)
  if (wait !== undefined && narrowest)
    deps.budget.block(budget.account, narrowest, deps.now() + wait)
}
