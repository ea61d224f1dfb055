import { z } from 'zod'
import { ChannelError, type LookupQuery } from '../channels/channel-adapter.js'
import type { Interaction, InteractionPage, RemoteState } from '../channels/interactions.js'
import { graph, graphErrorSchema, readAs, type GraphDeps, type GraphTarget } from './graph.js'
import { comparable } from './shared.js'

/*
 * Reading comments (Facebook, Instagram) and replies (Threads) under an
 * account's recent posts, by polling: Meta's webhooks only say that something
 * happened, so what is read here is the record. Graph cursors are used only
 * within one read: "your app shouldn't store cursors or assume that they will
 * be valid in the future" (https://developers.facebook.com/docs/graph-api/results,
 * "Cursor-based Pagination"). What is kept per post instead is what showed it
 * last changed and the time of the newest comment read, so a read returns only
 * what is newer; posts that have not changed cost no request.
 */

/** One Graph request with the account's token, spent from its budget. */
export type AccountCall = (
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  params?: Record<string, string>,
  effect?: 'read' | 'write',
) => Promise<unknown>

export function accountCall(
  deps: GraphDeps,
  target: GraphTarget,
  token: string,
  account: string,
): AccountCall {
  return async (method, path, params = {}, effect = method === 'GET' ? 'read' : 'write') =>
    (await graph(deps, target, { method, path, params, token, account, effect })).body
}

export const pagingSchema = z
  .object({
    cursors: z.object({ after: z.string().optional() }).partial().optional(),
    next: z.string().optional(),
  })
  .optional()

const postStateSchema = z.object({
  /** What the post showed when its comments were last read to the end (updated_time, a count). */
  u: z.string().optional(),
  /** The newest comment's time when the post was last read to its end (ISO 8601). */
  t: z.string().optional(),
  /** Where a read cut short stopped: the newest comment's time it returned (oldest-first sources). */
  c: z.string().optional(),
  /** When it was last read (ms). */
  r: z.number().optional(),
})
type PostState = z.infer<typeof postStateSchema>
const cursorSchema = z.object({
  v: z.literal(1),
  /** The account's own username, where comments name their authors by it (Instagram). */
  me: z.string().optional(),
  posts: z.record(z.string(), postStateSchema),
})
export type CommentCursor = z.infer<typeof cursorSchema>

// A cursor Torget cannot read starts over from `since`: the ingest keeps each comment once.
export function parseCursor(raw: string | null): CommentCursor {
  const empty: CommentCursor = { v: 1, posts: {} }
  if (!raw) return empty
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : empty
  } catch {
    return empty
  }
}

export interface RecentPost {
  id: string
  createdAt: string
  /** Changes when the post gets comments (Facebook's updated_time, Instagram's comments_count). */
  marker?: string
}

export interface CommentSource {
  /** The account's recent posts, newest first. */
  posts(): Promise<RecentPost[]>
  /** One page of a post's comments; `after` is a cursor from the page before, in this read. */
  page(
    postId: string,
    after: string | undefined,
    size: number,
  ): Promise<{ items: Interaction[]; after?: string; next: boolean }>
  /**
   * Whether comments come oldest first (Facebook's filter=stream, Threads with reverse=false):
   * then a read may stop part-way through a post and the next one goes on from the time it
   * reached. Instagram documents no order: its posts are read to their end each time.
   */
  oldestFirst: boolean
}

const PAGE_SIZE = 100
const HOUR = 3_600_000
/** A post read to its end is read again from this long before its newest comment. */
const LOOKBACK_MS = HOUR
/** At most this many pages of one post in one read. */
const MAX_PAGES = 40

/**
 * How long a post that shows no change may go unread. Facebook's updated_time is
 * documented to move with new comments, Instagram's comments_count to include
 * replies; reading anyway now and then catches what they do not show. Threads has
 * no such field: its fresh posts are read every time.
 */
function sweepAfterMs(ageMs: number, hasMarker: boolean): number {
  if (ageMs < 24 * HOUR) return hasMarker ? HOUR / 4 : 0
  if (ageMs < 72 * HOUR) return hasMarker ? HOUR : HOUR / 6
  return hasMarker ? 3 * HOUR : HOUR / 2
}

