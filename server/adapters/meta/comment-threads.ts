import { z } from 'zod'
import { ChannelError, type LookupQuery } from '../channels/channel-adapter.js'
import type { Interaction, InteractionPage, RemoteState } from '../channels/interactions.js'
import { graph, graphErrorSchema, readAs, type GraphDeps, type GraphTarget } from './graph.js'
import { comparable } from './shared.js'

/*
 * Reading comments (Facebook, Instagram) and replies (Threads) under an
 * account's recent posts, by polling: Meta's webhooks only say that something
 * happened, so what is read here is the record. The stored cursor keeps, per
 * post, what showed it last changed and the Graph pagination cursor to go on
 * from (https://developers.facebook.com/docs/graph-api/results, "Cursor-based
 * Pagination"); posts that have not changed cost no request.
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
  /** The pagination cursor to go on from. */
  a: z.string().optional(),
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
  /** One page of a post's comments, oldest first where the API allows it. */
  page(
    postId: string,
    after: string | undefined,
    size: number,
  ): Promise<{ items: Interaction[]; after?: string; next: boolean }>
  /**
   * Whether the pagination cursor is kept once a post is read to its end (Facebook and Threads
   * list oldest first, so what is new comes after it); otherwise a changed post is read again
   * from its first comment.
   */
  resume: boolean
}

const PAGE_SIZE = 100
const HOUR = 3_600_000

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

/** Reads what is new under the posts made since `since`, at most `limit` comments. */
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
      (post.marker !== undefined && prev.u !== post.marker) ||
      options.now - (prev.r ?? 0) >= sweepAfterMs(age, post.marker !== undefined)
    if (!changed) continue
    if (interactions.length >= limit) {
      more = true
      break
    }
    let after = prev?.a
    let done = false
    try {
      for (;;) {
        const page = await source.page(
          post.id,
          after,
          Math.min(PAGE_SIZE, limit - interactions.length),
        )
        interactions.push(...page.items)
        if (page.after) after = page.after
        if (!page.next) {
          done = true
          break
        }
        if (interactions.length >= limit) break
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
    next[post.id] = done
      ? { u: post.marker, r: options.now, ...(source.resume && after && { a: after }) }
      : { ...prev, ...(after && { a: after }) }
    if (!done) more = true
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
