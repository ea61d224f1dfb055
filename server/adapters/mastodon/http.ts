import type { z } from 'zod'
import type { GuardedFetch } from '../../net/guarded-client.js'
import { ChannelError } from '../channels/channel-adapter.js'
import type { SharedRateBudget } from '../channels/rate-budget.js'
import {
  badResponse,
  errorFromFailure,
  errorFromResponse,
  retryAfterMs,
  type RequestContext,
} from './errors.js'
import { MASTODON_POOLS, type PoolName } from './rate-budget.js'

// Plain fetch rather than a Mastodon client library: Torget calls a dozen endpoints,
// and it must control exactly which requests carry an Idempotency-Key, how long
// each may take, and how every failure is classified (transient, permanent, or
// unknown). A library would hide all three behind its own retries and errors.
// The fetch is always the guarded client (server/net), so an instance's address,
// and every redirect it answers with, is checked before anything is sent.

export interface MastodonRequest {
  method: 'GET' | 'POST' | 'DELETE'
  /** Path on the instance, e.g. /api/v1/statuses. */
  path: string
  /** An array is sent as repeated `key[]` values, as Rails reads them. */
  query?: Record<string, string | readonly string[]>
  body?: URLSearchParams | FormData
  /** Sent as application/json instead of `body`. */
  json?: unknown
  token?: string
  headers?: Record<string, string>
  ctx: RequestContext
  timeoutMs: number
  /** The account's rate budget to spend; omitted for the unauthenticated OAuth calls. */
  budget?: { account: string; buckets: readonly PoolName[] }
}

export interface MastodonResponse {
  status: number
  /** Parsed JSON; undefined for an empty body. */
  body: unknown
  headers: Headers
}

export interface HttpDeps {
  fetch: GuardedFetch
  budget: SharedRateBudget
  now: () => number
  /** For a brief wait when the budget frees up within a couple of seconds; absent: no wait. */
  sleep?: (ms: number) => Promise<void>
}

/** Longest the adapter waits for its own budget before handing the wait to the job's retry. */
const MAX_BUDGET_WAIT_MS = 2_000

/** Sends one request; any non-2xx answer or failure becomes a ChannelError. */
export async function send(
  deps: HttpDeps,
  instanceUrl: string,
  req: MastodonRequest,
): Promise<MastodonResponse> {
  if (req.budget) await spend(deps, req.budget)
  const url = new URL(req.path, instanceUrl)
  for (const [key, value] of Object.entries(req.query ?? {})) {
    if (typeof value === 'string') url.searchParams.set(key, value)
    else for (const v of value) url.searchParams.append(`${key}[]`, v)
  }
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

  if (req.budget) await observeRateHeaders(deps, req.budget, response)
  const body = parseJson(text)
  if (response.status < 200 || response.status > 299) {
    throw errorFromResponse(response.status, body.value, response.headers, req.ctx, deps.now())
  }
  if (!body.ok) {
    const type = response.headers.get('content-type') ?? 'no content type'
    throw badResponse(req.ctx, `${response.status}, ${type}, not JSON`)
  }
  return { status: response.status, body: body.value, headers: response.headers }
}

// The API pool first: when it refuses, no scarcer upload or deletion is spent for nothing.
async function spend(deps: HttpDeps, budget: NonNullable<MastodonRequest['budget']>) {
  for (const name of budget.buckets) {
    for (let tries = 0; ; tries++) {
      try {
        await deps.budget.spend(budget.account, MASTODON_POOLS[name], 1)
        break
      } catch (error) {
        const wait = error instanceof ChannelError ? error.retryAfterMs : undefined
        if (!deps.sleep || wait === undefined || wait > MAX_BUDGET_WAIT_MS || tries > 2) throw error
        await deps.sleep(wait)
      }
    }
  }
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
async function observeRateHeaders(
  deps: HttpDeps,
  budget: NonNullable<MastodonRequest['budget']>,
  response: Response,
): Promise<void> {
  const remaining = response.headers.get('x-ratelimit-remaining')
  if (response.status !== 429 && (remaining === null || Number(remaining) > 0)) return
  const wait = retryAfterMs(response.headers, deps.now())
  const narrowest = budget.buckets.at(-1)
  if (wait !== undefined && narrowest)
    await deps.budget.blockUntil(budget.account, MASTODON_POOLS[narrowest], deps.now() + wait)
}
