import type { PostState, PublicationState } from '../../core/schemas/index.js'
import type { Repos } from '../repos/index.js'
import { ideaPostsPublished } from './idea-service.js'
import { recordEvents } from './post-history.js'

/**
 * A post's state follows its publications once it has left the drafts:
 * published when every channel has it, failed when none is still on its way
 * and at least one failed.
 */
export function derivePostState(current: PostState, publications: PublicationState[]): PostState {
  // Before scheduling, a publication's old outcome (say, failed before an edit) says nothing.
  if (current === 'draft' || current === 'in_review' || current === 'approved') return current
  if (current === 'withdrawn') return current
  const live = publications.filter((s) => s !== 'cancelled' && s !== 'deleted' && s !== 'deleting')
  if (live.some((s) => s === 'pending' || s === 'in_flight' || s === 'unknown')) return 'scheduled'
  if (live.some((s) => s === 'failed')) return 'failed'
  if (live.length > 0 && live.every((s) => s === 'published')) return 'published'
  return current
}

type StateRepos = Pick<Repos, 'posts' | 'publications' | 'history' | 'ideas' | 'notifications'>

/**
 * Posts' publishing outcomes go into their histories, as Torget's own acts; whoever had the idea
 * a published post was made of is told it is out. A few statements however many posts changed.
 */
async function changeStates(
  repos: StateRepos,
  libraryId: string,
  changes: readonly { postId: string; next: PostState }[],
  now: string,
) {
  for (const [next, posts] of Map.groupBy(changes, (c) => c.next))
    await repos.posts.setStates(
      libraryId,
      posts.map((p) => p.postId),
      next,
      now,
    )
  await recordEvents(
    repos,
    changes.flatMap(({ postId, next }) =>
      next === 'published' || next === 'failed'
        ? [{ libraryId, postId, actorId: null, kind: next, at: now }]
        : [],
    ),
  )
  const published = changes.filter((c) => c.next === 'published').map((c) => c.postId)
  if (published.length > 0) await ideaPostsPublished(repos, libraryId, published, now)
}

export async function refreshPostState(
  repos: StateRepos,
  libraryId: string,
  postId: string,
  now = new Date().toISOString(),
): Promise<void> {
  const post = await repos.posts.findContent(libraryId, postId)
  if (!post) return
  const next = derivePostState(
    post.state as PostState,
    (await repos.publications.states(libraryId, postId)).map((r) => r.state as PublicationState),
  )
  if (next !== post.state) await changeStates(repos, libraryId, [{ postId, next }], now)
}

/** The same for many posts of one library, in two queries and a few statements for those that changed. */
export async function refreshPostStates(
  repos: StateRepos,
  libraryId: string,
  postIds: string[],
  now = new Date().toISOString(),
): Promise<void> {
  if (postIds.length === 0) return
  const [posts, states] = await Promise.all([
    repos.posts.findContents(libraryId, postIds),
    repos.publications.statesForPosts(libraryId, postIds),
  ])
  const byPost = Map.groupBy(states, (s) => s.post_id)
  const changes: { postId: string; next: PostState }[] = []
  for (const post of posts) {
    const next = derivePostState(
      post.state as PostState,
      (byPost.get(post.id) ?? []).map((r) => r.state as PublicationState),
    )
    if (next !== post.state) changes.push({ postId: post.id, next })
  }
  if (changes.length > 0) await changeStates(repos, libraryId, changes, now)
}
