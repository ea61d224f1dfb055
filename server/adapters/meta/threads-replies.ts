import { z } from 'zod'
import { ChannelError } from '../channels/channel-adapter.js'
import type { InteractionCapability, RemoteState } from '../channels/interactions.js'
import {
  type AccountCall,
  isoTime,
  notSupported,
  pagingSchema,
  parseCursor,
  readCommentThreads,
} from './comment-threads.js'
import { readAs } from './graph.js'

// Replies under a Threads profile's posts (threads_read_replies, threads_manage_replies):
// https://developers.facebook.com/docs/threads/reply-management
//   GET /{media-id}/conversation lists every reply in the thread, flattened, with
//   replied_to and root_post; reverse=false lists the oldest first.
//   POST /{reply-id}/manage_reply hide=true|false hides and unhides.
// Threads offers no deleting of another account's reply, nor blocking, through its API.

type Profile = { userId: string; call: AccountCall }

const REPLY_FIELDS =
  'id,text,username,permalink,timestamp,replied_to,root_post,is_reply_owned_by_me,media_type,media_url,alt_text'
const replySchema = z.object({
  id: z.string(),
  text: z.string().optional(),
  username: z.string().optional(),
  permalink: z.string().optional(),
  timestamp: z.string().optional(),
  replied_to: z.object({ id: z.string() }).optional(),
  root_post: z.object({ id: z.string() }).optional(),
  is_reply_owned_by_me: z.boolean().optional(),
  media_type: z.string().optional(),
  media_url: z.string().optional(),
  alt_text: z.string().optional(),
})
const conversationSchema = z.object({ data: z.array(replySchema), paging: pagingSchema })
const threadsSchema = z.object({
  data: z.array(z.object({ id: z.string(), timestamp: z.string() })),
})

export function threadsReplies(
  open: (credentials: Record<string, string>) => Profile,
  now: () => number,
): InteractionCapability {
  return {
    async read(credentials, options) {
      const { userId, call } = open(credentials)
      return readCommentThreads(
        {
          oldestFirst: true,
          async posts() {
            const list = readAs(
              threadsSchema,
              await call('GET', `/${userId}/threads`, { fields: 'id,timestamp', limit: '25' }),
              'threads',
              'recent posts',
            )
            return list.data.map((t) => ({ id: t.id, createdAt: t.timestamp }))
          },
          async page(postId, after, size) {
            const answer = readAs(
              conversationSchema,
              await call('GET', `/${postId}/conversation`, {
                fields: REPLY_FIELDS,
                reverse: 'false',
                limit: String(size),
                ...(after && { after }),
              }),
              'threads',
              'replies',
            )
            return {
              items: answer.data
                .filter((r) => !r.is_reply_owned_by_me)
                .map((r) => {
                  const username = r.username ?? ''
                  return {
                    kind: 'reply' as const,
                    remoteId: r.id,
                    // Threads names the author of a reply only by username.
                    author: {
                      remoteId: `threads:${username}`,
                      handle: username,
                      displayName: username,
                      profileUrl: `https://www.threads.net/@${encodeURIComponent(username)}`,
                    },
                    text: r.text ?? '',
                    url: r.permalink ?? '',
                    createdAt: isoTime(r.timestamp, now()),
                    subjectRemoteId: postId,
                    parentRemoteId: r.replied_to?.id ?? postId,
                    rootRemoteId: r.root_post?.id ?? postId,
                    replyTarget: { replyToId: r.id },
                    ...(r.media_type === 'IMAGE' &&
                      r.media_url?.startsWith('https://') && {
                        media: [
                          { kind: 'image' as const, url: r.media_url, alt: r.alt_text ?? '' },
                        ],
                      }),
                  }
                }),
              after: answer.paging?.cursors?.after,
              next: Boolean(answer.paging?.next),
            }
          },
        },
        parseCursor(options.cursor),
        { limit: options.limit, since: options.since, now: now() },
      )
    },
    async recheck(credentials, remoteIds) {
      const { call } = open(credentials)
      const states = new Map<string, RemoteState>()
      // Threads has no batch requests: one look each, stopping when the budget says so.
      for (const id of remoteIds) {
        try {
          const body = readAs(
            z.object({ text: z.string().optional() }),
            await call('GET', `/${id}`, { fields: 'id,text' }),
            'threads',
            'a reply',
          )
          states.set(id, { state: 'present', text: body.text ?? '' })
        } catch (error) {
          if (!(error instanceof ChannelError)) throw error
          if (error.code === 'not_found') states.set(id, { state: 'deleted' })
          else if (error.code === 'permission_missing') states.set(id, { state: 'unavailable' })
          else if (error.kind === 'transient') break
        }
      }
      return states
    },
    async moderate(credentials, { action, target }) {
      if (action !== 'hide_reply')
        throw notSupported('Threads', `${action.replace('_', ' ')} through its API`)
      await open(credentials).call('POST', `/${target.remoteId}/manage_reply`, { hide: 'true' })
    },
    async undoModeration(credentials, { action, target }) {
      if (action !== 'hide_reply') throw notSupported('Threads', `undo ${action.replace('_', ' ')}`)
      await open(credentials).call('POST', `/${target.remoteId}/manage_reply`, { hide: 'false' })
    },
  }
}
