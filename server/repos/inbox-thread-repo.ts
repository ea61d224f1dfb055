import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { isPostgres } from '../db/dialect.js'
import { remoteKey } from './remote-key.js'

/**
 * The inbox's view of conversations on the networks: a thread around an item, an author
 * writing again in a thread, edits and deletions found on a recheck, and the answers
 * written in Torget. Part of the inbox repository (inbox-repo.ts).
 */
// The condition of the partial thread index (migration 035), word for word: SQLite uses a
// partial index only for a query that repeats its condition.
const CONVERSATIONS = sql<boolean>`kind in ('reply', 'mention', 'quote', 'comment')`

export function inboxThreadRepo(db: Db) {
  return {
    /** Interactions in one thread on a channel, oldest first: the conversation around an item. */
    conversation(channelId: string, rootRemoteId: string, limit: number) {
      return db
        .selectFrom('interactions')
        .select([
          'id',
          'remote_id',
          'author_handle',
          'author_name',
          'text',
          'url',
          'remote_created_at',
          'parent_remote_id',
        ])
        .where('channel_id', '=', channelId)
        .where((eb) =>
          eb.or([
            eb('root_remote_id', '=', rootRemoteId),
            eb('remote_key', '=', remoteKey(rootRemoteId)),
          ]),
        )
        .where(CONVERSATIONS)
        .orderBy('remote_created_at')
        .limit(limit)
        .execute()
    },
    /** Answers written in Torget to these items (posts threaded under them). */
    replies(libraryId: string, itemId: string) {
      return db
        .selectFrom('posts')
        .innerJoin('users as u', 'u.id', 'posts.author_id')
        .leftJoin('publications as p', 'p.post_id', 'posts.id')
        .select([
          'posts.id',
          'posts.text',
          'posts.state',
          'posts.version',
          'posts.author_id',
          'u.name as author_name',
          'posts.created_at',
          'p.remote_url',
          'p.remote_id',
        ])
        .where('posts.library_id', '=', libraryId)
        .where('posts.reply_to_item_id', '=', itemId)
        .orderBy('posts.created_at')
        .execute()
    },
    /** Answered or closed items by these authors in these threads: a new message reopens the matter. */
    async earlierInThreads(
      channelId: string,
      authorIds: readonly string[],
      roots: readonly string[],
    ) {
      if (authorIds.length === 0 || roots.length === 0) return []
      // Found through the thread index (channel, root, author): a few probes per read. The lists
      // go as one parameter each, so the statement's text, and its prepared plan, stay the same
      // from read to read whatever their lengths.
      const list = (values: readonly string[]) =>
        isPostgres(db)
          ? sql`(select unnest(${[...new Set(values)]}::text[]))`
          : sql`(select value from json_each(${JSON.stringify([...new Set(values)])}))`
      return db
        .selectFrom('interactions as x')
        .innerJoin('inbox_items as i', 'i.id', 'x.id')
        .select(['i.id', 'i.assignee_id', 'x.author_remote_id', 'x.root_remote_id'])
        .where('x.channel_id', '=', channelId)
        .where(sql<boolean>`x.kind in ('reply', 'mention', 'quote', 'comment')`)
        .where(sql<boolean>`x.root_remote_id in ${list(roots)}`)
        .where(sql<boolean>`x.author_remote_id in ${list(authorIds)}`)
        .where('i.state', 'in', ['answered', 'done'])
        .orderBy('i.received_at')
        .execute()
    },
    /** The channel's recent items longest unchecked: whose edits and deletions to look for. */
    toRecheck(channelId: string, since: string, checkedBefore: string, limit: number) {
      return db
        .selectFrom('interactions')
        .select(['id', 'library_id', 'remote_id', 'text', 'unavailable_at'])
        .where('channel_id', '=', channelId)
        .where('kind', 'in', ['reply', 'mention', 'quote', 'comment'])
        .where('remote_deleted_at', 'is', null)
        .where('remote_created_at', '>=', since)
        .where((eb) =>
          eb.or([eb('rechecked_at', 'is', null), eb('rechecked_at', '<', checkedBefore)]),
        )
        .orderBy('rechecked_at')
        .limit(limit)
        .execute()
    },
    async markRechecked(ids: readonly string[], at: string) {
      if (ids.length === 0) return
      await db
        .updateTable('interactions')
        .set({ rechecked_at: at })
        .where('id', 'in', [...ids])
        .execute()
    },
    /** The author deleted it on the network: the copy stays, marked. */
    async markRemoteDeleted(id: string, at: string) {
      await db
        .updateTable('interactions')
        .set({ remote_deleted_at: at, rechecked_at: at })
        .where('id', '=', id)
        .execute()
    },
    async markUnavailable(id: string, at: string) {
      await db
        .updateTable('interactions')
        .set({ unavailable_at: at, rechecked_at: at })
        .where('id', '=', id)
        .execute()
    },
    /** The author edited it: the text as first received is kept beside the new one. */
    async recordRemoteEdit(id: string, text: string, editedAt: string, at: string) {
      await db
        .updateTable('interactions')
        .set((eb) => ({
          original_text: eb.fn.coalesce('original_text', 'text'),
          text,
          edited_at: editedAt,
          rechecked_at: at,
        }))
        .where('id', '=', id)
        .execute()
      await db
        .updateTable('inbox_items')
        .set({ search_text: text.toLowerCase() })
        .where('id', '=', id)
        .execute()
    },
    /** Which of these posts are answers to inbox items, and whose. */
    replyPosts(libraryId: string, postIds: readonly string[]) {
      if (postIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('posts')
        .select(['id', 'reply_to_item_id', 'author_id'])
        .where('library_id', '=', libraryId)
        .where('id', 'in', [...postIds])
        .where('reply_to_item_id', 'is not', null)
        .execute()
    },
    /** An answer went out: the item is answered (unless closed), and its first response is timed (a system change: see noteSystemChange). */
    async markAnswered(libraryId: string, itemId: string, responderId: string, at: string) {
      await db
        .updateTable('inbox_items')
        .set((eb) => ({
          state: eb
            .case()
            .when('state', 'in', ['new', 'assigned'])
            .then('answered')
            .else(eb.ref('state'))
            .end(),
          first_response_at: eb.fn.coalesce('first_response_at', eb.val(at)),
          first_responder_id: eb.fn.coalesce('first_responder_id', eb.val(responderId)),
          updated_at: at,
        }))
        .where('library_id', '=', libraryId)
        .where('id', '=', itemId)
        .execute()
    },
  }
}
