import {
  type Member,
  type ReviewSettings,
  approvalForSchedule,
  approvalRefusal,
  isApproved,
} from '../../../core/posts/rules.js'
import { can } from '../../../core/roles.js'
import type { Post } from '../../../core/schemas/index.js'
import type { ParseKeys } from 'i18next'

export type ReviewOptions = {
  can: { submit: boolean; approve: boolean; giveBack: boolean }
  schedule: boolean
  selfApproving: boolean
  /** i18n keys of what the person should know about the next step. */
  note: ParseKeys | undefined
  backToReview: ParseKeys | undefined
}

/**
 * What this person may do next in the review, by the rules the server
 * applies (core/posts/rules.ts): a Skribent submits; a Redaktör or Ansvarig
 * approves someone else's post, and schedules an approved one or their own
 * (approving it in the same step). With a second person required, nobody
 * approves what they wrote or changed; `editors` are those who changed the
 * content since the last approval (undefined while unknown).
 */
export function reviewAbilities({
  post,
  member,
  settings,
  editors,
}: {
  post: Post | undefined
  member: Member
  settings: ReviewSettings
  editors: readonly string[] | undefined
}): ReviewOptions {
  const state = post?.state ?? 'draft'
  const own = !post || post.authorId === member.userId
  const reviews = can(member.role, 'posts.approve')
  const facts = post ?? { authorId: member.userId, state, approvedAt: null }
  const known = editors !== undefined || !settings.requireSecondApprover
  const refusal = approvalRefusal(member, facts, editors ?? [], settings)
  const forSchedule = approvalForSchedule(member, facts, editors ?? [], settings)
  const approved = isApproved(facts)
  const selfApproving = reviews && forSchedule === 'approves'
  const unapproved = state === 'draft' || state === 'in_review'
  const note = !reviews
    ? (`approval.note.writer.${state === 'in_review' || state === 'approved' ? state : 'draft'}` as const)
    : unapproved && refusal === 'self_approval_not_allowed'
      ? 'approval.note.secondPerson'
      : unapproved && refusal === 'own_edit_approval_not_allowed'
        ? 'approval.note.changedByYou'
        : unapproved && !own
          ? 'approval.note.approveFirst'
          : undefined
  return {
    can: {
      submit: state === 'draft' && (!reviews || refusal !== null),
      approve: reviews && !!post && unapproved && !own && known && refusal === null,
      giveBack: reviews && !!post && !own && (state === 'in_review' || state === 'approved'),
    },
    schedule: reviews && state !== 'scheduled' && (approved || selfApproving),
    selfApproving,
    note,
    backToReview:
      state === 'scheduled'
        ? 'approval.note.editScheduled'
        : approved
          ? 'approval.note.editApproved'
          : undefined,
  }
}
