import { DomainError } from '../../core/errors.js'
import type { Post } from '../../core/schemas/index.js'
import type { Store } from '../repos/index.js'
import type { LibraryAccess } from './access.js'
import { assertMayChange } from './post-rules.js'
import { assemblePosts } from './post-view.js'

/**
 * Whether the library paid to spread a post (a boost on the network). Not
 * part of what goes out, so it can be set in any state, also after
 * publishing, without touching the post's version or approval; the
 * statistics count such posts as paid rather than owned.
 */
export function postBoostService({ store }: { store: Store }) {
  return {
    async setPaidBoost(
      access: LibraryAccess<'posts.write'>,
      postId: string,
      paid: boolean,
    ): Promise<Post> {
      const row = await store.repos.posts.find(access.libraryId, postId)
      if (!row) throw new DomainError('post_not_found')
      assertMayChange(access, row)
      await store.repos.posts.setPaidBoost(access.libraryId, postId, paid)
      const [post] = await assemblePosts(store.repos, access.libraryId, [
        { ...row, paid_boost: paid ? 1 : 0 },
      ])
      return post!
    },
  }
}
export type PostBoostService = ReturnType<typeof postBoostService>
