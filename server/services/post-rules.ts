import { exceedsDailyLimit, type FitProblem, fitProblems } from '../../core/composer/post-fit.js'
import { networkLimitsSchema } from '../../core/composer/limits.js'
import { DomainError, type ErrorCode } from '../../core/errors.js'
import { APPROVED_STATES, mayChangePost } from '../../core/posts/rules.js'
import type { GuidelinePolicy } from '../../core/guidelines/index.js'
import type { Post, PostState } from '../../core/schemas/index.js'
import type { Repos } from '../repos/index.js'
import type { LibraryAccess } from './access.js'
import { assertMeetsGuidelines } from './guideline-check.js'

/** Planning fields as the API takes them; absent means unchanged, null clears. */
export interface Planning {
  plannedAt?: string | null | undefined
  assigneeId?: string | null | undefined
  audience?: string | null | undefined
  tags?: string[] | undefined
  campaignId?: string | null | undefined
}

export async function planningColumns(repos: Repos, libraryId: string, input: Planning) {
  if (input.assigneeId && !(await repos.memberships.find(libraryId, input.assigneeId)))
    throw new DomainError('assignee_not_member')
  if (input.campaignId && !(await repos.campaigns.exists(libraryId, input.campaignId)))
    throw new DomainError('campaign_not_found')
  return {
    ...(input.plannedAt !== undefined && {
      planned_at: input.plannedAt && new Date(input.plannedAt).toISOString(),
    }),
    ...(input.assigneeId !== undefined && { assignee_id: input.assigneeId }),
    ...(input.audience !== undefined && { audience: input.audience }),
    ...(input.tags !== undefined && { tags: JSON.stringify(input.tags) }),
    ...(input.campaignId !== undefined && { campaign_id: input.campaignId }),
  }
}

const FIT_ERRORS = {
  text_too_long: 'text_too_long',
  too_many_images: 'too_many_images',
  image_required: 'image_required',
  too_many_hashtags: 'too_many_hashtags',
  too_many_mentions: 'too_many_mentions',
  aspect_ratio: 'image_aspect_ratio',
} as const satisfies Record<FitProblem['code'], ErrorCode>

type ChannelRows = Awaited<ReturnType<Repos['channels']['list']>>

/** Publications that can still be sent: not out, not on their way. */
export const SENDABLE = ['draft', 'pending', 'failed', 'cancelled']

/**
 * Everything a network or the library's policy would refuse, checked when a
 * post is approved and again when it is scheduled.
 */
export function assertPublishable(post: Post, channels: ChannelRows, policy: GuidelinePolicy) {
  const targets = post.publications.filter((p) => SENDABLE.includes(p.state))
  if (targets.length === 0) throw new DomainError('no_channels')
  if (post.images.some((i) => !i.alt.trim())) throw new DomainError('alt_text_missing')
  for (const publication of targets) {
    const channel = channels.find((c) => c.id === publication.channelId)
    if (!channel || channel.health === 'needs_reconnect') throw new DomainError('channel_unusable')
    const limits = networkLimitsSchema.parse(JSON.parse(channel.limits))
    const text = post.variants[publication.channelId] ?? post.text
    if (!text.trim() && post.images.length === 0) throw new DomainError('text_empty')
    const [problem] = fitProblems(text, post.images, limits)
    if (problem) throw new DomainError(FIT_ERRORS[problem.code])
  }
  assertMeetsGuidelines(
    policy,
    post,
    targets.map((p) => channels.find((c) => c.id === p.channelId)!),
  )
  return targets
}

/** A network's posts-per-day limit (Instagram: 25 in any 24 hours), checked when scheduling. */
export async function assertWithinDailyLimits(
  repos: Repos,
  libraryId: string,
  targets: Post['publications'],
  channels: ChannelRows,
  at: Date,
) {
  for (const publication of targets) {
    const channel = channels.find((c) => c.id === publication.channelId)
    const limit = channel && networkLimitsSchema.parse(JSON.parse(channel.limits)).maxPostsPerDay
    if (!channel || !limit) continue
    const day = 86_400_000
    const others = await repos.publications.timesOnChannel(
      libraryId,
      channel.id,
      new Date(at.getTime() - day).toISOString(),
      new Date(at.getTime() + day).toISOString(),
      publication.id,
    )
    if (exceedsDailyLimit(others, at, limit)) throw new DomainError('daily_post_limit')
  }
}

/** Throws unless the member may change this post (see `mayChangePost`). */
export function assertMayChange(
  access: LibraryAccess,
  row: { author_id: string; assignee_id: string | null },
) {
  if (!mayChangePost(access, { authorId: row.author_id, assigneeId: row.assignee_id }))
    throw new DomainError('post_not_yours')
}

/**
 * What an edit of the content does to the post's state: an approved post goes
 * back to review, and a scheduled one comes off the schedule first, in the
 * same transaction, unless a worker already has it (then nothing changes).
 */
export async function reopenForEdit(
  repos: Repos,
  libraryId: string,
  row: { id: string; state: string },
  now: string,
) {
  if (!APPROVED_STATES.includes(row.state as PostState)) return { patch: {}, details: {} }
  let unscheduled = false
  if (row.state === 'scheduled') {
    const publications = await repos.publications.forPosts(libraryId, [row.id])
    if (publications.some((p) => !SENDABLE.includes(p.state)))
      throw new DomainError('post_not_editable')
    const pending = publications.filter((p) => p.state === 'pending').length
    // A publication the dispatcher claimed since the read above is no longer pending.
    if ((await repos.publications.cancelPending(libraryId, row.id, now)).length !== pending)
      throw new DomainError('post_not_editable')
    unscheduled = true
  }
  return {
    patch: {
      state: 'in_review',
      scheduled_at: null,
      approved_by: null,
      approved_at: null,
    },
    details: { backToReview: true, ...(unscheduled && { unscheduled }) },
  }
}
