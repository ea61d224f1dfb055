import { z } from 'zod'
import type { Interaction, InteractionCapability } from '../channels/interactions.js'
import { parseCredentials } from './account.js'
import type { HttpDeps } from './http.js'
import { fromNotification, type MapContext } from './interaction-map.js'
import { moderate, recheck } from './moderation.js'
import { notificationStateSchema, readNotifications } from './notification-reader.js'
import { readThreadReplies } from './thread-replies.js'

/** The stored cursor: where the notifications stand, and the thread replies already read. */
const cursorSchema = z.object({
  v: z.literal(1),
  notifications: notificationStateSchema,
  seen: z.record(z.string(), z.array(z.string())),
})
type Cursor = z.infer<typeof cursorSchema>

/**
 * Reading the library's notifications and the replies under its recent posts,
 * following edits and deletions, and blocking, muting and revoking quotes.
 */
export function createInteractions(deps: HttpDeps, timeoutMs: number): InteractionCapability {
  return {
    async read(stored, options) {
      const credentials = parseCredentials(stored)
      const map: MapContext = {
        instanceUrl: credentials.instanceUrl,
        accountId: credentials.accountId,
      }
      const cursor = parseCursor(options.cursor)
      const limit = Math.max(1, Math.floor(options.limit))
      const read = await readNotifications(deps, credentials, timeoutMs, {
        state: cursor.notifications,
        limit,
        since: options.since,
      })
      const interactions: Interaction[] = []
      for (const notification of read.notifications) {
        const interaction = fromNotification(notification, map)
        if (interaction) interactions.push(interaction)
      }
      let seen = cursor.seen
      let more = read.more
      // Thread replies only once the notifications are caught up: the limit goes to them first.
      if (!more && options.recentPosts.length > 0) {
        const thread = await readThreadReplies(deps, credentials, timeoutMs, {
          recentPosts: options.recentPosts,
          seen,
          left: limit - read.consumed,
          progress: read.consumed > 0,
        })
        interactions.push(...thread.interactions)
        seen = thread.seen
        more = thread.more
      }
      const next: Cursor = { v: 1, notifications: read.state, seen }
      return { interactions, cursor: JSON.stringify(next), more }
    },

    async recheck(stored, remoteIds) {
      return recheck(deps, parseCredentials(stored), timeoutMs, remoteIds)
    },

    async moderate(stored, request) {
      await moderate(deps, parseCredentials(stored), timeoutMs, request, false)
    },

    async undoModeration(stored, request) {
      await moderate(deps, parseCredentials(stored), timeoutMs, request, true)
    },
  }
}

// A cursor Torget cannot read starts over from `since`: the ingest keeps each interaction once.
function parseCursor(raw: string | null): Cursor {
  const empty: Cursor = { v: 1, notifications: { top: null }, seen: {} }
  if (!raw) return empty
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : empty
  } catch {
    return empty
  }
}
