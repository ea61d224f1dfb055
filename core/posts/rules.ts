import { can, type Role } from '../roles.js'
import type { EditedField, PostEventKind, PostState } from '../schemas/index.js'

/**
 * Who may do what to a post. The server enforces these and the web shows
 * only the buttons they allow, so both import them from here.
 */

/** The person acting: their role in the library and their id. */
export interface Member {
  role: Role
  userId: string
}

/** Whose a post is. */
export interface PostOwners {
  authorId: string
  assigneeId: string | null
}

/** The library's settings the review follows. */
export interface ReviewSettings {
  /** "Someone else must approve": nobody approves what they wrote or changed. */
  requireSecondApprover: boolean
}

/** States whose text, channels and images can still change. */
export const EDITABLE_STATES: readonly PostState[] = [
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'failed',
]

/** States that hold approved content (a failed post was approved before it was sent). */
export const APPROVED_STATES: readonly PostState[] = ['approved', 'scheduled', 'failed']

/** States whose planned time can be moved in the calendar (a scheduled post is rescheduled). */
const PLANNABLE_STATES: readonly string[] = ['draft', 'in_review', 'approved']

/**
 * The edits that change what goes out on the networks: they take the
 * approval away and make their maker an editor of the version under review.
 * Planning fields (time, target group, tags, assignee) are internal.
 */
export const CONTENT_FIELDS: readonly EditedField[] = [
  'text',
  'variants',
  'channels',
  'images',
  'alt',
  'language',
]

// States arrive as strings where a client must also show states it does not know yet.
export function isApproved(post: { state: string; approvedAt: string | null }): boolean {
  return (APPROVED_STATES as readonly string[]).includes(post.state) && post.approvedAt !== null
}

/**
 * Redaktörer and Ansvariga change any post; a Skribent only the posts they
 * wrote or were given, so nobody rewrites or unschedules a colleague's work.
 */
export function mayChangePost(member: Member, post: PostOwners): boolean {
  if (can(member.role, 'posts.publish')) return true
  return (
    can(member.role, 'posts.write') &&
    (post.authorId === member.userId || post.assigneeId === member.userId)
  )
}

/**
 * Deleting is the writer's own choice: whoever was given a post finishes it
 * but does not remove it from the plan.
 */
export function mayDeletePost(member: Member, post: Pick<PostOwners, 'authorId'>): boolean {
  if (can(member.role, 'posts.publish')) return true
  return can(member.role, 'posts.write') && post.authorId === member.userId
}

/**
 * A scheduled post is rescheduled by those who publish; a post not yet
 * scheduled has its planned time moved by whoever may change it.
 */
export function mayMovePost(member: Member, post: PostOwners & { state: string }): boolean {
  if (post.state === 'scheduled') return can(member.role, 'posts.publish')
  return PLANNABLE_STATES.includes(post.state) && mayChangePost(member, post)
}

/** One entry of a post's history, as much as the review needs of it. */
export interface ReviewEvent {
  kind: PostEventKind
  actorId: string | null
  details: { fields?: readonly EditedField[] | undefined }
}

/**
 * Who changed the content since it was last approved (oldest first in
 * `events`): the people whose words the next approval vouches for.
 */
export function editorsUnderReview(events: readonly ReviewEvent[]): string[] {
  const editors = new Set<string>()
  for (const event of events) {
    if (event.kind === 'approved') editors.clear()
    else if (
      event.kind === 'edited' &&
      event.actorId &&
      event.details.fields?.some((f) => CONTENT_FIELDS.includes(f))
    )
      editors.add(event.actorId)
  }
  return [...editors]
}

export type ApprovalRefusal = 'self_approval_not_allowed' | 'own_edit_approval_not_allowed'

/**
 * Why this member may not approve the post's current content, or null. Only
 * the library's second-person rule refuses: then the author never approves,
 * and neither does anyone who changed the content since the last approval.
 */
export function approvalRefusal(
  member: Member,
  post: Pick<PostOwners, 'authorId'>,
  editors: readonly string[],
  settings: ReviewSettings,
): ApprovalRefusal | null {
  if (!settings.requireSecondApprover) return null
  if (post.authorId === member.userId) return 'self_approval_not_allowed'
  if (editors.includes(member.userId)) return 'own_edit_approval_not_allowed'
  return null
}

/**
 * How scheduling finds the post's approval: already there; given in the same
 * step by its author (a separate "approve my own post" click would add a step
 * but no second pair of eyes); or refused, with the reason. Another member's
 * post is approved explicitly, so its writer hears of it and the history
 * shows who read it.
 */
export function approvalForSchedule(
  member: Member,
  post: Pick<PostOwners, 'authorId'> & { state: string; approvedAt: string | null },
  editors: readonly string[],
  settings: ReviewSettings,
): 'approved' | 'approves' | ApprovalRefusal | 'post_not_approved' {
  if (isApproved(post)) return 'approved'
  const refusal = approvalRefusal(member, post, editors, settings)
  if (refusal) return refusal
  return post.authorId === member.userId ? 'approves' : 'post_not_approved'
}
