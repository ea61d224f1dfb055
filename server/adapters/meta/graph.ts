import crypto from 'node:crypto'
import { z } from 'zod'
import type { GuardedFetch } from '../../net/guarded-client.js'
import { ChannelError } from '../channels/channel-adapter.js'
import type { BudgetPool, SharedRateBudget } from '../channels/rate-budget.js'

// One request to Meta's Graph API (graph.facebook.com) or the Threads API
// (graph.threads.net), which share the error shape and the usage headers.
// Error codes and what to do about each:
// https://developers.facebook.com/docs/graph-api/guides/error-handling
// Usage headers: https://developers.facebook.com/docs/graph-api/overview/rate-limiting

export interface GraphDeps {
  fetch: GuardedFetch
  budget: SharedRateBudget
  now: () => number
}

export interface GraphTarget {
  /** e.g. https://graph.facebook.com */
  base: string
  /** e.g. v25.0 */
  version: string
  /** The network the answer is about, for messages and the budget. */
  network: 'facebook' | 'instagram' | 'threads'
  /** Meta recommends proving the app with every call: HMAC-SHA256 of the token with the app secret. */
  appSecret?: string
}

export interface GraphRequest {
  method: 'GET' | 'POST' | 'DELETE'
  /** e.g. /me/accounts */
  path: string
  params?: Record<string, string>
  token?: string
  /** Does the request change something on the network? A lost answer to a write is 'unknown'. */
  effect: 'read' | 'write'
  /** The account whose budget is spent; omitted for OAuth calls. */
  account?: string
  timeoutMs?: number
}

export const graphErrorSchema = z.object({
  error: z.object({
    message: z.string().default(''),
    type: z.string().optional(),
    code: z.coerce.number().optional(),
    error_subcode: z.coerce.number().optional(),
    error_user_msg: z.string().optional(),
    is_transient: z.boolean().optional(),
  }),
})

/** Torget's own ceiling per account and hour, well under what Meta allows a Page or account. */
export function graphPool(network: GraphTarget['network']): BudgetPool {
  return {
    name: 'graph',
    network,
    what: 'requests',
    windows: [{ ms: 3_600_000, points: 600 }],
  }
}

// Throttling: 4 app, 17 user, 32 Page, 613 "calls within one hour ceiling", 80001–80014 business use case.
const THROTTLED = new Set([4, 17, 32, 613])
const DEFAULT_THROTTLE_WAIT_MS = 10 * 60_000
const POLICY_BLOCK_WAIT_MS = 60 * 60_000
/** A usage header at or above this share of a limit: stop before Meta refuses. */
const USAGE_CEILING = 90

export async function graph(
  deps: GraphDeps,
  target: GraphTarget,
  req: GraphRequest,
): Promise<{ body: unknown; headers: Headers }> {
  const pool = graphPool(target.network)
  if (req.account) await deps.budget.spend(req.account, pool, 1)
  const url = new URL(`${target.base}/${target.version}${req.path}`)
  const params = new URLSearchParams(req.params)
  if (req.token) {
    params.set('access_token', req.token)
    if (target.appSecret)
      params.set(
        'appsecret_proof',
        crypto.createHmac('sha256', target.appSecret).update(req.token).digest('hex'),
      )
  }
  let body: URLSearchParams | undefined
  if (req.method === 'POST') body = params
  else for (const [k, v] of params) url.searchParams.set(k, v)

  let response: Response
  let text: string
  try {
    response = await deps.fetch(url, {
      method: req.method,
      headers: { Accept: 'application/json' },
      body,
      redirect: req.method === 'GET' ? 'follow' : 'manual',
      signal: AbortSignal.timeout(req.timeoutMs ?? 30_000),
    })
    text = await response.text()
  } catch (error) {
    const kind = req.effect === 'write' ? 'unknown' : 'transient'
    throw new ChannelError(
      kind,
      'network_unreachable',
      `${target.network} did not answer`,
      15_000,
      {
        cause: error,
      },
    )
  }
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  if (req.account) await observeUsage(deps, req.account, pool, response.headers)
  if (response.ok && json !== undefined && !graphErrorSchema.safeParse(json).success)
    return { body: json, headers: response.headers }
  const error = graphError(target.network, response.status, json, req.effect)
  if (req.account && error.code === 'rate_limited')
    await deps.budget.blockUntil(req.account, pool, deps.now() + (error.retryAfterMs ?? 0))
  throw error
}

