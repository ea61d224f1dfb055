import type http from 'node:http'
import type { PublishedMedia, StandInPage } from './stand-in-graph.js'

/*
 * The stand-in's comments: Facebook Page comments, Instagram comments and
 * Threads replies, built from Meta's public documentation like the rest of the
 * stand-in (stand-in-graph.ts), each behaviour naming its page. Where the docs
 * leave something open it is a guess, said so.
 */

const DOCS = {
  objectComments: 'https://developers.facebook.com/docs/graph-api/reference/object/comments',
  comment: 'https://developers.facebook.com/docs/graph-api/reference/comment',
  pagePost: 'https://developers.facebook.com/docs/graph-api/reference/page-post',
  pagination: 'https://developers.facebook.com/docs/graph-api/results',
  batch: 'https://developers.facebook.com/docs/graph-api/batch-requests',
  igComments:
    'https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media/comments',
  igComment:
    'https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment',
  igReplies:
    'https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies',
  igMedia:
    'https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media',
  threadsReplies: 'https://developers.facebook.com/docs/threads/reply-management',
  permissions: 'https://developers.facebook.com/docs/permissions',
} as const
export { DOCS as STAND_IN_COMMENT_DOCS }

export interface StandInComment {
  id: string
  network: 'facebook' | 'instagram' | 'threads'
  /** The library's post it is under. */
  postId: string
  /** The comment it answers; absent on a top-level comment. */
  parentId?: string
  author: { id: string; name: string }
  text: string
  /** Meta's format: 2025-05-01T10:00:00+0000. */
  createdAt: string
  hidden: boolean
  /** Written by the library's account through the API (an answer from Torget). */
  own: boolean
  /** A photo on the comment, where the network serves it (Facebook, Threads). */
  image?: { url: string; alt: string }
}

interface ContainerLike {
  owner: string
  network: 'instagram' | 'threads'
  params: Record<string, string>
  state: string
}

interface Held {
  kind: 'user' | 'page' | 'threads'
  subject: string
}

export interface CommentRoute {
  req: http.IncomingMessage
  res: http.ServerResponse
  method: string
  path: string
  first: string | undefined
  edge: string | undefined
  params: Record<string, string>
  held: Held
}

// What each call needs (DOCS.permissions; DOCS.objectComments "Permissions", DOCS.igComments,
// DOCS.threadsReplies). The stand-in checks them only when the test says which were granted.
const NEEDS = {
  facebook: {
    read: ['pages_read_engagement', 'pages_read_user_content'],
    write: ['pages_manage_engagement'],
  },
  instagram: { read: ['instagram_manage_comments'], write: ['instagram_manage_comments'] },
  threads: { read: ['threads_read_replies'], write: ['threads_manage_replies'] },
} as const

