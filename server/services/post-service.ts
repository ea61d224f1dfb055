import { countText } from '../../core/composer/count.js'
import { networkLimitsSchema } from '../../core/composer/limits.js'
import { DomainError } from '../../core/errors.js'
import type { Post, PostState } from '../../core/schemas/index.js'
import { processUpload } from '../media/images.js'
import type { Repos, Store } from '../repos/index.js'
import { newPublicationRow } from '../repos/publications-repo.js'
import { newId } from '../security/tokens.js'
import type { LibraryAccess } from './access.js'
import { assemblePosts } from './post-view.js'
import type { PublicationScheduler } from './publishing-service.js'

const MAX_IMAGES = 4
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
}

async function planningColumns(repos: Repos, libraryId: string, input: Planning) {
  if (input.assigneeId && !(await repos.memberships.find(libraryId, input.assigneeId)))
    throw new DomainError('assignee_not_member')
  return {
    ...(input.plannedAt !== undefined && {
      planned_at: input.plannedAt && new Date(input.plannedAt).toISOString(),
    }),
    ...(input.assigneeId !== undefined && { assignee_id: input.assigneeId }),
    ...(input.audience !== undefined && { audience: input.audience }),
    ...(input.tags !== undefined && { tags: JSON.stringify(input.tags) }),
  }
}

