import { z } from 'zod'
import { ChannelError } from '../channels/channel-adapter.js'
import type { Interaction } from '../channels/interactions.js'
import { contextSchema, remoteStatusSchema, type MastodonCredentials } from './api.js'
import type { RequestContext } from './errors.js'
import { read, send, type HttpDeps } from './http.js'
import { fromStatus, type MapContext } from './interaction-map.js'
import { compareIds } from './notification-reader.js'
import { budgetKey } from './rate-budget.js'

/** Per recent post, the ids of replies already handed over; the newest this many are kept. */
const SEEN_PER_POST = 500

export type SeenReplies = Record<string, string[]>

export interface ThreadRead {
  interactions: Interaction[]
  seen: SeenReplies
  more: boolean
}

/**
 * Replies under the library's recent posts that did not mention it, and so made
 * no notification: someone answering another reply in the thread, or one who
 * removed the @mention. GET /api/v1/statuses/:id/context, whose descendants are
 * the whole thread below the post (up to 4,096 with a user token).
 * https://docs.joinmastodon.org/methods/statuses/#context
 *
 * The context has no cursor, so the ids already handed over are remembered per
 * post (`seen`). Status ids are not a safe floor: a remote reply that arrives
 * late can carry an id older than one already read.
 */
export async function readThreadReplies(
  deps: HttpDeps,
  credentials: MastodonCredentials,
  timeoutMs: number,
  options: { recentPosts: readonly string[]; seen: SeenReplies; left: number; progress: boolean },
): Promise<ThreadRead> {
  const map: MapContext = { instanceUrl: credentials.instanceUrl, accountId: credentials.accountId }
  const interactions: Interaction[] = []
  const seen: SeenReplies = {}
  for (const postId of options.recentPosts) seen[postId] = [...(options.seen[postId] ?? [])]
  let more = false
  for (const postId of new Set(options.recentPosts)) {
    if (interactions.length >= options.left) {
      more = true
      break
    }
    let context: z.infer<typeof contextSchema> | undefined
    try {
      context = await fetchContext(deps, credentials, timeoutMs, postId)
    } catch (error) {
      const progress = options.progress || interactions.length > 0
      if (progress && error instanceof ChannelError && error.kind === 'transient') {
        more = true
        break
      }
      throw error
    }
    // The library deleted the post: nothing more to hear under it.
    if (!context) continue
    const already = new Set(seen[postId])
    const root = z.object({ id: z.string() }).safeParse(context.ancestors[0])
    for (const entry of context.descendants) {
      const parsed = remoteStatusSchema.safeParse(entry)
      if (!parsed.success) continue
      const status = parsed.data
      if (already.has(status.id) || status.reblog) continue
      if (status.account.id === credentials.accountId) continue
      // A reply that mentions the library comes as a notification; reading it here too would double it.
      if (status.mentions.some((m) => m.id === credentials.accountId)) continue
      if (interactions.length >= options.left) {
        more = true
        break
      }
      interactions.push(
        fromStatus(status, 'reply', map, {
          subjectRemoteId: postId,
          rootRemoteId: root.success ? root.data.id : postId,
        }),
      )
      already.add(status.id)
    }
    seen[postId] = [...already].sort(compareIds).slice(-SEEN_PER_POST)
  }
  return { interactions, seen, more }
}

async function fetchContext(
  deps: HttpDeps,
  credentials: MastodonCredentials,
  timeoutMs: number,
  postId: string,
) {
  const path = `/api/v1/statuses/${encodeURIComponent(postId)}/context`
  const ctx: RequestContext = { effect: 'read', what: `GET ${path}` }
  try {
    const response = await send(deps, credentials.instanceUrl, {
      method: 'GET',
      path,
      token: credentials.accessToken,
      ctx,
      timeoutMs,
      budget: { account: budgetKey(credentials), buckets: ['api'] },
    })
    return read(contextSchema, response, ctx)
  } catch (error) {
    if (error instanceof ChannelError && error.code === 'not_found') return undefined
    throw error
  }
}
