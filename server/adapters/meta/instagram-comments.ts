import { z } from 'zod'
import { ChannelError, type LookupQuery, type OutgoingPost } from '../channels/channel-adapter.js'
import type { Interaction, InteractionCapability } from '../channels/interactions.js'
import {
  type AccountCall,
  assertTextOnly,
  findAnswer,
  isoTime,
  notSupported,
  pagingSchema,
  parseCursor,
  readCommentThreads,
  recheckInBatch,
} from './comment-threads.js'
import { readAs } from './graph.js'

// Comments on an Instagram professional account's media (instagram_manage_comments):
// https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media/comments
// https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment
//   (hide=true|false, DELETE; replies under /{ig-comment-id}/replies)
// https://developers.facebook.com/docs/instagram-platform/comment-moderation

type Account = { userId: string; call: AccountCall }

const REPLY_FIELDS = 'id,text,timestamp,username,from{id,username},parent_id'
const replySchema = z.object({
  id: z.string(),
  text: z.string().optional(),
  timestamp: z.string().optional(),
  username: z.string().optional(),
  from: z.object({ id: z.string(), username: z.string().optional() }).optional(),
  parent_id: z.string().optional(),
})
const repliesSchema = z.object({ data: z.array(replySchema), paging: pagingSchema })
const commentSchema = replySchema.extend({ replies: repliesSchema.optional() })
const commentsSchema = z.object({ data: z.array(commentSchema), paging: pagingSchema })
/** Pages of one comment's replies read at most, 50 each. */
const MAX_REPLY_PAGES = 20
const mediaSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      timestamp: z.string(),
      comments_count: z.coerce.number().optional(),
      permalink: z.string().optional(),
    }),
  ),
})
const idSchema = z.object({ id: z.string().min(1) })

function toInteraction(
  c: z.infer<typeof replySchema>,
  media: { id: string; url: string },
  topLevel: string,
  now: number,
): Interaction {
  const mediaId = media.id
  const username = c.from?.username ?? c.username ?? ''
  return {
    kind: 'comment',
    remoteId: c.id,
    author: {
      remoteId: c.from?.id ?? `instagram:${username}`,
      handle: username,
      displayName: username,
      profileUrl: username ? `https://www.instagram.com/${encodeURIComponent(username)}/` : '',
    },
    text: c.text ?? '',
    // Instagram gives a comment no link of its own; the post it is under is where it is seen.
    url: media.url,
    createdAt: isoTime(c.timestamp, now),
    subjectRemoteId: mediaId,
    parentRemoteId: c.parent_id ?? (topLevel === c.id ? mediaId : topLevel),
    rootRemoteId: mediaId,
    // Replies are one level deep: an answer to a reply goes under its top-level comment.
    replyTarget: { comment: topLevel },
  }
}

/**
 * A comment's replies: the first page comes with the comment (`replies{…}`), the
 * rest from /{ig-comment-id}/replies, page by page with the cursor Meta gives
 * (https://developers.facebook.com/docs/graph-api/results).
 */
async function allReplies(
  call: AccountCall,
  comment: z.infer<typeof commentSchema>,
): Promise<z.infer<typeof replySchema>[]> {
  const replies = [...(comment.replies?.data ?? [])]
  let paging = comment.replies?.paging
  for (let pages = 0; paging?.next && paging.cursors?.after && pages < MAX_REPLY_PAGES; pages++) {
    const page = readAs(
      repliesSchema,
      await call('GET', `/${comment.id}/replies`, {
        fields: REPLY_FIELDS,
        limit: '50',
        after: paging.cursors.after,
      }),
      'instagram',
      'replies',
    )
    replies.push(...page.data)
    paging = page.paging
  }
  return replies
}

