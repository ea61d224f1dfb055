import type { Insertable } from 'kysely'
import type { Db } from '../db/database.js'
import type { PostCommentsTable } from '../db/schema/post-comments.js'

export function commentsRepo(db: Db) {
  return {
    async insert(row: Insertable<PostCommentsTable>) {
      await db.insertInto('post_comments').values(row).execute()
    },
    /** A post's comments, oldest first, with their authors' names. */
    list(libraryId: string, postId: string) {
      return db
        .selectFrom('post_comments')
        .innerJoin('users', 'users.id', 'post_comments.author_id')
        .selectAll('post_comments')
        .select('users.name as author_name')
        .where('post_comments.library_id', '=', libraryId)
        .where('post_comments.post_id', '=', postId)
        .orderBy('post_comments.created_at')
        .orderBy('post_comments.id')
        .execute()
    },
  }
}
