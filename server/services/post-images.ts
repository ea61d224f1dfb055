import { networkLimitsSchema } from '../../core/composer/limits.js'
import { type ReshapeMode, ratioBounds, reshapedSize } from '../../core/composer/aspect.js'
import { DomainError } from '../../core/errors.js'
import { EDITABLE_STATES, mayChangePost } from '../../core/posts/rules.js'
import type { EditedField, Post, PostState } from '../../core/schemas/index.js'
import type { Clock } from '../clock.js'
import { processUpload } from '../media/images.js'
import { reshapeImage } from '../media/reshape.js'
import type { Repos, Store } from '../repos/index.js'
import { newId } from '../security/tokens.js'
import type { LibraryAccess } from './access.js'
import { recordEvent } from './post-history.js'
import { assertMayChange, reopenForEdit } from './post-rules.js'
import { loadPost } from './post-view.js'

// Facebook and Instagram take ten; each channel's own limit is checked again when scheduling.
const MAX_IMAGES = 10

/** A post's images: added, described, reshaped and removed, each an edit of the post. */
export function postImageService({ store, clock }: { store: Store; clock: Clock }) {
  const load = (libraryId: string, postId: string) => loadPost(store.repos, libraryId, postId)

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
          created_at: clock.now().toISOString(),
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
  }
}
