import type { Insertable } from 'kysely'
import type { Db } from '../db/database.js'
import type { IdeaCommentsTable, IdeaPhotosTable, IdeasTable } from '../db/schema/ideas.js'

/** The idea board's SQL; every query names the library. */
export function ideasRepo(db: Db) {
  const withDetails = (libraryId: string, viewerId: string) =>
    db
      .selectFrom('ideas')
      .innerJoin('users as owner', 'owner.id', 'ideas.owner_id')
      .leftJoin('events', (join) =>
        join.onRef('events.id', '=', 'ideas.event_id').on('events.library_id', '=', libraryId),
      )
      .leftJoin('posts', (join) =>
        join.onRef('posts.id', '=', 'ideas.post_id').on('posts.library_id', '=', libraryId),
      )
      .leftJoin('idea_photos', 'idea_photos.idea_id', 'ideas.id')
      .selectAll('ideas')
      .select([
        'owner.name as owner_name',
        'events.summary as event_summary',
        'events.starts_at as event_starts_at',
        'posts.state as post_state',
        'posts.campaign_id as post_campaign_id',
        'idea_photos.alt as photo_alt',
        'idea_photos.width as photo_width',
        'idea_photos.height as photo_height',
      ])
      .select((eb) => [
        eb
          .selectFrom('idea_supports')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('idea_supports.idea_id', '=', 'ideas.id')
          .as('supporters'),
        eb
          .selectFrom('idea_comments')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('idea_comments.idea_id', '=', 'ideas.id')
          .as('comments'),
        eb
          .exists(
            eb
              .selectFrom('idea_supports')
              .select('idea_supports.user_id')
              .whereRef('idea_supports.idea_id', '=', 'ideas.id')
              .where('idea_supports.user_id', '=', viewerId),
          )
          .as('supported_by_me'),
      ])
      .where('ideas.library_id', '=', libraryId)

  return {
    /** Newest first, with what the board shows of each. */
    list(libraryId: string, viewerId: string, limit: number) {
      return withDetails(libraryId, viewerId)
        .orderBy('ideas.created_at', 'desc')
        .orderBy('ideas.id', 'desc')
        .limit(limit)
        .execute()
    },
    findDetailed(libraryId: string, viewerId: string, id: string) {
      return withDetails(libraryId, viewerId).where('ideas.id', '=', id).executeTakeFirst()
    },
    /** The idea a post was made of, if any. */
    findByPost(libraryId: string, viewerId: string, postId: string) {
      return withDetails(libraryId, viewerId).where('ideas.post_id', '=', postId).executeTakeFirst()
    },
    async delete(libraryId: string, id: string) {
      await db
        .deleteFrom('ideas')
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },
    find(libraryId: string, id: string) {
      return db
        .selectFrom('ideas')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
    },
    async insert(row: Insertable<IdeasTable>) {
      await db.insertInto('ideas').values(row).execute()
    },
    async setState(libraryId: string, id: string, state: string, now: string) {
      await db
        .updateTable('ideas')
        .set({ state, updated_at: now })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },
    /**
     * Links the idea to its draft only if it has none: the one write two
     * simultaneous requests race on. False when another got there first.
     */
    async claimDraft(
      libraryId: string,
      id: string,
      postId: string,
      by: string,
      now: string,
    ): Promise<boolean> {
      const r = await db
        .updateTable('ideas')
        .set({
          post_id: postId,
          drafted_by: by,
          drafted_at: now,
          state: 'in_progress',
          updated_at: now,
        })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .where('post_id', 'is', null)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    /** The ideas these posts were made of, each marked published once; those already marked are left out. */
    markPublished(libraryId: string, postIds: readonly string[], now: string) {
      if (postIds.length === 0) return Promise.resolve([])
      return db
        .updateTable('ideas')
        .set({ published_at: now, state: 'used', updated_at: now })
        .where('library_id', '=', libraryId)
        .where('post_id', 'in', [...postIds])
        .where('published_at', 'is', null)
        .returning(['id', 'post_id', 'owner_id', 'text'])
        .execute()
    },

    async putPhoto(row: IdeaPhotosTable) {
      await db
        .deleteFrom('idea_photos')
        .where('library_id', '=', row.library_id)
        .where('idea_id', '=', row.idea_id)
        .execute()
      await db.insertInto('idea_photos').values(row).execute()
    },
    photo(libraryId: string, ideaId: string) {
      return db
        .selectFrom('idea_photos')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('idea_id', '=', ideaId)
        .executeTakeFirst()
    },

    async support(libraryId: string, ideaId: string, userId: string, now: string) {
      await db
        .insertInto('idea_supports')
        .values({ idea_id: ideaId, user_id: userId, library_id: libraryId, created_at: now })
        .onConflict((oc) => oc.columns(['idea_id', 'user_id']).doNothing())
        .execute()
    },
    async unsupport(libraryId: string, ideaId: string, userId: string) {
      await db
        .deleteFrom('idea_supports')
        .where('library_id', '=', libraryId)
        .where('idea_id', '=', ideaId)
        .where('user_id', '=', userId)
        .execute()
    },

    async insertComment(row: Insertable<IdeaCommentsTable>) {
      await db.insertInto('idea_comments').values(row).execute()
    },
    /** Oldest first, with their authors' names. */
    comments(libraryId: string, ideaId: string) {
      return db
        .selectFrom('idea_comments')
        .innerJoin('users', 'users.id', 'idea_comments.author_id')
        .selectAll('idea_comments')
        .select('users.name as author_name')
        .where('idea_comments.library_id', '=', libraryId)
        .where('idea_comments.idea_id', '=', ideaId)
        .orderBy('idea_comments.created_at')
        .orderBy('idea_comments.id')
        .execute()
    },
  }
}
export type IdeaRow = NonNullable<Awaited<ReturnType<ReturnType<typeof ideasRepo>['findDetailed']>>>
