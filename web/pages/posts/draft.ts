import { BLUESKY_LIMITS, MASTODON_DEFAULT_LIMITS } from '../../../core/composer/limits.js'
import type { Channel, Post } from '../../../core/schemas/index.js'
import type { PostContent, PostPlanning } from '../../api/posts.js'

/**
 * What the person is writing: one text, the chosen channels, own texts for
 * some of them, and the planning around it.
 */
export type Draft = PostContent & PostPlanning
type Saved = Draft

const NO_PLANNING: PostPlanning = { plannedAt: null, assigneeId: null, audience: null, tags: [] }

function planningOf(post: Post): PostPlanning {
  return {
    plannedAt: post.plannedAt,
    assigneeId: post.assigneeId,
    audience: post.audience,
    tags: [...post.tags],
  }
}

/**
 * A new post goes to every channel that can take it, written in the library's
 * language; the person unticks what they do not want and picks another
 * language. A channel removed since the post was saved is left out.
 */
export function draftOf(post: Post | undefined, channels: Channel[], language: string): Draft {
  if (!post) {
    return {
      text: '',
      channelIds: channels.filter((c) => c.health !== 'needs_reconnect').map((c) => c.id),
      variants: {},
      language,
      ...NO_PLANNING,
    }
  }
  return {
    text: post.text,
    channelIds: post.channelIds.filter((id) => channels.some((c) => c.id === id)),
    variants: { ...post.variants },
    language: post.language,
    ...planningOf(post),
  }
}

/** What the server has, removed channels included: the next save sends the channels afresh. */
export function savedOf(post: Post | undefined, channels: Channel[], language: string): Saved {
  if (!post) return contentOf(draftOf(undefined, channels, language))
  return {
    text: post.text,
    channelIds: [...post.channelIds],
    variants: { ...post.variants },
    language: post.language,
    ...planningOf(post),
  }
}

/** Whether the person changed anything (a removed channel dropping out is not their change). */
export function edited(next: Saved, saved: Saved, channels: Channel[]): boolean {
  const known = (ids: string[]) => ids.filter((id) => channels.some((c) => c.id === id))
  const visible = contentOf({ ...saved, channelIds: known(saved.channelIds) })
  return Object.keys(changes(next, visible)).length > 0
}

/** Own texts only for chosen channels: unticking a channel drops its text on the next save. */
export function contentOf(draft: Draft): Saved {
  const variants: Record<string, string> = {}
  for (const id of draft.channelIds) {
    const variant = draft.variants[id]
    if (variant !== undefined) variants[id] = variant
  }
  return {
    text: draft.text,
    channelIds: [...draft.channelIds],
    variants,
    language: draft.language,
    plannedAt: draft.plannedAt,
    assigneeId: draft.assigneeId,
    audience: draft.audience,
    tags: draft.tags,
  }
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join()
}

function sameVariants(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k])
}

/**
 * Only the fields that changed. Channels are sent only when the choice
 * changed: the server sets a post's channels afresh when it gets them.
 */
export function changes(next: Saved, saved: Saved): Partial<Saved> {
  const patch: Partial<Saved> = {}
  if (next.text !== saved.text) patch.text = next.text
  if (!sameVariants(next.variants, saved.variants)) patch.variants = next.variants
  if (next.language !== saved.language) patch.language = next.language
  if (!sameIds(next.channelIds, saved.channelIds)) patch.channelIds = next.channelIds
  if (next.plannedAt !== saved.plannedAt) patch.plannedAt = next.plannedAt
  if (next.assigneeId !== saved.assigneeId) patch.assigneeId = next.assigneeId
  if (next.audience !== saved.audience) patch.audience = next.audience
  if (next.tags.join('\n') !== saved.tags.join('\n')) patch.tags = next.tags
  return patch
}

/** Whether a change touches what is published (text, language, channels), not just the planning. */
export function touchesContent(patch: Partial<Saved>): boolean {
  return (
    patch.text !== undefined ||
    patch.variants !== undefined ||
    patch.language !== undefined ||
    patch.channelIds !== undefined
  )
}

export function textFor(content: PostContent, channelId: string): string {
  return content.variants[channelId] ?? content.text
}

/** The tightest limit among the chosen channels (the server never takes more than ten images). */
export function combinedLimits(chosen: Channel[], all: Channel[]) {
  const pool = chosen.length > 0 ? chosen : all
  const fallback = [BLUESKY_LIMITS, MASTODON_DEFAULT_LIMITS]
  const limits = pool.length > 0 ? pool.map((c) => c.limits) : fallback
  return {
    maxImages: Math.min(10, ...limits.map((l) => l.maxImages)),
    maxAltText: Math.min(...limits.map((l) => l.maxAltTextCharacters)),
  }
}
