import { queryOptions } from '@tanstack/react-query'
import type { ReshapeMode } from '../../core/composer/aspect.js'
import type { Post, PostState, Publication } from '../../core/schemas/index.js'
import { api, upload } from './client.js'

const base = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}/posts`
const one = (libraryId: string, postId: string) =>
  `${base(libraryId)}/${encodeURIComponent(postId)}`

/** Publications whose outcome is still coming: the page asks again until it arrives. */
const MOVING: Publication['state'][] = ['pending', 'in_flight', 'unknown', 'deleting']
const SOON_MS = 60_000

/**
 * How often to ask for news about these posts: every 3 s while something is
 * on its way (or due within a minute), every minute while a post waits for a
 * later time, not at all otherwise.
 */
export function pollInterval(posts: Post[] | undefined): number | false {
  let interval: number | false = false
  const now = Date.now()
  for (const post of posts ?? []) {
    for (const publication of post.publications) {
      if (!MOVING.includes(publication.state)) continue
      const waiting =
        publication.state === 'pending' && Date.parse(publication.dueAt) - now > SOON_MS
      if (!waiting) return 3_000
      interval = 60_000
    }
  }
  return interval
}

export const postsQuery = (libraryId: string, states: readonly PostState[]) =>
  queryOptions({
    queryKey: ['library', libraryId, 'posts', states.join(',')],
    queryFn: () => api<Post[]>('GET', `${base(libraryId)}?state=${states.join(',')}`),
    refetchInterval: (query) => pollInterval(query.state.data),
  })

export const postQuery = (libraryId: string, postId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'post', postId],
    queryFn: () => api<Post>('GET', one(libraryId, postId)),
    refetchInterval: (query) => pollInterval(query.state.data && [query.state.data]),
  })

export type PostContent = {
  text: string
  variants: Record<string, string>
  /** BCP 47 tag of the language it is written in (core/languages.ts). */
  language: string
  channelIds: string[]
}

/** When a post is planned for, who writes it, its target group and tags. */
export type PostPlanning = {
  plannedAt: string | null
  assigneeId: string | null
  audience: string | null
  tags: string[]
}

export function createPost(
  libraryId: string,
  content: PostContent & Partial<PostPlanning>,
): Promise<Post> {
  return api<Post>('POST', base(libraryId), content)
}

/** Saves an edit made on `version`; a newer version on the server answers version_conflict. */
export function updatePost(
  libraryId: string,
  postId: string,
  change: Partial<PostContent & PostPlanning> & { version: number },
): Promise<Post> {
  return api<Post>('PATCH', one(libraryId, postId), change)
}

/** Deletes a draft, or withdraws a published post from the networks. */
/** Marks the post as a paid boost, or not (any state: it is not part of what goes out). */
export function setPaidBoost(libraryId: string, postId: string, paid: boolean): Promise<Post> {
  return api<Post>('POST', `${base(libraryId)}/${encodeURIComponent(postId)}/paid-boost`, { paid })
}

export function deletePost(libraryId: string, postId: string): Promise<void> {
  return api<void>('DELETE', one(libraryId, postId))
}

/** Schedules, reschedules, or (with `at` = now) publishes at once. */
export function schedulePost(
  libraryId: string,
  postId: string,
  input: { at: string; version: number },
  /** On Övningskanalen only: a Skribent publishes there themselves. */
  practice = false,
): Promise<Post> {
  const path = practice
    ? `/libraries/${encodeURIComponent(libraryId)}/practice/posts/${encodeURIComponent(postId)}/schedule`
    : `${one(libraryId, postId)}/schedule`
  return api<Post>('POST', path, input)
}

export function unschedulePost(libraryId: string, postId: string): Promise<Post> {
  return api<Post>('POST', `${one(libraryId, postId)}/unschedule`)
}

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024

export function addImage(libraryId: string, postId: string, file: File): Promise<Post> {
  return upload<Post>(`${one(libraryId, postId)}/images`, file)
}

export function imageUrl(libraryId: string, postId: string, imageId: string): string {
  return `/api/v1${one(libraryId, postId)}/images/${encodeURIComponent(imageId)}`
}

export function setImageAlt(
  libraryId: string,
  postId: string,
  imageId: string,
  alt: string,
): Promise<Post> {
  return api<Post>('PATCH', `${one(libraryId, postId)}/images/${encodeURIComponent(imageId)}`, {
    alt,
  })
}

export function removeImage(libraryId: string, postId: string, imageId: string): Promise<Post> {
  return api<Post>('DELETE', `${one(libraryId, postId)}/images/${encodeURIComponent(imageId)}`)
}

/** Pads or crops an image to a shape the chosen channels take; it comes back under a new id. */
export function reshapeImage(
  libraryId: string,
  postId: string,
  imageId: string,
  mode: ReshapeMode,
): Promise<Post> {
  return api<Post>(
    'POST',
    `${one(libraryId, postId)}/images/${encodeURIComponent(imageId)}/reshape`,
    { mode },
  )
}
