import { XRPCError } from '@atproto/api'
import { z } from 'zod'
import { isInboxKind } from '../../../core/channels/networks.js'
import type { InteractionPage } from '../channels/interactions.js'
import type { SharedRateBudget } from '../channels/rate-budget.js'
import { appViewQuery } from './appview.js'
import { type Dated, fromNotification, mediaOfView, threadReplies } from './notifications.js'
import { decodeCursor, encodeCursor, OVERLAP_MS, type ReadState, shortId } from './read-cursor.js'
import type { SignedIn } from './session.js'

const pageSchema = z.object({
  notifications: z.array(z.unknown()),
  cursor: z.string().optional().catch(undefined),
})
const sortTime = z.object({ indexedAt: z.string() })

export interface ReadOptions {
  cursor: string | null
  limit: number
  since: Date
  recentPosts: readonly string[]
}

/**
 * Notifications, then the threads of the library's recent posts.
 *
 * Why both: the AppView makes a reply notification for every reply with a
 * correct `reply` ref (measured on dev-env, also with a stale parent cid and
 * before the parent was indexed), but not always one Torget finds. It makes
 * one notification per account and post, and a mention wins, so a reply that
 * names the library comes as 'mention'; none for a reply the thread's gate
 * refuses, one hidden by the library, or in a thread the library muted; and
 * it sorts by min(createdAt, indexedAt), so a reply whose author's clock or
 * app backdates createdAt sorts below what a read already passed and is never
 * reached by reading down to the last mark. The thread shows it all the same.
 */
export async function readInteractions(
  s: SignedIn,
  budget: SharedRateBudget,
  options: ReadOptions,
): Promise<InteractionPage> {
  const limit = Math.max(1, Math.floor(options.limit))
  const since = options.since.getTime()
  const state = decodeCursor(options.cursor)
  const seen = new Map(state.seen)
  const known = new Set(state.known)
  const found: Dated[] = []
  const take = (item: Dated): boolean => {
    const id = shortId(item.interaction.remoteId)
    if (seen.has(id) || known.has(id)) return false
    seen.set(id, item.at)
    if (isInboxKind(item.interaction.kind)) known.add(id)
    found.push(item)
    return true
  }

  const scan = await scanNotifications(s, budget, state, since, limit, take)
  // Threads wait while notifications are still being caught up with.
  let more = scan.pending !== undefined || (found.length >= limit && options.recentPosts.length > 0)

  if (!more && found.length < limit) {
    // A thread has no order to resume from: it is read whole, and what was
    // returned before is known by its uri. Oldest first, so that a read cut
    // short by `limit` leaves the newest for the next one.
    const replies = new Map<string, Dated>()
    for (const uri of new Set(options.recentPosts)) {
      for (const reply of await readThread(s, budget, uri)) {
        const id = shortId(reply.interaction.remoteId)
        if (!known.has(id) && !seen.has(id)) replies.set(reply.interaction.remoteId, reply)
      }
    }
    const ordered = [...replies.values()].sort((a, b) => a.at - b.at)
    const room = limit - found.length
    more = ordered.length > room
    for (const reply of ordered.slice(0, room)) take(reply)
  }

  await attachMedia(s, budget, found)
  const next: ReadState = { ...state, ...scan, seen: [...seen.entries()], known: [...known] }
  return {
    interactions: found.map((f) => f.interaction),
    cursor: encodeCursor(next, since),
    more,
  }
}

/**
 * Reads notifications newest first down to the last mark (less the overlap),
 * in pages no larger than what `limit` still allows, so a read never stops in
 * the middle of a page. Stopped by `limit`, it leaves a pending scan that the
 * next read continues from the AppView's own page cursor.
 */
async function scanNotifications(
  s: SignedIn,
  budget: SharedRateBudget,
  state: ReadState,
  since: number,
  limit: number,
  take: (item: Dated) => boolean,
): Promise<Pick<ReadState, 'mark' | 'pending'>> {
  const stop = state.pending?.stop ?? (state.mark === null ? since : state.mark - OVERLAP_MS)
  let top = state.pending?.top ?? null
  let page = state.pending?.page
  let taken = 0
  for (;;) {
    const body = pageSchema.parse(
      await appViewQuery(s, budget, 'app.bsky.notification.listNotifications', {
        limit: Math.min(100, limit - taken),
        cursor: page,
      }),
    )
    let reachedStop = false
    for (const raw of body.notifications) {
      const time = sortTime.safeParse(raw)
      const at = time.success ? Date.parse(time.data.indexedAt) : NaN
      if (!Number.isNaN(at)) {
        top ??= at
        if (at < stop) {
          reachedStop = true
          break
        }
      }
      const item = fromNotification(raw, s.did)
      if (item && take(item)) taken++
    }
    const finished = reachedStop || !body.cursor || body.notifications.length === 0
    if (finished) {
      const mark = top === null ? state.mark : Math.max(state.mark ?? -Infinity, top)
      return { mark, pending: undefined }
    }
    page = body.cursor
    if (taken >= limit)
      return { mark: state.mark, pending: { page: page!, top: top ?? stop, stop } }
  }
}

const postsSchema = z.object({
  posts: z.array(z.object({ uri: z.string(), embed: z.unknown().optional() }).catch({ uri: '' })),
})

/**
 * A notification names a post's images by blob, not where they are served: the
 * posts' views (app.bsky.feed.getPosts, 25 a request) say, so the archive can
 * copy them. Read before the cursor moves, so a failure repeats the read.
 */
async function attachMedia(s: SignedIn, budget: SharedRateBudget, found: Dated[]) {
  const pending = found.filter((f) => f.mediaPending)
  for (let i = 0; i < pending.length; i += 25) {
    const part = pending.slice(i, i + 25)
    const body = postsSchema.safeParse(
      await appViewQuery(s, budget, 'app.bsky.feed.getPosts', {
        uris: part.map((p) => p.interaction.remoteId),
      }),
    )
    const views = new Map(body.success ? body.data.posts.map((p) => [p.uri, p.embed]) : [])
    for (const item of part) {
      const media = mediaOfView(views.get(item.interaction.remoteId))
      if (media.length > 0) item.interaction.media = media
    }
  }
}

/** The replies under one of the library's posts; none when the post is gone. */
async function readThread(s: SignedIn, budget: SharedRateBudget, uri: string): Promise<Dated[]> {
  try {
    const body = await appViewQuery(s, budget, 'app.bsky.feed.getPostThread', {
      uri,
      depth: 10,
      parentHeight: 0,
    })
    return threadReplies(body, s.did)
  } catch (error) {
    if (error instanceof XRPCError && error.error === 'NotFound') return []
    throw error
  }
}
