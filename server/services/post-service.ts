import { exceedsDailyLimit, type FitProblem, fitProblems } from '../../core/composer/post-fit.js'
import { type Clock, systemClock } from '../clock.js'
import { networkLimitsSchema } from '../../core/composer/limits.js'
import { type ReshapeMode, ratioBounds, reshapedSize } from '../../core/composer/aspect.js'
import { DomainError, type ErrorCode } from '../../core/errors.js'
import { can } from '../../core/roles.js'
import { isBuiltInNetwork } from '../../core/channels/networks.js'
import {
  APPROVED_STATES,
  EDITABLE_STATES,
  approvalForSchedule,
  mayChangePost,
  mayDeletePost,
} from '../../core/posts/rules.js'
import type { GuidelinePolicy } from '../../core/guidelines/index.js'
import type { EditedField, Post, PostState } from '../../core/schemas/index.js'
import { processUpload } from '../media/images.js'
import { reshapeImage } from '../media/reshape.js'
import type { Repos, Store } from '../repos/index.js'
import { newPublicationRow } from '../repos/publications-repo.js'
import { newId } from '../security/tokens.js'
import type { LibraryAccess } from './access.js'
import { assertMeetsGuidelines } from './guideline-check.js'
import type { GuidelinePolicySource } from './guideline-policy.js'
import { excerptOf, notify } from './notification-service.js'
import { recordEvent, reviewEditors } from './post-history.js'
import { assemblePosts } from './post-view.js'
import type { PublicationScheduler } from './publishing-service.js'

// Facebook and Instagram take ten; each channel's own limit is checked again when scheduling.
const MAX_IMAGES = 10
// A moment of slack so that "publish now" and a clock a second behind still count as now.
const PAST_TOLERANCE_MS = 60_000

type ReadAccess =
  LibraryAccess<'posts.read'> | LibraryAccess<'posts.write'> | LibraryAccess<'posts.publish'>

/** Planning fields as the API takes them; absent means unchanged, null clears. */
interface Planning {
  plannedAt?: string | null | undefined
  assigneeId?: string | null | undefined
  audience?: string | null | undefined
  tags?: string[] | undefined
  campaignId?: string | null | undefined
}

