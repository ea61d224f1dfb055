import type { Db } from '../db/database.js'

const CHUNK = 500

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size))
  return out
}

/** What capture reads from the rest of Torget: publications, received items, activity, policy. */
export function archiveSourcesRepo(db: Db) {
  return {
    /** Published publications with their post and channel, as they stand now. */
    publications(libraryId: string, ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([])
      return db
        .selectFrom('publications as p')
        .innerJoin('posts', 'posts.id', 'p.post_id')
        .innerJoin('channels as c', 'c.id', 'p.channel_id')
        .select([
          'p.id',
          'p.post_id',
          'p.channel_id',
          'p.remote_id',
          'p.remote_url',
          'p.published_at',
          'c.network',
          'posts.text',
          'posts.variants',
          'posts.language',
          'posts.author_id',
          'posts.approved_by',
          'posts.approved_at',
          'posts.reply_to_item_id',
        ])
        .where('p.library_id', '=', libraryId)
        .where('p.id', 'in', ids)
        .where('p.state', '=', 'published')
        .execute()
    },
    postImages(libraryId: string, postIds: readonly string[]) {
      if (postIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('post_images')
        .select(['post_id', 'mime_type', 'byte_size', 'data', 'alt', 'position'])
        .where('library_id', '=', libraryId)
        .where('post_id', 'in', postIds)
        .orderBy('post_id')
        .orderBy('position')
        .execute()
    },
    /** The posts' approvals, edits and scheduling, oldest first, with who did them. */
    postEvents(libraryId: string, postIds: readonly string[]) {
      if (postIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('post_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_id')
        .select(['e.post_id', 'e.kind', 'e.actor_id', 'u.name', 'e.created_at'])
        .where('e.library_id', '=', libraryId)
        .where('e.post_id', 'in', postIds)
        .where('e.kind', 'in', ['approved', 'edited', 'returned', 'scheduled'])
        .orderBy('e.created_at')
        .execute()
    },
    async userNames(ids: readonly string[]) {
      const names = new Map<string, string>()
      const wanted = [...new Set(ids)]
      if (wanted.length === 0) return names
      const rows = await db
        .selectFrom('users')
        .select(['id', 'name'])
        .where('id', 'in', wanted)
        .execute()
      for (const r of rows) names.set(r.id, r.name)
      return names
    },
    /** The approved policy version in force: the one approved last. */
    policyInForce(libraryId: string) {
      return db
        .selectFrom('strategy_versions')
        .select(['id', 'number'])
        .where('library_id', '=', libraryId)
        .where('approved_at', 'is not', null)
        .orderBy('approved_at', 'desc')
        .orderBy('number', 'desc')
        .limit(1)
        .executeTakeFirst()
    },
    policyVersion(libraryId: string, id: string) {
      return db
        .selectFrom('strategy_versions as v')
        .leftJoin('users as u', 'u.id', 'v.approved_by')
        .select(['v.id', 'v.number', 'v.document', 'v.approved_by', 'v.approved_at', 'u.name'])
        .where('v.library_id', '=', libraryId)
        .where('v.id', '=', id)
        .executeTakeFirst()
    },
    /** Received interactions with their channel's network (those whose channel is gone are gone). */
    async interactions(ids: readonly string[]) {
      const out = []
      for (const part of chunks([...new Set(ids)], CHUNK))
        out.push(
          ...(await db
            .selectFrom('interactions as i')
            .innerJoin('channels as c', 'c.id', 'i.channel_id')
            .select([
              'i.id',
              'i.library_id',
              'i.channel_id',
              'c.network',
              'i.kind',
              'i.remote_id',
              'i.url',
              'i.author_remote_id',
              'i.author_handle',
              'i.author_name',
              'i.text',
              'i.original_text',
              'i.subject_remote_id',
              'i.parent_remote_id',
              'i.root_remote_id',
              'i.remote_created_at',
              'i.media',
            ])
            .where('i.id', 'in', part)
            .execute()),
        )
      return out
    },
    /** Ingest's outbox, in order. */
    ingestEvents(afterSeq: number, limit: number) {
      return db
        .selectFrom('ingest_events')
        .select(['seq', 'library_id', 'at', 'payload'])
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute()
    },
    /** The inbox's activity, in order. */
    activity(afterSeq: number, limit: number) {
      return db
        .selectFrom('inbox_activity')
        .select(['seq', 'id', 'library_id', 'item_id', 'action', 'actor_id', 'detail', 'at'])
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute()
    },
    moderationActions(ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([])
      return db
        .selectFrom('moderation_actions')
        .select(['id', 'item_id', 'action', 'reason_category', 'reason', 'actor_id', 'actor_name'])
        .where('id', 'in', ids)
        .execute()
    },
  }
}
export type ArchiveSourcesRepo = ReturnType<typeof archiveSourcesRepo>