export function postService({
  store,
  scheduler,
}: {
  store: Store
  scheduler: PublicationScheduler
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

  const editable = (state: string) => state === 'draft' || state === 'failed'

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
      input: { text: string; variants: Record<string, string>; channelIds: string[] } & Planning,
    ): Promise<Post> {
      const id = newId()
      const now = new Date().toISOString()
      await store.transaction(async (repos) => {
        await repos.posts.insert({
          id,
          library_id: access.libraryId,
          author_id: access.userId,
          text: input.text,
          variants: JSON.stringify(input.variants),
          state: 'draft',
          scheduled_at: null,
          version: 1,
          created_at: now,
          updated_at: now,
          ...(await planningColumns(repos, access.libraryId, input)),
        })
        await setChannels(repos, access.libraryId, id, input.channelIds, now)
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
        channelIds?: string[] | undefined
      } & Planning,
    ): Promise<Post> {
      const now = new Date().toISOString()
      await store.transaction(async (repos) => {
        const row = await repos.posts.find(access.libraryId, postId)
        if (!row) throw new DomainError('post_not_found')
        if (row.version !== patch.version) throw new DomainError('version_conflict')
        if (!editable(row.state)) throw new DomainError('post_not_editable')
        const changed = await repos.posts.updateIfVersion(
          access.libraryId,
          postId,
          patch.version,
          {
            ...(patch.text !== undefined && { text: patch.text }),
            ...(patch.variants !== undefined && { variants: JSON.stringify(patch.variants) }),
            ...(await planningColumns(repos, access.libraryId, patch)),
            ...(row.state === 'failed' && { state: 'draft' }),
          },
          now,
        )
        if (!changed) throw new DomainError('version_conflict')
        if (patch.channelIds)
          await setChannels(repos, access.libraryId, postId, patch.channelIds, now)
      })
      return load(access.libraryId, postId)
    },

    async addImage(
      access: LibraryAccess<'posts.write'>,
      postId: string,
      bytes: Uint8Array,
    ): Promise<Post> {
      const post = await load(access.libraryId, postId)
      if (!editable(post.state)) throw new DomainError('post_not_editable')
      if (post.images.length >= MAX_IMAGES) throw new DomainError('too_many_images')
      const image = await processUpload(bytes)
      await store.repos.posts.insertImage({
        id: newId(),
        library_id: access.libraryId,
        post_id: postId,
        position: post.images.length,
        mime_type: image.mimeType,
        width: image.width,
        height: image.height,
        byte_size: image.data.length,
        data: image.data,
        alt: '',
        created_at: new Date().toISOString(),
      })
      return load(access.libraryId, postId)
    },

    async setImageAlt(
      access: LibraryAccess<'posts.write'>,
      postId: string,
      imageId: string,
      alt: string,
    ): Promise<Post> {
      const post = await load(access.libraryId, postId)
      if (!editable(post.state)) throw new DomainError('post_not_editable')
      if (!(await store.repos.posts.updateImageAlt(access.libraryId, postId, imageId, alt.trim())))
        throw new DomainError('image_not_found')
      return load(access.libraryId, postId)
    },

    async removeImage(
      access: LibraryAccess<'posts.write'>,
      postId: string,
      imageId: string,
    ): Promise<Post> {
      const post = await load(access.libraryId, postId)
      if (!editable(post.state)) throw new DomainError('post_not_editable')
      if (!(await store.repos.posts.deleteImage(access.libraryId, postId, imageId)))
        throw new DomainError('image_not_found')
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
      access: LibraryAccess<'posts.publish'>,
      postId: string,
      at: Date,
      version: number,
    ): Promise<Post> {
      if (at.getTime() < Date.now() - PAST_TOLERANCE_MS) throw new DomainError('schedule_in_past')
      const dueAt = new Date(Math.max(at.getTime(), Date.now())).toISOString()
      const now = new Date().toISOString()
      await store.transaction(async (repos) => {
        const post = await load(access.libraryId, postId, repos)
        if (post.version !== version) throw new DomainError('version_conflict')
        if (post.state === 'published' || post.state === 'withdrawn')
          throw new DomainError('post_not_editable')
        const targets = post.publications.filter((p) =>
          ['draft', 'pending', 'failed', 'cancelled'].includes(p.state),
        )
        if (targets.length === 0) throw new DomainError('no_channels')
        if (post.images.some((i) => !i.alt.trim())) throw new DomainError('alt_text_missing')
        const channels = await repos.channels.list(access.libraryId)
        for (const publication of targets) {
          const channel = channels.find((c) => c.id === publication.channelId)
          if (!channel || channel.health === 'needs_reconnect')
            throw new DomainError('channel_unusable')
          const limits = networkLimitsSchema.parse(JSON.parse(channel.limits))
          const text = post.variants[publication.channelId] ?? post.text
          if (!text.trim() && post.images.length === 0) throw new DomainError('text_empty')
          if (!countText(text, limits).fits) throw new DomainError('text_too_long')
          if (post.images.length > limits.maxImages) throw new DomainError('too_many_images')
        }
        if (
          !(await repos.posts.updateIfVersion(
            access.libraryId,
            postId,
            version,
            { state: 'scheduled', scheduled_at: dueAt },
            now,
          ))
        ) {
          throw new DomainError('version_conflict')
        }
        for (const publication of targets) {
          await repos.publications.setState(
            access.libraryId,
            publication.id,
            ['draft', 'pending', 'failed', 'cancelled'],
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
      })
      scheduler.nudge()
      return load(access.libraryId, postId)
    },

    /** Takes a scheduled post back to the drafts; a worker that already claimed it is past the point of no return. */
    async unschedule(access: LibraryAccess<'posts.publish'>, postId: string): Promise<Post> {
      const now = new Date().toISOString()
      await store.transaction(async (repos) => {
        const post = await repos.posts.find(access.libraryId, postId)
        if (!post) throw new DomainError('post_not_found')
        if (post.state !== 'scheduled') throw new DomainError('post_not_editable')
        await repos.publications.cancelPending(access.libraryId, postId, now)
        await repos.posts.updateIfVersion(
          access.libraryId,
          postId,
          post.version,
          { state: 'draft', scheduled_at: null },
          now,
        )
      })
      return load(access.libraryId, postId)
    },

    /** Deletes a draft, or withdraws a published post from every network it went to. */
    async remove(
      access: LibraryAccess<'posts.write'>,
      postId: string,
      canPublish: boolean,
    ): Promise<void> {
      const post = await load(access.libraryId, postId)
      if (post.state === 'draft' || post.state === 'failed') {
        if (post.authorId !== access.userId && !canPublish) throw new DomainError('forbidden')
        if (post.publications.some((p) => p.state === 'published'))
          throw new DomainError('post_not_editable')
        await store.repos.posts.delete(access.libraryId, postId)
        return
      }
      if (!canPublish) throw new DomainError('forbidden')
      if (post.state === 'scheduled') throw new DomainError('post_not_editable')
      const now = new Date().toISOString()
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
