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

// Comments under a Page's posts, with the Page access token:
// reading  https://developers.facebook.com/docs/graph-api/reference/object/comments
//          (filter=stream lists replies too, each with its parent; order=chronological)
// a comment https://developers.facebook.com/docs/graph-api/reference/comment
//          (is_hidden to hide and unhide, DELETE to remove; both need pages_manage_engagement)
// Reading who wrote a comment needs pages_read_engagement and pages_read_user_content.

type Page = { pageId: string; token: string }

const COMMENT_FIELDS =
  'id,message,from{id,name},created_time,parent{id},permalink_url,attachment{type,media,url}'
const commentSchema = z.object({
  id: z.string(),
  message: z.string().optional(),
  from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  created_time: z.string().optional(),
  parent: z.object({ id: z.string() }).optional(),
  permalink_url: z.string().optional(),
  // A photo, sticker, GIF or video on the comment (StoryAttachment: media.image.src is a still).
  attachment: z
    .object({
      type: z.string().optional(),
      media: z.object({ image: z.object({ src: z.string() }).optional() }).optional(),
    })
    .optional(),
})
const commentsSchema = z.object({ data: z.array(commentSchema), paging: pagingSchema })
const feedSchema = z.object({
  data: z.array(
    z.object({ id: z.string(), created_time: z.string(), updated_time: z.string().optional() }),
  ),
})
const idSchema = z.object({ id: z.string().min(1) })

function toInteraction(c: z.infer<typeof commentSchema>, postId: string, now: number): Interaction {
  // Without pages_read_user_content Meta leaves out `from`: the comment is still heard, by no one known.
  const author = c.from ?? { id: `facebook-comment:${c.id}`, name: 'Facebook' }
  const src = c.attachment?.media?.image?.src
  const photo = src?.startsWith('https://') && c.attachment?.type === 'photo' ? src : undefined
  return {
    kind: 'comment',
    remoteId: c.id,
    author: {
      remoteId: author.id,
      handle: author.name ?? author.id,
      displayName: author.name ?? author.id,
      profileUrl: c.from ? `https://www.facebook.com/${encodeURIComponent(c.from.id)}` : '',
    },
    text: c.message ?? '',
    url: c.permalink_url ?? `https://www.facebook.com/${encodeURIComponent(c.id)}`,
    createdAt: isoTime(c.created_time, now),
    subjectRemoteId: postId,
    parentRemoteId: c.parent?.id ?? postId,
    rootRemoteId: postId,
    // Facebook threads one level deep: an answer to a reply goes under the comment it replies to.
    replyTarget: { comment: c.parent?.id ?? c.id },
    ...(photo && { media: [{ kind: 'image', url: photo, alt: '' }] }),
  }
}

export function facebookComments(
  open: (credentials: Record<string, string>) => Page & { call: AccountCall },
  now: () => number,
): InteractionCapability {
  return {
    async read(credentials, options) {
      const { pageId, call } = open(credentials)
      const cursor = parseCursor(options.cursor)
      return readCommentThreads(
        {
          oldestFirst: true,
          async posts() {
            const feed = readAs(
              feedSchema,
              await call('GET', `/${pageId}/feed`, {
                fields: 'id,created_time,updated_time',
                limit: '25',
              }),
              'facebook',
              'the Page feed',
            )
            return feed.data.map((p) => ({
              id: p.id,
              createdAt: p.created_time,
              marker: p.updated_time ?? p.created_time,
            }))
          },
          async page(postId, after, size) {
            const answer = readAs(
              commentsSchema,
              await call('GET', `/${postId}/comments`, {
                filter: 'stream',
                order: 'chronological',
                fields: COMMENT_FIELDS,
                limit: String(size),
                ...(after && { after }),
              }),
              'facebook',
              'comments',
            )
            return {
              items: answer.data
                .filter((c) => c.from?.id !== pageId)
                .map((c) => toInteraction(c, postId, now())),
              after: answer.paging?.cursors?.after,
              next: Boolean(answer.paging?.next),
            }
          },
        },
        cursor,
        { limit: options.limit, since: options.since, now: now() },
      )
    },
    recheck: (credentials, remoteIds) =>
      recheckInBatch(open(credentials).call, 'facebook', remoteIds, 'message'),
    async moderate(credentials, { action, target }) {
      const { call } = open(credentials)
      if (action === 'hide_reply')
        return void (await call('POST', `/${target.remoteId}`, { is_hidden: 'true' }))
      if (action === 'delete_comment') return deleteComment(call, target.remoteId)
      throw notSupported('Facebook', `${action.replace('_', ' ')} through its API`)
    },
    async undoModeration(credentials, { action, target }) {
      const { call } = open(credentials)
      if (action === 'hide_reply')
        return void (await call('POST', `/${target.remoteId}`, { is_hidden: 'false' }))
      throw notSupported('Facebook', `undo ${action.replace('_', ' ')}`)
    },
  }
}

async function deleteComment(call: AccountCall, id: string) {
  try {
    await call('DELETE', `/${id}`)
  } catch (error) {
    // Gone already is what was asked.
    if (!(error instanceof ChannelError && error.code === 'not_found')) throw error
  }
}

/** An answer from Inkorg: a reply under the comment (POST /{comment-id}/comments). */
export async function publishFacebookAnswer(
  page: Page & { call: AccountCall },
  post: OutgoingPost,
  permalink: (id: string) => Promise<string>,
) {
  assertTextOnly('Facebook', post.images)
  const comment = post.replyTo?.comment
  if (!comment) throw new ChannelError('permanent', 'invalid_post', 'Facebook: nothing to answer')
  const made = readAs(
    idSchema,
    await page.call('POST', `/${comment}/comments`, { message: post.text }),
    'facebook',
    'the new comment',
  )
  return { remoteId: made.id, url: await permalink(made.id) }
}

/** Finds an answer an earlier attempt made: the Page's newest replies under the comment. */
export async function lookupFacebookAnswer(page: Page & { call: AccountCall }, query: LookupQuery) {
  const comment = query.replyTo?.comment
  if (!comment) return undefined
  const answer = readAs(
    commentsSchema,
    await page.call('GET', `/${comment}/comments`, {
      order: 'reverse_chronological',
      fields: COMMENT_FIELDS,
      limit: '50',
    }),
    'facebook',
    'replies',
  )
  const id = findAnswer(
    answer.data.map((c) => ({
      id: c.id,
      text: c.message,
      at: c.created_time,
      own: c.from?.id === page.pageId,
    })),
    query,
  )
  const found = answer.data.find((c) => c.id === id)
  return found
    ? {
        remoteId: found.id,
        url: found.permalink_url ?? `https://www.facebook.com/${encodeURIComponent(found.id)}`,
      }
    : undefined
}
