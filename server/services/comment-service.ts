import { DomainError } from '../../core/errors.js'
import { type Clock, systemClock } from '../clock.js'
import { mentionedIds } from '../../core/mentions.js'
import type { Comment } from '../../core/schemas/index.js'
import type { Repos, Store } from '../repos/index.js'
import { newId } from '../security/tokens.js'
import type { LibraryAccess } from './access.js'
import { excerptOf, notify } from './notification-service.js'
import { recordEvent } from './post-history.js'

type Member = { userId: string; name: string }

/**
 * Adds an internal comment in the caller's transaction: mentioned members
 * are told, and so is the post's author (once, if not mentioned already).
 */
export async function addComment(
  repos: Repos,
  input: {
    libraryId: string
    postId: string
    actorId: string
    at: string
    text: string
    post: { authorId: string }
    members: Member[]
    /** False when the author is told of the same step already (a review step's note). */
    tellAuthor?: boolean
  },
): Promise<string> {
  const id = newId()
  const mentions = mentionedIds(input.text, input.members)
  await repos.comments.insert({
    id,
    library_id: input.libraryId,
    post_id: input.postId,
    author_id: input.actorId,
    text: input.text,
    mentions: JSON.stringify(mentions),
    created_at: input.at,
  })
  const event = {
    libraryId: input.libraryId,
    postId: input.postId,
    actorId: input.actorId,
    at: input.at,
  }
  await recordEvent(repos, { ...event, kind: 'commented' })
  const excerpt = excerptOf(input.text)
  await notify(repos, { ...event, kind: 'mentioned', excerpt, userIds: mentions })
  if (input.tellAuthor !== false && !mentions.includes(input.post.authorId))
    await notify(repos, { ...event, kind: 'commented', excerpt, userIds: [input.post.authorId] })
  return id
}

/** Internal comments on a post: talk among the staff, never published. */
export function commentService({ store, clock = systemClock }: { store: Store; clock?: Clock }) {
  async function list(libraryId: string, postId: string): Promise<Comment[]> {
    const [rows, members] = await Promise.all([
      store.repos.comments.list(libraryId, postId),
      store.repos.memberships.listForLibrary(libraryId),
    ])
    return rows.map((row) => ({
      id: row.id,
      postId: row.post_id,
      authorId: row.author_id,
      authorName: row.author_name,
      text: row.text,
      // A member who has left the library is no longer shown as mentioned.
      mentions: (JSON.parse(row.mentions) as string[]).flatMap((userId) => {
        const member = members.find((m) => m.userId === userId)
        return member ? [{ userId, name: member.name }] : []
      }),
      createdAt: row.created_at,
    }))
  }

  return {
    async list(access: LibraryAccess<'posts.read'>, postId: string): Promise<Comment[]> {
      if (!(await store.repos.posts.findContent(access.libraryId, postId)))
        throw new DomainError('post_not_found')
      return list(access.libraryId, postId)
    },

    async add(
      access: LibraryAccess<'posts.comment'>,
      postId: string,
      text: string,
    ): Promise<Comment> {
      const now = clock.now().toISOString()
      const id = await store.transaction(async (repos) => {
        const post = await repos.posts.findContent(access.libraryId, postId)
        if (!post) throw new DomainError('post_not_found')
        const members = await repos.memberships.listForLibrary(access.libraryId)
        return addComment(repos, {
          libraryId: access.libraryId,
          postId,
          actorId: access.userId,
          at: now,
          text,
          post: { authorId: post.author_id },
          members,
        })
      })
      return (await list(access.libraryId, postId)).find((c) => c.id === id)!
    },
  }
}
export type CommentService = ReturnType<typeof commentService>
