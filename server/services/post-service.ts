import { type Clock, systemClock } from '../clock.js'
import { DomainError } from '../../core/errors.js'
import { can } from '../../core/roles.js'
import { isBuiltInNetwork } from '../../core/channels/networks.js'
import { EDITABLE_STATES, approvalForSchedule, mayDeletePost } from '../../core/posts/rules.js'
import type { EditedField, Post, PostState } from '../../core/schemas/index.js'
import type { Repos, Store } from '../repos/index.js'
import { newPublicationRow } from '../repos/publications-repo.js'
import { newId } from '../security/tokens.js'
import type { LibraryAccess } from './access.js'
import type { GuidelinePolicySource } from './guideline-policy.js'
import { excerptOf, notify } from './notification-service.js'
import { recordEvent, reviewEditors } from './post-history.js'
import { postImageService } from './post-images.js'
import {
  type Planning,
  SENDABLE,
  assertMayChange,
  assertPublishable,
  assertWithinDailyLimits,
  planningColumns,
  reopenForEdit,
} from './post-rules.js'
import { assemblePosts, loadPost, reloadPost } from './post-view.js'
import type { PublicationScheduler } from './publishing-service.js'

// A moment of slack so that "publish now" and a clock a second behind still count as now.
const PAST_TOLERANCE_MS = 60_000

type ReadAccess =
  LibraryAccess<'posts.read'> | LibraryAccess<'posts.write'> | LibraryAccess<'posts.publish'>

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
  const load = (libraryId: string, postId: string, repos: Repos = store.repos) =>
    loadPost(repos, libraryId, postId)

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
    options: { created?: boolean } = {},
  ) {
    const wanted = new Set(channelIds)
    const channels = await repos.channels.list(libraryId)
    if ([...wanted].some((id) => !channels.some((c) => c.id === id)))
      throw new DomainError('channel_not_found')
    // A post created in this transaction has none yet.
    const existing = options.created ? [] : await repos.publications.forPosts(libraryId, [postId])
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

  return {
    ...postImageService({ store, clock }),
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
      return store.transaction(async (repos) => {
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
        await setChannels(repos, access.libraryId, id, input.channelIds, now, { created: true })
        const event = { libraryId: access.libraryId, postId: id, actorId: access.userId, at: now }
        await recordEvent(repos, { ...event, kind: 'created' })
        if (input.assigneeId) await assigned(repos, event, input.assigneeId, input.text)
        // Images are added to a post once it exists: a new one has none to read.
        return reloadPost(
          repos,
          access.libraryId,
          { id, images: [], publications: [] },
          { publications: true },
        )
      })
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
      const after = await store.transaction(async (repos) => {
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
        return reloadPost(repos, access.libraryId, post, { publications: true })
      })
      scheduler.nudge()
      return after
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