/** Reads what is new under the posts made since `since`, about `limit` comments. */
export async function readCommentThreads(
  source: CommentSource,
  cursor: CommentCursor,
  options: { limit: number; since: Date; now: number },
): Promise<InteractionPage & { state: CommentCursor }> {
  const limit = Math.max(1, Math.floor(options.limit))
  const posts = (await source.posts()).filter(
    (p) => (Date.parse(p.createdAt) || options.now) >= options.since.getTime(),
  )
  const next: Record<string, PostState> = {}
  for (const p of posts) if (cursor.posts[p.id]) next[p.id] = cursor.posts[p.id]!
  const interactions: Interaction[] = []
  let more = false
  for (const post of posts) {
    const prev = cursor.posts[post.id]
    const age = options.now - (Date.parse(post.createdAt) || options.now)
    const changed =
      !prev ||
      prev.c !== undefined ||
      (post.marker !== undefined && prev.u !== post.marker) ||
      options.now - (prev.r ?? 0) >= sweepAfterMs(age, post.marker !== undefined)
    if (!changed) continue
    if (interactions.length >= limit) {
      more = true
      break
    }
    // What is older than this was returned by an earlier read; the ingest keeps each comment once.
    const floor =
      prev?.c ?? (prev?.t ? new Date(Date.parse(prev.t) - LOOKBACK_MS).toISOString() : undefined)
    let newest = prev?.t
    let after: string | undefined
    let done = false
    let cut = false
    try {
      for (let pages = 0; pages < MAX_PAGES; pages++) {
        const page = await source.page(post.id, after, PAGE_SIZE)
        for (const item of page.items) {
          if (!newest || item.createdAt > newest) newest = item.createdAt
          if (!floor || item.createdAt >= floor) interactions.push(item)
        }
        after = page.after
        if (!page.next || !after) {
          done = true
          break
        }
        if (source.oldestFirst && interactions.length >= limit) {
          cut = true
          break
        }
      }
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error
      if (error.code === 'not_found') {
        // The post is gone: nothing more to hear under it.
        delete next[post.id]
        continue
      }
      if (interactions.length > 0 && error.kind === 'transient') {
        more = true
        break
      }
      throw error
    }
    if (done) next[post.id] = { u: post.marker, r: options.now, ...(newest && { t: newest }) }
    else if (cut && newest) {
      // Oldest first: everything up to the newest comment returned has been returned.
      next[post.id] = { ...prev, c: newest }
      more = true
    } else {
      // MAX_PAGES of a post whose order is not documented: what was read stands; read again later.
      next[post.id] = { ...prev, r: options.now, ...(newest && { t: newest }) }
      more = true
    }
  }
  const state: CommentCursor = { ...cursor, posts: next }
  return { interactions, cursor: JSON.stringify(state), more, state }
}

/** Meta's time stamps ("2025-05-01T10:00:00+0000") as ISO 8601; an unreadable one as now. */
export function isoTime(value: string | undefined, now: number): string {
  const ms = value ? Date.parse(value) : NaN
  return new Date(Number.isNaN(ms) ? now : ms).toISOString()
}

const batchAnswerSchema = z.array(
  z.object({ code: z.number(), body: z.string().optional() }).nullable(),
)

/**
 * Looks at up to 50 comments in one request (Graph API batch requests,
 * https://developers.facebook.com/docs/graph-api/batch-requests): each answer
 * has its own status, so one deleted comment does not fail the rest.
 */
export async function recheckInBatch(
  call: AccountCall,
  network: GraphTarget['network'],
  remoteIds: readonly string[],
  textField: 'message' | 'text',
): Promise<Map<string, RemoteState>> {
  const states = new Map<string, RemoteState>()
  if (remoteIds.length === 0) return states
  const batch = remoteIds.map((id) => ({
    method: 'GET',
    relative_url: `${encodeURIComponent(id)}?fields=id,${textField}`,
  }))
  const answers = readAs(
    batchAnswerSchema,
    await call('POST', '/', { batch: JSON.stringify(batch), include_headers: 'false' }, 'read'),
    network,
    'a batch',
  )
  remoteIds.forEach((id, i) => {
    const answer = answers[i]
    if (!answer) return
    let body: unknown
    try {
      body = answer.body ? JSON.parse(answer.body) : undefined
    } catch {
      return
    }
    if (answer.code === 200) {
      const present = z.record(z.string(), z.unknown()).safeParse(body)
      const text = present.success ? present.data[textField] : undefined
      if (typeof text === 'string') states.set(id, { state: 'present', text })
      return
    }
    const error = graphErrorSchema.safeParse(body)
    const code = error.success ? error.data.error.code : undefined
    // 100/33: "does not exist, cannot be loaded due to missing permissions, or does not support
    // this operation": for a comment under the library's own post, that is a deleted comment.
    if (code === 100 && error.success && error.data.error.error_subcode === 33)
      states.set(id, { state: 'deleted' })
    else if (code === 10 || (code !== undefined && code >= 200 && code <= 299))
      states.set(id, { state: 'unavailable' })
  })
  return states
}

/**
 * The library's own answer under a comment, for the look-up before a retry:
 * its text, made after the publication's first attempt, and not another's.
 */
export function findAnswer(
  answers: readonly { id: string; text?: string; at?: string; own: boolean }[],
  query: LookupQuery,
): string | undefined {
  const want = comparable(query.text)
  const since = query.notBefore ? query.notBefore.getTime() - 60_000 : 0
  return answers.find(
    (a) =>
      a.own &&
      !query.taken?.has(a.id) &&
      comparable(a.text) === want &&
      (!a.at || Date.parse(a.at) >= since),
  )?.id
}

export function notSupported(network: string, what: string): ChannelError {
  return new ChannelError('permanent', 'not_supported', `${network} cannot ${what}`)
}

/** An answer goes under a comment as text; Meta's reply endpoints take no images from Torget. */
export function assertTextOnly(network: string, images: readonly unknown[]) {
  if (images.length > 0)
    throw new ChannelError(
      'permanent',
      'invalid_post',
      `${network}: an answer to a comment is text only`,
    )
}