/** Turns Meta's error object (or its absence) into what Torget should do next. */
export function graphError(
  network: GraphTarget['network'],
  status: number,
  json: unknown,
  effect: 'read' | 'write',
): ChannelError {
  const parsed = graphErrorSchema.safeParse(json)
  if (!parsed.success) {
    if (status >= 500 || status === 0) {
      const kind = effect === 'write' ? 'unknown' : 'transient'
      return new ChannelError(kind, 'server_error', `${network} answered ${status}`, 30_000)
    }
    return new ChannelError(
      'permanent',
      'bad_response',
      `${network} answered ${status} without an error`,
    )
  }
  const e = parsed.data.error
  const code = e.code ?? 0
  const said = e.error_user_msg || e.message
  const what = `${network}: ${said} (code ${code}${e.error_subcode ? `/${e.error_subcode}` : ''})`
  if (code === 190 || code === 102 || (e.type === 'OAuthException' && code === 0))
    return new ChannelError('permanent', 'auth_revoked', what)
  if (code === 10 || (code >= 200 && code <= 299))
    return new ChannelError('permanent', 'permission_missing', what)
  if (THROTTLED.has(code) || (code >= 80001 && code <= 80014))
    return new ChannelError('transient', 'rate_limited', what, DEFAULT_THROTTLE_WAIT_MS)
  // Instagram's content publishing limit: code 9 with subcode 2207042.
  if (code === 9 && e.error_subcode === 2207042)
    return new ChannelError('permanent', 'publishing_limit', what)
  // 368: "Temporarily blocked for policies violations", and the error-handling guide's advice
  // for it is "Wait and retry the operation": an hour, within the publication's retry budget.
  if (code === 368)
    return new ChannelError('transient', 'temporarily_blocked', what, POLICY_BLOCK_WAIT_MS)
  if (code === 1 || code === 2 || e.is_transient || status >= 500) {
    const kind = effect === 'write' ? 'unknown' : 'transient'
    return new ChannelError(kind, 'server_error', what, 30_000)
  }
  if (code === 100 && e.error_subcode === 33)
    return new ChannelError('permanent', 'not_found', what)
  if (code === 100 || code === 9004 || code === 36003)
    return new ChannelError(
      'permanent',
      e.error_subcode === 2207052 || code === 36003 || code === 9004
        ? 'media_rejected'
        : 'invalid_post',
      what,
    )
  return new ChannelError('permanent', 'invalid_post', what)
}

const usageSchema = z.object({
  call_count: z.coerce.number().optional(),
  total_time: z.coerce.number().optional(),
  total_cputime: z.coerce.number().optional(),
  estimated_time_to_regain_access: z.coerce.number().optional(),
})

/**
 * X-App-Usage ({call_count, total_time, total_cputime} in percent) and
 * X-Business-Use-Case-Usage ({id: [{type, call_count, …, estimated_time_to_regain_access}]}):
 * at 90 % of any, the account's shared budget is closed until Meta says access
 * returns (minutes), else for ten minutes, so publishing and reading both wait.
 */
async function observeUsage(
  deps: GraphDeps,
  account: string,
  pool: BudgetPool,
  headers: Headers,
): Promise<void> {
  const entries: z.infer<typeof usageSchema>[] = []
  const app = parseHeader(headers.get('x-app-usage'))
  if (app)
    entries.push(
      ...[app].map((u) => usageSchema.safeParse(u)).flatMap((r) => (r.success ? [r.data] : [])),
    )
  const buc = parseHeader(headers.get('x-business-use-case-usage'))
  if (buc && typeof buc === 'object')
    for (const list of Object.values(buc as Record<string, unknown>))
      if (Array.isArray(list))
        for (const item of list) {
          const r = usageSchema.safeParse(item)
          if (r.success) entries.push(r.data)
        }
  let waitMs = 0
  for (const u of entries) {
    const top = Math.max(u.call_count ?? 0, u.total_time ?? 0, u.total_cputime ?? 0)
    const regain = (u.estimated_time_to_regain_access ?? 0) * 60_000
    if (top >= USAGE_CEILING || regain > 0)
      waitMs = Math.max(waitMs, regain || DEFAULT_THROTTLE_WAIT_MS)
  }
  if (waitMs > 0) await deps.budget.blockUntil(account, pool, deps.now() + waitMs)
}

function parseHeader(value: string | null): unknown {
  if (!value) return undefined
  try {
    return JSON.parse(value) as unknown
  } catch {
    return undefined
  }
}

/** Reads a 2xx body against the documented shape; anything else is a bad response. */
export function readAs<T extends z.ZodType>(
  schema: T,
  body: unknown,
  network: string,
  what: string,
): z.infer<T> {
  const parsed = schema.safeParse(body)
  if (!parsed.success)
    throw new ChannelError(
      'transient',
      'bad_response',
      `${network} answered ${what} unexpectedly`,
      30_000,
    )
  return parsed.data
}
