import type { Db } from '../db/database.js'

const CHUNK = 500
/** Interactions that are not public records: reduced to counts after the library's retention. */
export const COUNTED_KINDS = ['like', 'repost', 'follow'] as const
/** How an erased author's pseudonym begins: statistics leave such authors out. */
export const ERASED_AUTHOR_PREFIX = 'erased:'

/** What Torget holds about a person outside the archive, and the means to forget it. */
export function personalDataRepo(db: Db) {
  return {
    /** Every interaction by the account on any of the library's channels. */
    interactionsBy(libraryId: string, remoteIds: readonly string[], handles: readonly string[]) {
      return db
        .selectFrom('interactions')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where((eb) =>
          eb.or([
            ...(remoteIds.length ? [eb('author_remote_id', 'in', [...remoteIds])] : []),
            ...(handles.length ? [eb('author_handle', 'in', [...handles])] : []),
          ]),
        )
        .orderBy('remote_created_at')
        .orderBy('id')
        .execute()
    },
    inboxItems(libraryId: string, ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([])
      return db
        .selectFrom('inbox_items')
        .select(['id', 'channel_id', 'kind', 'state', 'received_at', 'closed_at'])
        .where('library_id', '=', libraryId)
        .where('id', 'in', [...ids])
        .execute()
    },
    /**
     * Staff notes on the person's items, and notes naming their handle: both
     * are about them, and a note may be a record of its own (a minnesanteckning).
     */
    notes(libraryId: string, itemIds: readonly string[], handles: readonly string[]) {
      return db
        .selectFrom('inbox_notes')
        .select(['id', 'item_id', 'body', 'created_at'])
        .where('library_id', '=', libraryId)
        .where((eb) =>
          eb.or([
            ...(itemIds.length ? [eb('item_id', 'in', [...itemIds])] : []),
            ...handles.map((h) => eb('body', 'like', `%${h.replace(/[\\%_]/g, '')}%`)),
          ]),
        )
        .orderBy('created_at')
        .execute()
    },
    /** The author of these interactions (and their inbox items) replaced by a pseudonym. */
    async pseudonymise(libraryId: string, ids: readonly string[], pseudonym: string) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const part = ids.slice(i, i + CHUNK)
        await db
          .updateTable('interactions')
          .set({
            author_remote_id: pseudonym,
            author_handle: pseudonym,
            author_name: '',
            author_url: '',
            author_avatar: null,
          })
          .where('library_id', '=', libraryId)
          .where('id', 'in', part)
          .execute()
        await db
          .updateTable('inbox_items')
          .set({ author_remote_id: pseudonym })
          .where('library_id', '=', libraryId)
          .where('id', 'in', part)
          .execute()
      }
    },
    async replaceSearchText(libraryId: string, id: string, text: string) {
      await db
        .updateTable('inbox_items')
        .set({ search_text: text })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },
    searchText(libraryId: string, ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([])
      return db
        .selectFrom('inbox_items')
        .select(['id', 'search_text'])
        .where('library_id', '=', libraryId)
        .where('id', 'in', [...ids])
        .execute()
    },

    /** What a member wrote or did in the library, outside the archive. */
    async memberActivity(libraryId: string, userId: string) {
      const [posts, comments, notes, audit, ideas, ideaComments, ideaSupports] = await Promise.all([
        db
          .selectFrom('posts')
          .select(['id', 'created_at'])
          .where('library_id', '=', libraryId)
          .where('author_id', '=', userId)
          .execute(),
        db
          .selectFrom('post_comments')
          .select(['id', 'post_id', 'text', 'created_at'])
          .where('library_id', '=', libraryId)
          .where('author_id', '=', userId)
          .execute(),
        db
          .selectFrom('inbox_notes')
          .select(['id', 'item_id', 'body', 'created_at'])
          .where('library_id', '=', libraryId)
          .where('author_id', '=', userId)
          .execute(),
        db
          .selectFrom('audit_log')
          .select(['id', 'action', 'at'])
          .where('library_id', '=', libraryId)
          .where('actor_id', '=', userId)
          .execute(),
        db
          .selectFrom('ideas')
          .select(['id', 'text', 'book', 'link', 'state', 'post_id', 'created_at'])
          .where('library_id', '=', libraryId)
          .where('owner_id', '=', userId)
          .execute(),
        db
          .selectFrom('idea_comments')
          .select(['id', 'idea_id', 'text', 'created_at'])
          .where('library_id', '=', libraryId)
          .where('author_id', '=', userId)
          .execute(),
        db
          .selectFrom('idea_supports')
          .select(['idea_id', 'created_at'])
          .where('library_id', '=', libraryId)
          .where('user_id', '=', userId)
          .execute(),
      ])
      return { posts, comments, notes, audit, ideas, ideaComments, ideaSupports }
    },

    /** Libraries that keep likes, reposts and follows only as counts after some days. */
    librariesWithInteractionRetention() {
      return db
        .selectFrom('archive_settings')
        .innerJoin('libraries', 'libraries.id', 'archive_settings.library_id')
        .select(['library_id', 'interaction_retention_days', 'libraries.time_zone'])
        .where('interaction_retention_days', 'is not', null)
        .execute()
    },
    /** Likes, reposts and follows received before `before`, oldest first. */
    countedInteractionsBefore(libraryId: string, before: string, limit: number) {
      return db
        .selectFrom('interactions')
        .select('id')
        .where('library_id', '=', libraryId)
        .where('kind', 'in', [...COUNTED_KINDS])
        .where('received_at', '<', before)
        .orderBy('received_at')
        .limit(limit)
        .execute()
    },
    async addCounts(
      rows: readonly {
        library_id: string
        channel_id: string
        day: string
        kind: string
        subject_remote_id: string
        count: number
      }[],
    ) {
      for (const row of rows)
        await db
          .insertInto('interaction_counts')
          .values(row)
          .onConflict((oc) =>
            oc
              .columns(['library_id', 'channel_id', 'day', 'kind', 'subject_remote_id'])
              .doUpdateSet((eb) => ({ count: eb('interaction_counts.count', '+', row.count) })),
          )
          .execute()
    },
    /**
     * Deletes these interactions and returns what was deleted: a row another
     * worker deleted meanwhile is not returned, so it is counted once.
     */
    async deleteInteractions(libraryId: string, ids: readonly string[]) {
      const deleted = []
      for (let i = 0; i < ids.length; i += CHUNK)
        deleted.push(
          ...(await db
            .deleteFrom('interactions')
            .where('library_id', '=', libraryId)
            .where('id', 'in', ids.slice(i, i + CHUNK))
            .returning([
              'id',
              'channel_id',
              'kind',
              'subject_remote_id',
              'remote_created_at',
              'received_at',
            ])
            .execute()),
        )
      return deleted
    },
    counts(libraryId: string) {
      return db
        .selectFrom('interaction_counts')
        .selectAll()
        .where('library_id', '=', libraryId)
        .orderBy('day')
        .orderBy('kind')
        .execute()
    },
  }
}
export type PersonalDataRepo = ReturnType<typeof personalDataRepo>