async function planningColumns(repos: Repos, libraryId: string, input: Planning) {
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
const SENDABLE = ['draft', 'pending', 'failed', 'cancelled']

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
async function assertWithinDailyLimits(
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
async function reopenForEdit(
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

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join()

export function postService({
  store,
  scheduler,
  guidelines,
  clock = systemClock,
}: {
  store: Store
  scheduler: PublicationScheduler
  guidelines: GuidelinePolicySource
  clock?: Clock
}) {
  async function load(
    libraryId: string,
    postId: string,
    repos: Repos = store.repos,
  ): Promise<Post> {
    const row = await repos.posts.find(libraryId, postId)
    if (!row) throw new DomainError('post_not_found')
    return (await assemblePosts(repos, libraryId, [row]))[0]!
  }

  /**
   * Sets which channels a post goes to. Publications already out on a network
   * stay (unchecking a channel does not unpublish); the others follow the choice.
   */
  async function setChannels(
    repos: Repos,
    libraryId: string,
    postId: string,
    channelIds: string[],
    now: string,
  ) {
    const wanted = new Set(channelIds)
    const channels = await repos.channels.list(libraryId)
    if ([...wanted].some((id) => !channels.some((c) => c.id === id)))
      throw new DomainError('channel_not_found')
    const existing = await repos.publications.forPosts(libraryId, [postId])
    const kept = new Set(['published', 'deleting', 'deleted'])
    const dropped = existing
      .filter((p) => !wanted.has(p.channel_id) && !kept.has(p.state))
      .map((p) => p.channel_id)
    if (dropped.length > 0) await repos.publications.deleteForPost(libraryId, postId, dropped)
    for (const channelId of wanted) {
      if (existing.some((p) => p.channel_id === channelId)) continue
      await repos.publications.insert(
        newPublicationRow({
          id: newId(),
          libraryId,
          postId,
          channelId,
          state: 'draft',
          dueAt: now,
          now,
        }),
      )
    }
  }

  async function assigned(
    repos: Repos,
    event: { libraryId: string; postId: string; actorId: string; at: string },
    assigneeId: string | null,
    text: string,
  ) {
    await recordEvent(repos, { ...event, kind: 'assigned', details: { assigneeId } })
    await notify(repos, {
      ...event,
      kind: 'assigned',
      excerpt: excerptOf(text),
      userIds: [assigneeId],
    })
  }

  /**
   * Changes a post's images in one transaction that also bumps its version:
   * another editor's save based on the older version is then a conflict, and
   * approved content goes back to review like any other edit.
   */
  async function editImages(
    access: LibraryAccess<'posts.write'>,
    postId: string,
    field: EditedField,
    change: (repos: Repos, row: { id: string }) => Promise<boolean>,
  ) {
    const now = clock.now().toISOString()
    await store.transaction(async (repos) => {
      const row = await repos.posts.find(access.libraryId, postId)
      if (!row) throw new DomainError('post_not_found')
      assertMayChange(access, row)
      if (!EDITABLE_STATES.includes(row.state as PostState))
        throw new DomainError('post_not_editable')
      if (!(await change(repos, row))) return
      const reopened = await reopenForEdit(repos, access.libraryId, row, now)
      if (
        !(await repos.posts.updateIfVersion(
          access.libraryId,
          postId,
          row.version,
          reopened.patch,
          now,
        ))
      )
        throw new DomainError('version_conflict')
      await recordEvent(repos, {
        libraryId: access.libraryId,
        postId,
        actorId: access.userId,
        kind: 'edited',
        details: { fields: [field], ...reopened.details },
        at: now,
      })
    })
  }

  return {
    get: (access: ReadAccess, postId: string) => load(access.libraryId, postId),

    async list(
      access: LibraryAccess<'posts.read'>,
      states: PostState[] | undefined,
    ): Promise<Post[]> {
      const rows = await store.repos.posts.list(access.libraryId, { states, limit: 200 })
      return assemblePosts(store.repos, access.libraryId, rows)
    },

    async create(
      access: LibraryAccess<'posts.write'>,
      input: {
        text: string
        variants: Record<string, string>
        language?: string | undefined
        channelIds: string[]
      } & Planning,
    ): Promise<Post> {
      const id = newId()
      const now = clock.now().toISOString()
      await store.transaction(async (repos) => {
        const language =
          input.language ?? (await repos.libraries.findById(access.libraryId))?.locale
        await repos.posts.insert({
          id,
          library_id: access.libraryId,
          author_id: access.userId,
          text: input.text,
          variants: JSON.stringify(input.variants),
          ...(language && { language }),
          state: 'draft',
          scheduled_at: null,
          version: 1,
          created_at: now,
          updated_at: now,
          ...(await planningColumns(repos, access.libraryId, input)),
        })
        await setChannels(repos, access.libraryId, id, input.channelIds, now)
        const event = { libraryId: access.libraryId, postId: id, actorId: access.userId, at: now }
        await recordEvent(repos, { ...event, kind: 'created' })
        if (input.assigneeId) await assigned(repos, event, input.assigneeId, input.text)
      })
      return load(access.libraryId, id)
    },

    /** Saves an edit made on `version`; an edit based on an older version is a conflict, never an overwrite. */
    async update(
      access: LibraryAccess<'posts.write'>,
      postId: string,
      patch: {
        version: number
        text?: string | undefined
        variants?: Record<string, string> | undefined
        language?: string | undefined
        channelIds?: string[] | undefined
      } & Planning,
    ): Promise<Post> {
      const now = clock.now().toISOString()
      await store.transaction(async (repos) => {
        const row = await repos.posts.find(access.libraryId, postId)
        if (!row) throw new DomainError('post_not_found')
        assertMayChange(access, row)
        if (row.version !== patch.version) throw new DomainError('version_conflict')
        if (!EDITABLE_STATES.includes(row.state as PostState))
          throw new DomainError('post_not_editable')
        const channelIds = (await repos.publications.forPosts(access.libraryId, [postId]))
          .filter((p) => p.state !== 'cancelled')
          .map((p) => p.channel_id)
        const fields: EditedField[] = []
        if (patch.text !== undefined && patch.text !== row.text) fields.push('text')
        if (
          patch.variants !== undefined &&
          JSON.stringify(patch.variants) !== JSON.stringify(JSON.parse(row.variants))
        )
          fields.push('variants')
        if (patch.channelIds !== undefined && !sameSet(patch.channelIds, channelIds))
          fields.push('channels')
        if (patch.language !== undefined && patch.language !== row.language) fields.push('language')
        const content = fields.length > 0
        const planning = await planningColumns(repos, access.libraryId, patch)
        if ('planned_at' in planning && planning.planned_at !== row.planned_at)
          fields.push('plannedAt')
        if ('audience' in planning && planning.audience !== row.audience) fields.push('audience')
        if ('tags' in planning && planning.tags !== row.tags) fields.push('tags')
        const reopened = content
          ? await reopenForEdit(repos, access.libraryId, row, now)
          : { patch: {}, details: {} }
        const changed = await repos.posts.updateIfVersion(
          access.libraryId,
          postId,
          patch.version,
          {
            ...(patch.text !== undefined && { text: patch.text }),
            ...(patch.variants !== undefined && { variants: JSON.stringify(patch.variants) }),
            ...(patch.language !== undefined && { language: patch.language }),
            ...planning,
            ...reopened.patch,
          },
          now,
        )
        if (!changed) throw new DomainError('version_conflict')
        if (patch.channelIds)
          await setChannels(repos, access.libraryId, postId, patch.channelIds, now)
        const event = { libraryId: access.libraryId, postId, actorId: access.userId, at: now }
        if (fields.length > 0)
          await recordEvent(repos, {
            ...event,
            kind: 'edited',
            details: { fields, ...reopened.details },
          })
        if (patch.assigneeId !== undefined && patch.assigneeId !== row.assignee_id)
          await assigned(repos, event, patch.assigneeId, patch.text ?? row.text)
      })
      return load(access.libraryId, postId)
    },

    async addImage(
      access: LibraryAccess<'posts.write'>,
      postId: string,
      bytes: Uint8Array,
    ): Promise<Post> {
      const post = await load(access.libraryId, postId)
      // Said before the upload is decoded; the transaction below checks again.
      if (!mayChangePost(access, post)) throw new DomainError('post_not_yours')
      if (!EDITABLE_STATES.includes(post.state)) throw new DomainError('post_not_editable')
      if (post.images.length >= MAX_IMAGES) throw new DomainError('too_many_images')
      const image = await processUpload(bytes)
      await editImages(access, postId, 'images', async (repos, row) => {
        const count = (await repos.posts.images(access.libraryId, [postId])).length
        if (count >= MAX_IMAGES) throw new DomainError('too_many_images')
        await repos.posts.insertImage({
          id: newId(),
          library_id: access.libraryId,
          post_id: row.id,
          position: count,
          mime_type: image.mimeType,
          width: image.width,
          height: image.height,
          byte_size: image.data.length,
          data: image.data,
          alt: '',
          created_at: clock.now().toISOString(),
        })
        return true
      })
      return load(access.libraryId, postId)
    },

    async setImageAlt(
      access: LibraryAccess<'posts.write'>,
      postId: string,
      imageId: string,
      alt: string,
    ): Promise<Post> {
      await editImages(access, postId, 'alt', async (repos) => {
        const image = (await repos.posts.images(access.libraryId, [postId])).find(
          (i) => i.id === imageId,
        )
        if (!image) throw new DomainError('image_not_found')
        if (image.alt === alt.trim()) return false
        await repos.posts.updateImageAlt(access.libraryId, postId, imageId, alt.trim())
        return true
      })
      return load(access.libraryId, postId)
    },

    /**
     * Pads or crops an image to the nearest shape every chosen channel takes
     * (Instagram: 4:5 to 1.91:1). The new image takes the old one's place and
     * alt text, under a new id so no one is shown the old file from a cache.
     */
    async reshapeImage(
      access: LibraryAccess<'posts.write'>,
      postId: string,
      imageId: string,
      mode: ReshapeMode,
    ): Promise<Post> {
      const post = await load(access.libraryId, postId)
      // Said before the image is worked on; the transaction below checks again.
      if (!mayChangePost(access, post)) throw new DomainError('post_not_yours')
      if (!EDITABLE_STATES.includes(post.state)) throw new DomainError('post_not_editable')
      const image = await store.repos.posts.findImage(access.libraryId, postId, imageId)
      if (!image) throw new DomainError('image_not_found')
      const chosen = (await store.repos.channels.list(access.libraryId)).filter((c) =>
        post.channelIds.includes(c.id),
      )
      const bounds = ratioBounds(chosen.map((c) => networkLimitsSchema.parse(JSON.parse(c.limits))))
      const size = bounds && reshapedSize(image.width, image.height, bounds, mode)
      if (!size) throw new DomainError('image_shape_fits')
      const reshaped = await reshapeImage({ ...image, mimeType: image.mime_type }, size, mode)
      await editImages(access, postId, 'images', async (repos) => {
        const current = await repos.posts.findImage(access.libraryId, postId, imageId)
        if (!current) throw new DomainError('image_not_found')
        await repos.posts.deleteImage(access.libraryId, postId, imageId)
        await repos.posts.insertImage({
          ...current,
          id: newId(),
          mime_type: reshaped.mimeType,
          width: reshaped.width,
          height: reshaped.height,
          byte_size: reshaped.data.length,
          data: reshaped.data,
          created_at: new Date().toISOString(),
        })
        return true
      })
      return load(access.libraryId, postId)
    },

    async removeImage(
      access: LibraryAccess<'posts.write'>,
      postId: string,
      imageId: string,
    ): Promise<Post> {
      await editImages(access, postId, 'images', async (repos) => {
        if (!(await repos.posts.deleteImage(access.libraryId, postId, imageId)))
          throw new DomainError('image_not_found')
        return true
      })
      return load(access.libraryId, postId)
    },

    async image(access: LibraryAccess<'posts.read'>, postId: string, imageId: string) {
      const image = await store.repos.posts.findImage(access.libraryId, postId, imageId)
      if (!image) throw new DomainError('image_not_found')
      return { data: image.data, mimeType: image.mime_type }
    },

    /**
     * Schedules a post (or reschedules it, or publishes it now when `at` is
     * now). Everything a network would refuse is refused here first, in the
     * person's language.
     */
    async schedule(
      // A Skribent publishes themselves only on Övningskanalen, where nothing reaches the public.
      access: LibraryAccess<'posts.publish'> | LibraryAccess<'practice.publish'>,
      postId: string,
      at: Date,
      version: number,
    ): Promise<Post> {
      if (at.getTime() < clock.now().getTime() - PAST_TOLERANCE_MS)
        throw new DomainError('schedule_in_past')
      const dueAt = new Date(Math.max(at.getTime(), clock.now().getTime())).toISOString()
      const now = clock.now().toISOString()
      // Read before the transaction: on SQLite the transaction holds the only connection.
      const { policy } = await guidelines.current(access.libraryId)
      const library = await store.repos.libraries.findById(access.libraryId)
      await store.transaction(async (repos) => {
        const post = await load(access.libraryId, postId, repos)
        if (post.version !== version) throw new DomainError('version_conflict')
        if (post.state === 'published' || post.state === 'withdrawn')
          throw new DomainError('post_not_editable')
        const channels = await repos.channels.list(access.libraryId)
        const sending = post.publications.filter((p) => SENDABLE.includes(p.state))
        const practiceOnly =
          sending.length > 0 &&
          sending.every((t) =>
            isBuiltInNetwork(channels.find((c) => c.id === t.channelId)?.network ?? ''),
          )
        if (!can(access.role, 'posts.publish') && !practiceOnly)
          throw new DomainError('practice_only')
        const approval = approvalForSchedule(
          access,
          post,
          await reviewEditors(repos, access.libraryId, postId),
          // Practice asks no second pair of eyes: it is where a newcomer tries alone.
          { requireSecondApprover: library?.require_second_approver === 1 && !practiceOnly },
        )
        if (approval !== 'approved' && approval !== 'approves') throw new DomainError(approval)
        const selfApproving = approval === 'approves'
        const targets = assertPublishable(post, channels, policy)
        await assertWithinDailyLimits(repos, access.libraryId, targets, channels, new Date(dueAt))
        if (
          !(await repos.posts.updateIfVersion(
            access.libraryId,
            postId,
            version,
            {
              state: 'scheduled',
              scheduled_at: dueAt,
              ...(selfApproving && { approved_by: access.userId, approved_at: now }),
            },
            now,
          ))
        ) {
          throw new DomainError('version_conflict')
        }
        for (const publication of targets) {
          await repos.publications.setState(
            access.libraryId,
            publication.id,
            SENDABLE,
            {
              state: 'pending',
              due_at: dueAt,
              error_kind: null,
              error_code: null,
              error_message: null,
            },
            now,
          )
        }
        const event = { libraryId: access.libraryId, postId, actorId: access.userId, at: now }
        if (selfApproving)
          await recordEvent(repos, { ...event, kind: 'approved', details: { withSchedule: true } })
        await recordEvent(repos, { ...event, kind: 'scheduled', details: { at: dueAt } })
      })
      scheduler.nudge()
      return load(access.libraryId, postId)
    },

    /**
     * Takes a scheduled post off the schedule; it stays approved, ready for
     * another time. A worker that already claimed it is past the point of no return.
     */
    async unschedule(access: LibraryAccess<'posts.publish'>, postId: string): Promise<Post> {
      const now = clock.now().toISOString()
      await store.transaction(async (repos) => {
        const post = await repos.posts.find(access.libraryId, postId)
        if (!post) throw new DomainError('post_not_found')
        if (post.state !== 'scheduled') throw new DomainError('post_not_editable')
        await repos.publications.cancelPending(access.libraryId, postId, now)
        await repos.posts.updateIfVersion(
          access.libraryId,
          postId,
          post.version,
          { state: 'approved', scheduled_at: null },
          now,
        )
        await recordEvent(repos, {
          libraryId: access.libraryId,
          postId,
          actorId: access.userId,
          kind: 'unscheduled',
          at: now,
        })
      })
      return load(access.libraryId, postId)
    },

    /** Deletes a draft, or withdraws a published post from every network it went to. */
    async remove(access: LibraryAccess<'posts.write'>, postId: string): Promise<void> {
      const post = await load(access.libraryId, postId)
      if (['draft', 'in_review', 'approved', 'failed'].includes(post.state)) {
        if (!mayDeletePost(access, post)) throw new DomainError('forbidden')
        if (post.publications.some((p) => p.state === 'published'))
          throw new DomainError('post_not_editable')
        await store.repos.posts.delete(access.libraryId, postId)
        return
      }
      // Withdrawing from the networks is publishing's trust.
      if (!can(access.role, 'posts.publish')) throw new DomainError('forbidden')
      if (post.state === 'scheduled') throw new DomainError('post_not_editable')
      const now = clock.now().toISOString()
      const withdrawing = post.publications.filter((p) => p.state === 'published')
      await store.transaction(async (repos) => {
        for (const p of withdrawing)
          await repos.publications.setState(
            access.libraryId,
            p.id,
            ['published'],
            { state: 'deleting' },
            now,
          )
        await repos.posts.setState(access.libraryId, postId, 'withdrawn', now)
      })
      for (const p of withdrawing) await scheduler.withdraw(access.libraryId, p.id)
    },
  }
}
export type PostService = ReturnType<typeof postService>
