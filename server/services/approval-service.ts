import { DomainError } from '../../core/errors.js'
import { type Clock, systemClock } from '../clock.js'
import { approvalRefusal } from '../../core/posts/rules.js'
import type { Post, PostEvent, PostEventDetails, PostEventKind } from '../../core/schemas/index.js'
import type { Repos, Store } from '../repos/index.js'
import type { LibraryAccess } from './access.js'
import { assertMeetsGuidelines } from './guideline-check.js'
import type { GuidelinePolicySource } from './guideline-policy.js'
import { addComment } from './comment-service.js'
import { excerptOf, notify } from './notification-service.js'
import { assertMayChange, assertPublishable } from './post-rules.js'
import { recordEvent, reviewEditors } from './post-history.js'
import { assemblePosts, reloadPost } from './post-view.js'
import { recordActivity } from './inbox/inbox-service.js'
import type { PublicationScheduler } from './publishing-service.js'

type ReadAccess = LibraryAccess<'posts.read'>

/**
 * The review between writing and publishing: a writer submits a draft, a
 * Redaktör or Ansvarig approves it (or returns it with a word on what to
 * change). Scheduling, and approval by scheduling one's own post, live in
 * the post service.
 */
export function approvalService({
  store,
  guidelines,
  scheduler,
  clock = systemClock,
}: {
  store: Store
  guidelines: GuidelinePolicySource
  scheduler: Pick<PublicationScheduler, 'nudge'>
  clock?: Clock
}) {
  /** The post, and the inbox item it answers when it is an answer from Inkorg. */
  async function loadWithItem(repos: Repos, libraryId: string, postId: string) {
    const row = await repos.posts.find(libraryId, postId, { lock: true })
    if (!row) throw new DomainError('post_not_found')
    const [post] = await assemblePosts(repos, libraryId, [row])
    return { post: post!, replyTo: row.reply_to_item_id }
  }

  /** Moves a post from one of `from` to `to` on `version`, with its history and notifications. */
  async function step(
    access: LibraryAccess,
    postId: string,
    input: { version: number; note?: string | undefined },
    move: {
      from: readonly string[]
      to: 'in_review' | 'approved' | 'draft'
      kind: PostEventKind
      /** Whether this member may take the step on this post at all, checked first. */
      may?: (post: Post) => void
      check?: (post: Post, repos: Repos) => Promise<void> | void
      tell: (post: Post, members: { userId: string; role: string }[]) => (string | null)[]
      notification: 'review_requested' | 'approved' | 'returned'
    },
  ): Promise<Post> {
    const now = clock.now().toISOString()
    let published = false
    const after = await store.transaction(async (repos) => {
      const { post, replyTo } = await loadWithItem(repos, access.libraryId, postId)
      move.may?.(post)
      if (post.version !== input.version) throw new DomainError('version_conflict')
      // An answer from Inkorg waits only in review: approved it goes out, returned it is a draft.
      if (!(replyTo ? ['in_review'] : move.from).includes(post.state))
        throw new DomainError('post_wrong_state')
      // Its review is the second pair of eyes the answer waited for: never its writer's own.
      if (replyTo && move.to === 'approved' && post.authorId === access.userId)
        throw new DomainError('reply_self_approval_not_allowed')
      await move.check?.(post, repos)
      const approval =
        move.to === 'approved'
          ? { approved_by: access.userId, approved_at: now }
          : { approved_by: null, approved_at: null }
      // An approved answer is sent at once, through the same claim as any publication.
      const sendNow = Boolean(replyTo) && move.to === 'approved'
      if (
        !(await repos.posts.updateIfVersion(
          access.libraryId,
          postId,
          input.version,
          sendNow
            ? { state: 'scheduled', scheduled_at: now, ...approval }
            : { state: move.to, ...approval },
          now,
        ))
      )
        throw new DomainError('version_conflict')
      const event = { libraryId: access.libraryId, postId, actorId: access.userId, at: now }
      await recordEvent(repos, { ...event, kind: move.kind })
      if (sendNow) {
        for (const publication of post.publications)
          await repos.publications.setState(
            access.libraryId,
            publication.id,
            ['draft'],
            { state: 'pending', due_at: now },
            now,
          )
        await recordEvent(repos, { ...event, kind: 'scheduled', details: { at: now } })
        published = true
      }
      if (replyTo) {
        await repos.inbox.noteSystemChange(access.libraryId, replyTo, { updated_at: now })
        await recordActivity(repos, {
          libraryId: access.libraryId,
          itemId: replyTo,
          action: move.to === 'approved' ? 'reply_approved' : 'reply_returned',
          actorId: access.userId,
          at: now,
          detail: { postId, ...(input.note && { note: input.note }) },
        })
      }
      const members = await repos.memberships.listForLibrary(access.libraryId)
      await notify(repos, {
        ...event,
        kind: move.notification,
        excerpt: excerptOf(post.text),
        userIds: move.tell(post, members),
      })
      if (input.note)
        await addComment(repos, { ...event, text: input.note, post, members, tellAuthor: false })
      return reloadPost(repos, access.libraryId, post, { publications: sendNow })
    })
    if (published) scheduler.nudge()
    return after
  }

  const approvers = (members: { userId: string; role: string }[]) =>
    members.filter((m) => m.role === 'admin' || m.role === 'editor').map((m) => m.userId)

  return {
    /** A writer asks for review; the Redaktörer and Ansvariga hear of it. */
    async submit(
      access: LibraryAccess<'posts.write'>,
      postId: string,
      input: { version: number; note?: string | undefined },
    ): Promise<Post> {
      const { policy } = await guidelines.current(access.libraryId)
      return step(access, postId, input, {
        from: ['draft'],
        to: 'in_review',
        kind: 'submitted',
        may: (post) =>
          assertMayChange(access, { author_id: post.authorId, assignee_id: post.assigneeId }),
        // What the guidelines stop cannot be approved either: said now, not after a round trip.
        check: async (post, repos) => {
          if (!post.text.trim() && post.images.length === 0) throw new DomainError('text_empty')
          const channels = await repos.channels.list(access.libraryId)
          assertMeetsGuidelines(
            policy,
            post,
            channels.filter((c) => post.channelIds.includes(c.id)),
          )
        },
        tell: (_, members) => approvers(members),
        notification: 'review_requested',
      })
    },

    /**
     * Approves the post as it stands: what networks and the policy would refuse
     * is refused here too. With the library's second-person rule, never by its
     * author nor by anyone who changed its content since the last approval.
     */
    async approve(
      access: LibraryAccess<'posts.approve'>,
      postId: string,
      input: { version: number; note?: string | undefined },
    ): Promise<Post> {
      const { policy } = await guidelines.current(access.libraryId)
      const library = await store.repos.libraries.findById(access.libraryId)
      return step(access, postId, input, {
        from: ['draft', 'in_review'],
        to: 'approved',
        kind: 'approved',
        check: async (post, repos) => {
          const refusal = approvalRefusal(
            access,
            post,
            await reviewEditors(repos, access.libraryId, postId),
            { requireSecondApprover: library?.require_second_approver === 1 },
          )
          if (refusal) throw new DomainError(refusal)
          assertPublishable(post, await repos.channels.list(access.libraryId), policy)
        },
        tell: (post) => [post.authorId],
        notification: 'approved',
      })
    },

    /** Sends a post back to its writer, best with a note on what to change. */
    async returnToDraft(
      access: LibraryAccess<'posts.approve'>,
      postId: string,
      input: { version: number; note?: string | undefined },
    ): Promise<Post> {
      return step(access, postId, input, {
        from: ['in_review', 'approved'],
        to: 'draft',
        kind: 'returned',
        tell: (post) => [post.authorId],
        notification: 'returned',
      })
    },

    /** Who changed what and when, oldest first. */
    async history(access: ReadAccess, postId: string): Promise<PostEvent[]> {
      if (!(await store.repos.posts.findContent(access.libraryId, postId)))
        throw new DomainError('post_not_found')
      const [rows, members] = await Promise.all([
        store.repos.history.list(access.libraryId, postId),
        store.repos.memberships.listForLibrary(access.libraryId),
      ])
      return rows.map((row) => {
        const details = JSON.parse(row.details) as PostEventDetails
        return {
          id: row.id,
          kind: row.kind as PostEventKind,
          actorId: row.actor_id,
          actorName: row.actor_name,
          details: {
            ...details,
            ...(details.assigneeId !== undefined && {
              assigneeName: members.find((m) => m.userId === details.assigneeId)?.name ?? null,
            }),
          },
          createdAt: row.created_at,
        }
      })
    },
  }
}
export type ApprovalService = ReturnType<typeof approvalService>
