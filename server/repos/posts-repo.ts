import type { Insertable, Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import { isPostgres } from '../db/dialect.js'
import type { PostImagesTable } from '../db/schema/post-images.js'
import type { PostsTable } from '../db/schema/posts.js'

export type PostRow = Selectable<PostsTable>

export function postsRepo(db: Db) {
  async function setStates(libraryId: string, ids: readonly string[], state: string, now: string) {
    if (ids.length === 0) return
    await db
      .updateTable('posts')
      .set((eb) => ({ state, updated_at: now, version: eb('version', '+', 1) }))
      .where('library_id', '=', libraryId)
      .where('id', 'in', [...ids])
      .execute()
  }

  return {
    /**
     * `lock` holds the post's row (PostgreSQL) until the transaction ends, so two steps on one
     * post run one after the other: the second sees the first's version, not a mix of the post
     * before it and the publications after it.
     */
    find(libraryId: string, id: string, { lock = false } = {}) {
      let query = db
        .selectFrom('posts')
        .innerJoin('users', 'users.id', 'posts.author_id')
        .leftJoin('users as approvers', 'approvers.id', 'posts.approved_by')
        .selectAll('posts')
        .select(['users.name as author_name', 'approvers.name as approver_name'])
        .where('posts.library_id', '=', libraryId)
        .where('posts.id', '=', id)
      if (lock && isPostgres(db)) query = query.forUpdate('posts')
      return query.executeTakeFirst()
    },
    /** What publishing needs of a post, without the author join of `find`. */
    findContent(libraryId: string, id: string) {
      return db
        .selectFrom('posts')
        .select(['id', 'author_id', 'text', 'variants', 'language', 'state', 'scheduled_at'])
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
    },
    findContents(libraryId: string, ids: string[]) {
      if (ids.length === 0) return Promise.resolve([])
      return db
        .selectFrom('posts')
        .select(['id', 'author_id', 'text', 'variants', 'language', 'state', 'scheduled_at'])
        .where('library_id', '=', libraryId)
        .where('id', 'in', ids)
        .execute()
    },
    /** Where answers among these posts are threaded: the network's reference to the item answered. */
    async replyTargets(
      libraryId: string,
      ids: string[],
    ): Promise<Map<string, Record<string, string>>> {
      if (ids.length === 0) return new Map()
      const rows = await db
        .selectFrom('posts')
        .innerJoin('interactions', 'interactions.id', 'posts.reply_to_item_id')
        .select(['posts.id', 'interactions.reply_target'])
        .where('posts.library_id', '=', libraryId)
        .where('posts.id', 'in', ids)
        .execute()
      return new Map(
        rows
          .filter((r) => r.reply_target)
          .map((r) => [r.id, JSON.parse(r.reply_target!) as Record<string, string>]),
      )
    },
    async setPaidBoost(libraryId: string, id: string, paid: boolean) {
      await db
        .updateTable('posts')
        .set({ paid_boost: paid ? 1 : 0 })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },
    /** Which of these posts have images, without reading the images. */
    async withImages(libraryId: string, postIds: string[]): Promise<Set<string>> {
      if (postIds.length === 0) return new Set()
      const rows = await db
        .selectFrom('post_images')
        .select('post_id')
        .distinct()
        .where('library_id', '=', libraryId)
        .where('post_id', 'in', postIds)
        .execute()
      return new Set(rows.map((r) => r.post_id))
    },
    list(libraryId: string, filter: { states?: string[]; limit: number }) {
      let q = db
        .selectFrom('posts')
        .innerJoin('users', 'users.id', 'posts.author_id')
        .leftJoin('users as approvers', 'approvers.id', 'posts.approved_by')
        .selectAll('posts')
        .select(['users.name as author_name', 'approvers.name as approver_name'])
        .where('posts.library_id', '=', libraryId)
        // Answers from the inbox live in their conversation; only those awaiting review show here.
        .where((eb) =>
          eb.or([eb('posts.reply_to_item_id', 'is', null), eb('posts.state', '=', 'in_review')]),
        )
      if (filter.states?.length) q = q.where('posts.state', 'in', filter.states)
      return q
        .orderBy('posts.scheduled_at', 'desc')
        .orderBy('posts.updated_at', 'desc')
        .limit(filter.limit)
        .execute()
    },
    async insert(row: Insertable<PostsTable>) {
      await db.insertInto('posts').values(row).execute()
    },
    /** Applies the change only if nobody changed the post since `version`; returns whether it did. */
    async updateIfVersion(
      libraryId: string,
      id: string,
      version: number,
      patch: Partial<
        Pick<
          PostRow,
          | 'text'
          | 'variants'
          | 'language'
          | 'state'
          | 'scheduled_at'
          | 'planned_at'
          | 'assignee_id'
          | 'audience'
          | 'tags'
          | 'campaign_id'
          | 'approved_by'
          | 'approved_at'
        >
      >,
      now: string,
    ): Promise<boolean> {
      const r = await db
        .updateTable('posts')
        .set({ ...patch, version: version + 1, updated_at: now })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    setState: (libraryId: string, id: string, state: string, now: string) =>
      setStates(libraryId, [id], state, now),
    setStates,
    async delete(libraryId: string, id: string) {
      await db
        .deleteFrom('posts')
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },

    images(libraryId: string, postIds: string[]) {
      if (postIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('post_images')
        .select(['id', 'post_id', 'position', 'mime_type', 'width', 'height', 'byte_size', 'alt'])
        .where('library_id', '=', libraryId)
        .where('post_id', 'in', postIds)
        .orderBy('position')
        .execute()
    },
    imageData(libraryId: string, postId: string) {
      return db
        .selectFrom('post_images')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('post_id', '=', postId)
        .orderBy('position')
        .execute()
    },
    findImage(libraryId: string, postId: string, imageId: string) {
      return db
        .selectFrom('post_images')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('post_id', '=', postId)
        .where('id', '=', imageId)
        .executeTakeFirst()
    },
    async insertImage(row: PostImagesTable) {
      await db.insertInto('post_images').values(row).execute()
    },
    async updateImageAlt(
      libraryId: string,
      postId: string,
      imageId: string,
      alt: string,
    ): Promise<boolean> {
      const r = await db
        .updateTable('post_images')
        .set({ alt })
        .where('library_id', '=', libraryId)
        .where('post_id', '=', postId)
        .where('id', '=', imageId)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async deleteImage(libraryId: string, postId: string, imageId: string): Promise<boolean> {
      const r = await db
        .deleteFrom('post_images')
        .where('library_id', '=', libraryId)
        .where('post_id', '=', postId)
        .where('id', '=', imageId)
        .executeTakeFirst()
      return Number(r.numDeletedRows) === 1
    },
  }
}