export function instagramComments(
  open: (credentials: Record<string, string>) => Account,
  now: () => number,
): InteractionCapability {
  return {
    async read(credentials, options) {
      const { userId, call } = open(credentials)
      const cursor = parseCursor(options.cursor)
      // Comments name their authors by username: the account's own is read once and kept.
      const me =
        cursor.me ??
        readAs(
          z.object({ username: z.string() }),
          await call('GET', `/${userId}`, { fields: 'username' }),
          'instagram',
          'the account',
        ).username
      const own = (c: z.infer<typeof replySchema>) =>
        c.from?.id === userId || (c.from?.username ?? c.username) === me
      const media = new Map<string, string>()
      const read = await readCommentThreads(
        {
          // Instagram documents no order for comments: a changed post is read to its end.
          oldestFirst: false,
          async posts() {
            const list = readAs(
              mediaSchema,
              await call('GET', `/${userId}/media`, {
                fields: 'id,timestamp,comments_count,permalink',
                limit: '25',
              }),
              'instagram',
              'recent media',
            )
            for (const m of list.data) media.set(m.id, m.permalink ?? '')
            return list.data.map((m) => ({
              id: m.id,
              createdAt: m.timestamp,
              marker: String(m.comments_count ?? 0),
            }))
          },
          async page(mediaId, after, size) {
            const answer = readAs(
              commentsSchema,
              await call('GET', `/${mediaId}/comments`, {
                fields: `${REPLY_FIELDS},replies{${REPLY_FIELDS}}`,
                limit: String(Math.min(size, 50)),
                ...(after && { after }),
              }),
              'instagram',
              'comments',
            )
            const items: Interaction[] = []
            const on = { id: mediaId, url: media.get(mediaId) ?? '' }
            for (const c of answer.data) {
              if (!own(c)) items.push(toInteraction(c, on, c.id, now()))
              for (const r of await allReplies(call, c))
                if (!own(r)) items.push(toInteraction(r, on, c.id, now()))
            }
            return {
              items,
              after: answer.paging?.cursors?.after,
              next: Boolean(answer.paging?.next),
            }
          },
        },
        cursor,
        { limit: options.limit, since: options.since, now: now() },
      )
      return { ...read, cursor: JSON.stringify({ ...read.state, me }) }
    },
    recheck: (credentials, remoteIds) =>
      recheckInBatch(open(credentials).call, 'instagram', remoteIds, 'text'),
    async moderate(credentials, { action, target }) {
      const { call } = open(credentials)
      if (action === 'hide_reply')
        return void (await call('POST', `/${target.remoteId}`, { hide: 'true' }))
      if (action === 'delete_comment') {
        try {
          return void (await call('DELETE', `/${target.remoteId}`))
        } catch (error) {
          if (error instanceof ChannelError && error.code === 'not_found') return
          throw error
        }
      }
      throw notSupported('Instagram', `${action.replace('_', ' ')} through its API`)
    },
    async undoModeration(credentials, { action, target }) {
      const { call } = open(credentials)
      if (action === 'hide_reply')
        return void (await call('POST', `/${target.remoteId}`, { hide: 'false' }))
      throw notSupported('Instagram', `undo ${action.replace('_', ' ')}`)
    },
  }
}

/** An answer from Inkorg: POST /{ig-comment-id}/replies. */
export async function publishInstagramAnswer(account: Account, post: OutgoingPost) {
  assertTextOnly('Instagram', post.images)
  const comment = post.replyTo?.comment
  if (!comment) throw new ChannelError('permanent', 'invalid_post', 'Instagram: nothing to answer')
  const made = readAs(
    idSchema,
    await account.call('POST', `/${comment}/replies`, { message: post.text }),
    'instagram',
    'the new reply',
  )
  return { remoteId: made.id, url: '' }
}

/** Finds an answer an earlier attempt made among the comment's replies. */
export async function lookupInstagramAnswer(account: Account, query: LookupQuery) {
  const comment = query.replyTo?.comment
  if (!comment) return undefined
  const [first, me] = await Promise.all([
    account.call('GET', `/${comment}/replies`, { fields: REPLY_FIELDS, limit: '50' }),
    account.call('GET', `/${account.userId}`, { fields: 'username' }),
  ])
  const username = z.object({ username: z.string() }).safeParse(me)
  const list = await allReplies(account.call, {
    id: comment,
    replies: readAs(repliesSchema, first, 'instagram', 'replies'),
  })
  const id = findAnswer(
    list.map((r) => ({
      id: r.id,
      text: r.text,
      at: r.timestamp,
      own:
        r.from?.id === account.userId ||
        (username.success && (r.from?.username ?? r.username) === username.data.username),
    })),
    query,
  )
  return id ? { remoteId: id, url: '' } : undefined
}