export function standInComments(ctx: {
  media: PublishedMedia[]
  containers: Map<string, ContainerLike>
  id: () => string
  pages: StandInPage[]
  threadsUser?: { id: string; username: string }
  grantedScopes?: string[]
}) {
  const comments: StandInComment[] = []
  const faults = {
    /** Make the next answer (a reply or a comment's reply) but drop the connection before answering. */
    loseNextAnswer: false,
  }
  // Meta's times have whole seconds; the stand-in gives each comment its own second, so a test
  // never has two comments that updated_time cannot tell apart (a guess kept simple on purpose).
  let lastSecond = 0
  const stamp = () => {
    lastSecond = Math.max(Math.floor(Date.now() / 1000), lastSecond + 1)
    return new Date(lastSecond * 1000).toISOString().replace(/\.\d+Z$/, '+0000')
  }

  const find = (id: string | undefined) => comments.find((c) => c.id === id)
  const under = (postId: string) => comments.filter((c) => c.postId === postId)
  const ownerName = (m: PublishedMedia) =>
    m.network === 'facebook'
      ? (ctx.pages.find((p) => p.id === m.owner)?.name ?? m.owner)
      : m.network === 'instagram'
        ? (ctx.pages.find((p) => p.instagram?.id === m.owner)?.instagram?.username ?? m.owner)
        : (ctx.threadsUser?.username ?? m.owner)

  function add(input: {
    postId: string
    text: string
    author?: { id: string; name: string }
    parentId?: string
    own?: boolean
    image?: { url: string; alt: string }
  }): StandInComment {
    const post = ctx.media.find((m) => m.id === input.postId)
    if (!post) throw new Error(`no published post ${input.postId}`)
    const comment: StandInComment = {
      id: post.network === 'facebook' ? `${post.id.split('_').pop()}_${ctx.id()}` : ctx.id(),
      network: post.network,
      postId: post.id,
      ...(input.parentId && { parentId: input.parentId }),
      author: input.author ?? { id: post.owner, name: ownerName(post) },
      text: input.text,
      createdAt: stamp(),
      hidden: false,
      own: input.own ?? false,
      ...(input.image && { image: input.image }),
    }
    comments.push(comment)
    return comment
  }

  /** What Meta shows of a comment; the fields differ per network (DOCS.comment, DOCS.igComment, DOCS.threadsReplies). */
  function view(c: StandInComment): Record<string, unknown> {
    if (c.network === 'facebook')
      return {
        id: c.id,
        message: c.text,
        from: { id: c.author.id, name: c.author.name },
        created_time: c.createdAt,
        permalink_url: `https://www.facebook.com/${c.postId}?comment_id=${c.id}`,
        is_hidden: c.hidden,
        ...(c.parentId && { parent: { id: c.parentId } }),
        // A photo comes as a StoryAttachment whose media.image.src is the picture (DOCS.comment).
        ...(c.image && {
          attachment: { type: 'photo', media: { image: { src: c.image.url } }, url: c.image.url },
        }),
      }
    if (c.network === 'instagram')
      return {
        id: c.id,
        text: c.text,
        timestamp: c.createdAt,
        username: c.author.name,
        from: { id: c.author.id, username: c.author.name },
        hidden: c.hidden,
        ...(c.parentId && { parent_id: c.parentId }),
      }
    return {
      id: c.id,
      text: c.text,
      username: c.author.name,
      permalink: `https://www.threads.net/@${c.author.name}/post/${c.id}`,
      timestamp: c.createdAt,
      replied_to: { id: c.parentId ?? c.postId },
      root_post: { id: c.postId },
      is_reply_owned_by_me: c.own,
      hide_status: c.hidden ? 'HIDDEN' : 'NOT_HUSHED',
      media_type: c.image ? 'IMAGE' : 'TEXT_POST',
      ...(c.image && { media_url: c.image.url, alt_text: c.image.alt }),
    }
  }

  /**
   * Cursor-based pagination (DOCS.pagination): `after` points at the end of the page returned;
   * `paging.next` is there only while more follows. The cursor's encoding is the stand-in's own.
   */
  function paged(
    list: StandInComment[],
    params: Record<string, string>,
    max: number,
    render = view,
  ) {
    const limit = Math.min(Math.max(Number(params.limit) || 25, 1), max)
    const afterId = params.after ? Buffer.from(params.after, 'base64url').toString() : undefined
    const start = afterId ? list.findIndex((c) => c.id === afterId) + 1 : 0
    const page = list.slice(start, start + limit)
    const last = page.at(-1)
    return {
      data: page.map(render),
      ...(last && {
        paging: {
          cursors: {
            before: Buffer.from(page[0]!.id).toString('base64url'),
            after: Buffer.from(last.id).toString('base64url'),
          },
          ...(start + limit < list.length && { next: 'https://graph.stand-in/next' }),
        },
      }),
    }
  }

  const allowed = (network: StandInComment['network'], what: 'read' | 'write') =>
    !ctx.grantedScopes || NEEDS[network][what].every((s) => ctx.grantedScopes!.includes(s))

  /** GET /{id} of a comment (a batch item too); undefined when it does not exist. */
  const read = (id: string) => {
    const c = find(id)
    return c ? view(c) : undefined
  }

  async function handle(r: CommentRoute): Promise<boolean> {
    const { method, first, edge, params, res } = r
    // Batch requests (DOCS.batch): a JSON array of {method, relative_url}; each answer carries its
    // own code and a body as a JSON string. Only reads of comments are served here.
    if (method === 'POST' && r.path === '/' && params.batch) {
      const items = JSON.parse(params.batch) as { method: string; relative_url: string }[]
      if (!Array.isArray(items) || items.length > 50) {
        fail(res, 400, 100, '(#100) Too many requests in batch message. Maximum batch size is 50')
        return true
      }
      json(
        res,
        200,
        items.map((item) => {
          const id = decodeURIComponent(item.relative_url.split('?')[0]!.replace(/^\//, ''))
          const found = item.method === 'GET' ? read(id) : undefined
          return found
            ? { code: 200, body: JSON.stringify(found) }
            : { code: 400, body: JSON.stringify(missing(id)) }
        }),
      )
      return true
    }

    // A reply container published on Threads becomes a reply, not a post (DOCS.threadsReplies).
    if (method === 'POST' && edge === 'threads_publish') {
      const container = ctx.containers.get(params.creation_id ?? '')
      const to = container?.params.reply_to_id
      if (!container || !to || container.state !== 'FINISHED') return false
      const parent = find(to)
      const root = parent?.postId ?? ctx.media.find((m) => m.id === to)?.id
      if (!root) {
        fail(res, 400, 100, 'Invalid reply_to_id', 4279009)
        return true
      }
      container.state = 'PUBLISHED'
      const made = add({
        postId: root,
        parentId: parent?.id,
        text: container.params.text ?? '',
        own: true,
      })
      json(res, 200, { id: made.id })
      return true
    }
    // The account's own replies (DOCS.threadsReplies, "Retrieve a list of all a user's replies").
    if (method === 'GET' && edge === 'replies' && first === ctx.threadsUser?.id) {
      const own = comments.filter((c) => c.network === 'threads' && c.own).reverse()
      json(res, 200, paged(own, params, 100))
      return true
    }

    const post = ctx.media.find((m) => m.id === first)
    const comment = find(first)
    const network = post?.network ?? comment?.network
    // Only comments and the edges that hold them are served here; the post itself is not.
    const edges = ['comments', 'replies', 'conversation', 'manage_reply']
    if (!network || (!comment && !edges.includes(edge ?? ''))) return false
    // Page comments are read and moderated with the Page's own token (DOCS.objectComments).
    if (network === 'facebook' && r.held.kind !== 'page') {
      fail(res, 400, 210, '(#210) A page access token is required to request this resource.')
      return true
    }
    const write = method !== 'GET'
    if (!allowed(network, write ? 'write' : 'read')) {
      fail(res, 403, 10, '(#10) Application does not have permission for this action')
      return true
    }

    // Facebook: GET /{object-id}/comments; filter=stream lists replies too, with `parent`;
    // toplevel (the default) only comments on the object itself (DOCS.objectComments).
    if (method === 'GET' && edge === 'comments' && network === 'facebook') {
      const objectId = post?.id ?? comment!.id
      let list = post
        ? under(post.id).filter((c) => params.filter === 'stream' || !c.parentId)
        : comments.filter((c) => c.parentId === objectId)
      if (params.order === 'reverse_chronological') list = [...list].reverse()
      json(res, 200, paged(list, params, 100))
      return true
    }
    // Facebook: POST /{object-id}/comments with `message` (DOCS.objectComments, "Creating"):
    // a reply to a reply lands under the top-level comment, as on facebook.com (a guess).
    if (method === 'POST' && edge === 'comments' && network === 'facebook' && comment) {
      if (!params.message) return missingField(res, 'message')
      return answer(r, {
        postId: comment.postId,
        parentId: comment.parentId ?? comment.id,
        text: params.message,
      })
    }

    // Instagram: top-level comments, each with its replies when asked (DOCS.igComments). A
    // field expansion of an edge answers its first page, with paging like the edge itself
    // (DOCS.pagination); 25 is the stand-in's page size for it, a guess.
    if (method === 'GET' && edge === 'comments' && network === 'instagram' && post) {
      const top = under(post.id).filter((c) => !c.parentId)
      const withReplies = (params.fields ?? '').includes('replies')
      json(
        res,
        200,
        paged(top, params, 50, (c) => ({
          ...view(c),
          ...(withReplies && {
            replies: paged(
              under(post.id).filter((x) => x.parentId === c.id),
              {},
              25,
            ),
          }),
        })),
      )
      return true
    }
    // Instagram: /{ig-comment-id}/replies, to read and to answer (DOCS.igReplies). Replies are one
    // level deep: "You can only reply to top-level comments".
    if (edge === 'replies' && network === 'instagram' && comment) {
      if (method === 'GET') {
        json(
          res,
          200,
          paged(
            comments.filter((c) => c.parentId === comment.id),
            params,
            50,
          ),
        )
        return true
      }
      if (comment.parentId) {
        fail(res, 400, 100, '(#100) You can only reply to top-level comments')
        return true
      }
      if (!params.message) return missingField(res, 'message')
      return answer(r, { postId: comment.postId, parentId: comment.id, text: params.message })
    }

    // Threads: every reply under a post, flattened; reverse defaults to true (DOCS.threadsReplies).
    if (method === 'GET' && edge === 'conversation' && network === 'threads' && post) {
      const list = under(post.id)
      json(res, 200, paged(params.reverse === 'false' ? list : [...list].reverse(), params, 100))
      return true
    }
    // Threads: POST /{reply-id}/manage_reply hide=true|false (DOCS.threadsReplies, "Hide replies").
    if (method === 'POST' && edge === 'manage_reply' && network === 'threads' && comment) {
      if (params.hide !== 'true' && params.hide !== 'false') return missingField(res, 'hide')
      comment.hidden = params.hide === 'true'
      json(res, 200, { success: true })
      return true
    }

    if (!comment || edge) return false
    if (method === 'GET') {
      json(res, 200, view(comment))
      return true
    }
    // Hiding: Facebook's is_hidden (DOCS.comment, "Updating"), Instagram's hide (DOCS.igComment).
    const flag =
      network === 'facebook' ? params.is_hidden : network === 'instagram' ? params.hide : undefined
    if (method === 'POST' && flag !== undefined) {
      if (flag !== 'true' && flag !== 'false')
        return missingField(res, network === 'facebook' ? 'is_hidden' : 'hide')
      comment.hidden = flag === 'true'
      json(res, 200, { success: true })
      return true
    }
    // Deleting: Facebook and Instagram (DOCS.comment "Deleting", DOCS.igComment); Threads has none
    // for another account's reply.
    if (method === 'DELETE' && network !== 'threads') {
      for (const c of comments.filter((x) => x.id === comment.id || x.parentId === comment.id))
        comments.splice(comments.indexOf(c), 1)
      json(res, 200, { success: true })
      return true
    }
    return false
  }

  function answer(r: CommentRoute, input: { postId: string; parentId: string; text: string }) {
    const made = add({ ...input, own: true })
    if (faults.loseNextAnswer) {
      faults.loseNextAnswer = false
      r.req.socket.destroy()
      return true
    }
    json(r.res, 200, { id: made.id })
    return true
  }

  return {
    comments,
    faults,
    add,
    handle,
    /** Facebook's updated_time moves with new comments (DOCS.pagePost). */
    updatedTime(postId: string, created: string) {
      return under(postId).reduce((t, c) => (c.createdAt > t ? c.createdAt : t), created)
    },
    /** Instagram's comments_count includes replies (DOCS.igMedia). */
    count: (postId: string) => under(postId).length,
  }
}
export type StandInComments = ReturnType<typeof standInComments>

// Error bodies as in the stand-in (DOCS in stand-in-graph.ts: error-handling).
function missing(id: string) {
  return {
    error: {
      message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
      fbtrace_id: 'StandIn',
    },
  }
}

function missingField(res: http.ServerResponse, field: string) {
  fail(res, 400, 100, `(#100) The parameter ${field} is required`)
  return true
}

function fail(
  res: http.ServerResponse,
  status: number,
  code: number,
  message: string,
  subcode?: number,
) {
  json(res, status, {
    error: {
      message,
      type: 'OAuthException',
      code,
      ...(subcode && { error_subcode: subcode }),
      fbtrace_id: 'StandIn',
    },
  })
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res
    .writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' })
    .end(JSON.stringify(body))
}
