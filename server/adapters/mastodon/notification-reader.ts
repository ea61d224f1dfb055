import { z } from 'zod'
import { ChannelError } from '../channels/channel-adapter.js'
import { notificationSchema, type MastodonCredentials, type MastodonNotification } from './api.js'
import type { RequestContext } from './errors.js'
import { read, send, type HttpDeps, type MastodonResponse } from './http.js'
import { NOTIFICATION_TYPES } from './interaction-map.js'
import { budgetKey } from './rate-budget.js'

/** The documented maximum page of GET /api/v1/notifications (Mastodon 4.1+; older servers cap it lower). */
const PAGE_MAX = 80

/**
 * Where reading stands. `top` is the newest notification read. A read that
 * stops at its limit leaves a `gap`: everything older than `below` and newer
 * than the floor (`floorId`, or `since` on the first read) is still unread.
 * The next read closes the gap before it reads what came above `top`, so a
 * flood is read in bounded pieces with nothing skipped and nothing read twice.
 */
export const notificationStateSchema = z.object({
  top: z.string().nullable(),
  gap: z
    .object({
      below: z.string(),
      floorId: z.string().nullable(),
      since: z.string().nullable(),
    })
    .optional(),
})
export type NotificationState = z.infer<typeof notificationStateSchema>

export interface NotificationRead {
  /** Those that validated, newest first within each stretch read. */
  notifications: MastodonNotification[]
  /** How many were taken off the stream, valid or not: what `limit` counts. */
  consumed: number
  state: NotificationState
  /** Stopped at the limit, or at a passing failure after some progress. */
  more: boolean
}

interface Descent {
  maxId?: string
  floorId: string | null
  sinceMs: number | null
  left: number
}

interface DescentResult {
  notifications: MastodonNotification[]
  consumed: number
  /** The newest id taken (first of the first page). */
  headId?: string
  /** The oldest id taken so far. */
  lastId?: string
  complete: boolean
}

const idOnly = z.object({ id: z.string().min(1), created_at: z.string().optional() })

/**
 * Reads notifications newer than the state's floor, newest first, page by page
 * along the Link header's rel="next", at most `limit` of them.
 * https://docs.joinmastodon.org/methods/notifications/#get
 */
export async function readNotifications(
  deps: HttpDeps,
  credentials: MastodonCredentials,
  timeoutMs: number,
  options: { state: NotificationState; limit: number; since: Date },
): Promise<NotificationRead> {
  let state = options.state
  const notifications: MastodonNotification[] = []
  let consumed = 0
  for (;;) {
    const left = options.limit - consumed
    if (left <= 0) return { notifications, consumed, state, more: true }
    const gap = state.gap
    const result = await descend(deps, credentials, timeoutMs, {
      maxId: gap?.below,
      floorId: gap ? gap.floorId : state.top,
      sinceMs: gap
        ? gap.since === null
          ? null
          : Date.parse(gap.since)
        : state.top === null
          ? options.since.getTime()
          : null,
      left,
    }).catch((error: unknown) => {
      // A passing failure after some progress hands back what was read; the next read goes on.
      if (consumed > 0 && error instanceof ChannelError && error.kind === 'transient') return null
      throw error
    })
    if (!result) return { notifications, consumed, state, more: true }
    notifications.push(...result.notifications)
    consumed += result.consumed
    const top = gap ? state.top : (result.headId ?? state.top)
    if (result.complete) {
      state = { top }
      // Caught up from the newest: done. A gap just closed: now read what came above it.
      if (!gap) return { notifications, consumed, state, more: false }
      continue
    }
    if (result.lastId) {
      const floorId = gap ? gap.floorId : state.top
      const since = gap ? gap.since : state.top === null ? options.since.toISOString() : null
      state = { top, gap: { below: result.lastId, floorId, since } }
    }
    return { notifications, consumed, state, more: true }
  }
}

async function descend(
  deps: HttpDeps,
  credentials: MastodonCredentials,
  timeoutMs: number,
  descent: Descent,
): Promise<DescentResult> {
  const out: DescentResult = { notifications: [], consumed: 0, complete: false }
  let maxId = descent.maxId
  const ctx: RequestContext = { effect: 'read', what: 'GET /api/v1/notifications' }
  while (out.consumed < descent.left) {
    const size = Math.min(PAGE_MAX, descent.left - out.consumed)
    const query: Record<string, string | readonly string[]> = {
      limit: String(size),
      types: NOTIFICATION_TYPES,
      // Mastodon 4.3+ otherwise leaves out what the account's notification policy
      // filtered, e.g. private mentions from strangers: a patron's question among them.
      include_filtered: 'true',
    }
    if (maxId) query.max_id = maxId
    // Not carried in Mastodon's own rel="next" link, so added to each page here.
    if (descent.floorId) query.since_id = descent.floorId
    let response: MastodonResponse
    try {
      response = await send(deps, credentials.instanceUrl, {
        method: 'GET',
        path: '/api/v1/notifications',
        query,
        token: credentials.accessToken,
        ctx,
        timeoutMs,
        budget: { account: budgetKey(credentials), buckets: ['api'] },
      })
    } catch (error) {
      // Keep what this descent read; the next read goes on from its last id.
      if (out.consumed > 0 && error instanceof ChannelError && error.kind === 'transient')
        return out
      throw error
    }
    const page = read(z.array(z.unknown()), response, ctx)
    if (page.length === 0) return { ...out, complete: true }
    for (const entry of page) {
      const ids = idOnly.safeParse(entry)
      // Without an id an entry can be neither read nor stepped past by id: leave it.
      if (!ids.success) continue
      const { id, created_at } = ids.data
      if (descent.floorId !== null && compareIds(id, descent.floorId) <= 0) {
        return { ...out, complete: true }
      }
      if (descent.sinceMs !== null && created_at && Date.parse(created_at) < descent.sinceMs) {
        return { ...out, complete: true }
      }
      out.headId ??= id
      out.lastId = id
      out.consumed += 1
      const parsed = notificationSchema.safeParse(entry)
      if (parsed.success) out.notifications.push(parsed.data)
      if (out.consumed >= descent.left) return out
    }
    const next = nextMaxId(response) ?? (page.length >= size ? out.lastId : undefined)
    if (!next) return { ...out, complete: true }
    maxId = next
  }
  return out
}

/** The max_id of the Link header's rel="next", Mastodon's way to the next older page. */
export function nextMaxId(response: Pick<MastodonResponse, 'headers'>): string | undefined {
  const link = response.headers.get('link')
  if (!link) return undefined
  for (const part of link.split(',')) {
    const match = /<([^>]*)>\s*;\s*rel="?([^";]+)"?/.exec(part)
    if (!match?.[1] || !match[2]?.split(/\s+/).includes('next')) continue
    try {
      return new URL(match[1]).searchParams.get('max_id') ?? undefined
    } catch {
      return undefined
    }
  }
  return undefined
}

/**
 * Mastodon's ids are integers sent as strings ("not guaranteed to be a number"):
 * numeric ones compare as numbers, anything else as text.
 */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = a.replace(/^0+(?=\d)/, '')
    const y = b.replace(/^0+(?=\d)/, '')
    if (x.length !== y.length) return x.length - y.length
    return x < y ? -1 : x > y ? 1 : 0
  }
  return a < b ? -1 : a > b ? 1 : 0
}
