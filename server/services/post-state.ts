import type { PostState, PublicationState } from '../../core/schemas/index.js'
import type { Repos } from '../repos/index.js'

/**
 * A post's state follows its publications once it has left the drafts:
 * published when every channel has it, failed when none is still on its way
 * and at least one failed.
 */
export function derivePostState(current: PostState, publications: PublicationState[]): PostState {
  if (current === 'draft' || current === 'withdrawn') return current
  const live = publications.filter((s) => s !== 'cancelled' && s !== 'deleted' && s !== 'deleting')
  if (live.some((s) => s === 'pending' || s === 'in_flight' || s === 'unknown')) return 'scheduled'
  if (live.some((s) => s === 'failed')) return 'failed'
  if (live.length > 0 && live.every((s) => s === 'published')) return 'published'
  return current
}

export async function refreshPostState(
  repos: Pick<Repos, 'posts' | 'publications'>,
  libraryId: string,
  postId: string,
): Promise<void> {
  const post = await repos.posts.findContent(libraryId, postId)
  if (!post) return
  const next = derivePostState(
    post.state as PostState,
    (await repos.publications.states(libraryId, postId)).map((r) => r.state as PublicationState),
  )
  if (next !== post.state)
    await repos.posts.setState(libraryId, postId, next, new Date().toISOString())
}

/** The same for many posts of one library, in two queries and one update per post that changed. */
export async function refreshPostStates(
  repos: Pick<Repos, 'posts' | 'publications'>,
  libraryId: string,
  postIds: string[],
): Promise<void> {
  if (postIds.length === 0) return
  const [posts, states] = await Promise.all([
    repos.posts.findContents(libraryId, postIds),
    repos.publications.statesForPosts(libraryId, postIds),
  ])
  const byPost = Map.groupBy(states, (s) => s.post_id)
  const now = new Date().toISOString()
  for (const post of posts) {
    const next = derivePostState(
      post.state as PostState,
      (byPost.get(post.id) ?? []).map((r) => r.state as PublicationState),
    )
    if (next !== post.state) await repos.posts.setState(libraryId, post.id, next, now)
  }
}
