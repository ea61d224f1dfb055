import type { Insertable, Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type {
  PracticeMessagesTable,
  PracticePostsTable,
  PracticeScriptsTable,
} from '../db/schema/practice.js'

export type PracticePostRow = Selectable<PracticePostsTable>
export type PracticeMessageRow = Selectable<PracticeMessagesTable>

/** Övningskanalen's own tables (migration 028), and what the staff path reads of members' work. */
export function practiceRepo(db: Db) {
  return {
    /** Stores the post unless its publication has one; true when stored. */
    async insertPost(row: PracticePostRow): Promise<boolean> {
      const result = await db
        .insertInto('practice_posts')
        .values(row)
        .onConflict((oc) => oc.column('publication_id').doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
    },
    findPostByPublication(libraryId: string, publicationId: string) {
      return db
        .selectFrom('practice_posts')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('publication_id', '=', publicationId)
        .executeTakeFirst()
    },
    async deletePost(libraryId: string, remoteId: string, at: string) {
      await db
        .updateTable('practice_posts')
        .set({ deleted_at: at })
        .where('library_id', '=', libraryId)
        .where('remote_id', '=', remoteId)
        .where('deleted_at', 'is', null)
        .execute()
    },
    async postCount(libraryId: string) {
      const row = await db
        .selectFrom('practice_posts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('library_id', '=', libraryId)
        .where('parent_remote_id', 'is', null)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
    async insertMessages(rows: readonly Insertable<PracticeMessagesTable>[]) {
      if (rows.length === 0) return
      await db
        .insertInto('practice_messages')
        .values([...rows])
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
    },
    /** Has ingest read the library's practice channels at once, as a busy network would be read. */
    async wakeReaders(libraryId: string, now: string) {
      await db
        .updateTable('channel_cursors')
        .set({ next_read_at: now })
        .where('library_id', '=', libraryId)
        .where('channel_id', 'in', (eb) =>
          eb
            .selectFrom('channels')
            .select('id')
            .where('library_id', '=', libraryId)
            .where('network', '=', 'practice'),
        )
        .execute()
    },
    /** Messages after `afterSeq`, in the order they were stored. */
    readMessages(libraryId: string, afterSeq: number, since: string, limit: number) {
      return db
        .selectFrom('practice_messages')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('blocked_at', 'is', null)
        .where('created_at', '>=', since)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute()
    },
    messages(libraryId: string, ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([])
      return db
        .selectFrom('practice_messages')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('id', 'in', [...ids])
        .execute()
    },
    async setHidden(libraryId: string, id: string, at: string | null) {
      await db
        .updateTable('practice_messages')
        .set({ hidden_at: at })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },
    async setBlocked(libraryId: string, persona: string, at: string | null) {
      await db
        .updateTable('practice_messages')
        .set({ blocked_at: at })
        .where('library_id', '=', libraryId)
        .where('persona', '=', persona)
        .execute()
    },
    async followers(libraryId: string) {
      const row = await db
        .selectFrom('practice_messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('library_id', '=', libraryId)
        .where('kind', '=', 'follow')
        .where('blocked_at', 'is', null)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
    /** Likes and replies per live practice post. */
    async counts(libraryId: string, remoteIds: readonly string[]) {
      const out = new Map<string, { likes: number; replies: number }>()
      if (remoteIds.length === 0) return out
      const live = await db
        .selectFrom('practice_posts')
        .select('remote_id')
        .where('library_id', '=', libraryId)
        .where('remote_id', 'in', [...remoteIds])
        .where('deleted_at', 'is', null)
        .execute()
      for (const p of live) out.set(p.remote_id, { likes: 0, replies: 0 })
      const rows = await db
        .selectFrom('practice_messages')
        .select(['subject_remote_id', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
        .where('library_id', '=', libraryId)
        .where('subject_remote_id', 'in', [...remoteIds])
        .where('blocked_at', 'is', null)
        .groupBy(['subject_remote_id', 'kind'])
        .execute()
      for (const r of rows) {
        const c = r.subject_remote_id ? out.get(r.subject_remote_id) : undefined
        if (!c) continue
        if (r.kind === 'like') c.likes += Number(r.n)
        if (r.kind === 'reply') c.replies += Number(r.n)
      }
      return out
    },

    scripts(libraryId: string) {
      return db
        .selectFrom('practice_scripts')
        .selectAll()
        .where('library_id', '=', libraryId)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    },
    async insertScript(row: Selectable<PracticeScriptsTable>) {
      await db.insertInto('practice_scripts').values(row).execute()
    },
    async deleteScript(libraryId: string, id: string) {
      const result = await db
        .deleteFrom('practice_scripts')
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },

    invitations(libraryId: string) {
      return db
        .selectFrom('path_invitations')
        .select(['user_id', 'invited_at'])
        .where('library_id', '=', libraryId)
        .execute()
    },
    async invite(libraryId: string, userId: string, by: string, at: string) {
      const result = await db
        .insertInto('path_invitations')
        .values({ library_id: libraryId, user_id: userId, invited_by: by, invited_at: at })
        .onConflict((oc) => oc.columns(['library_id', 'user_id']).doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
    },

    /** Libraries where the Ansvarig has invited anyone onto the path: the reminders' round. */
    async librariesWithInvitations(): Promise<string[]> {
      const rows = await db.selectFrom('path_invitations').select('library_id').distinct().execute()
      return rows.map((r) => r.library_id)
    },
    /** Records a reminder about `step`; false when one was already sent (nobody is told twice). */
    async remind(libraryId: string, userId: string, step: string, at: string) {
      const result = await db
        .insertInto('path_reminders')
        .values({ library_id: libraryId, user_id: userId, step, reminded_at: at })
        .onConflict((oc) => oc.columns(['library_id', 'user_id', 'step']).doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
    },
    /** Each author's first published practice post (answers to personas are not posts). */
    firstPracticePosts(libraryId: string) {
      return db
        .selectFrom('publications as p')
        .innerJoin('channels as c', 'c.id', 'p.channel_id')
        .innerJoin('posts', 'posts.id', 'p.post_id')
        .select(['posts.author_id', (eb) => eb.fn.min('p.published_at').as('at')])
        .where('p.library_id', '=', libraryId)
        .where('c.network', '=', 'practice')
        .where('p.state', '=', 'published')
        .where('posts.reply_to_item_id', 'is', null)
        .groupBy('posts.author_id')
        .execute()
    },
    /** Answers published on practice channels: who wrote them, to which persona message, with what text. */
    practiceAnswers(libraryId: string) {
      return db
        .selectFrom('publications as p')
        .innerJoin('channels as c', 'c.id', 'p.channel_id')
        .innerJoin('posts', 'posts.id', 'p.post_id')
        .innerJoin('interactions as x', 'x.id', 'posts.reply_to_item_id')
        .select(['posts.author_id', 'posts.text', 'x.remote_id', 'p.published_at'])
        .where('p.library_id', '=', libraryId)
        .where('c.network', '=', 'practice')
        .where('p.state', '=', 'published')
        .orderBy('p.published_at')
        .execute()
    },
    /** Each author's first approval given by someone else (not an approval with their own scheduling). */
    firstApprovalsByColleague(libraryId: string) {
      return db
        .selectFrom('post_events as e')
        .innerJoin('posts', 'posts.id', 'e.post_id')
        .select(['posts.author_id', (eb) => eb.fn.min('e.created_at').as('at')])
        .where('e.library_id', '=', libraryId)
        .where('e.kind', '=', 'approved')
        .whereRef('e.actor_id', '!=', 'posts.author_id')
        .groupBy('posts.author_id')
        .execute()
    },
    /** Each author's first post published on a real network with someone else's approval. */
    firstRealPosts(libraryId: string) {
      return db
        .selectFrom('publications as p')
        .innerJoin('channels as c', 'c.id', 'p.channel_id')
        .innerJoin('posts', 'posts.id', 'p.post_id')
        .select(['posts.author_id', (eb) => eb.fn.min('p.published_at').as('at')])
        .where('p.library_id', '=', libraryId)
        .where('c.network', '!=', 'practice')
        .where('p.state', '=', 'published')
        .where('posts.reply_to_item_id', 'is', null)
        .where('posts.approved_by', 'is not', null)
        .whereRef('posts.approved_by', '!=', 'posts.author_id')
        .groupBy('posts.author_id')
        .execute()
    },
    /** Every member's confirmations: of the version in force, and whether of any other. */
    policyReads(libraryId: string) {
      return db
        .selectFrom('policy_reads')
        .select(['user_id', 'version_id', 'read_at'])
        .where('library_id', '=', libraryId)
        .execute()
    },
  }
}
