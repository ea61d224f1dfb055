import { BLUESKY_LIMITS } from '../../core/composer/limits.js'
import type { Db } from '../db/database.js'
import { newId } from '../security/tokens.js'
import type { Torget } from '../wiring.js'
import { seedInboxItems } from './inbox.js'

/*
 * What collection, publishing and the inbox would have stored over months,
 * written straight to the tables so a test of goals and reports can stand at
 * any point in a library's history.
 */

/** Makes a library look as old as `days`, so months before today belong to it. */
export async function backdateLibrary(db: Db, libraryId: string, days: number) {
  const at = new Date(Date.now() - days * 86_400_000).toISOString()
  await db.updateTable('libraries').set({ created_at: at }).where('id', '=', libraryId).execute()
}

export async function seedChannel(
  db: Db,
  o: { libraryId: string; userId: string; network: 'bluesky' | 'mastodon'; handle: string },
): Promise<string> {
  const id = newId()
  const now = new Date().toISOString()
  await db
    .insertInto('channels')
    .values({
      id,
      library_id: o.libraryId,
      network: o.network,
      account_remote_id: `test:${o.handle}`,
      handle: o.handle,
      display_name: o.handle,
      profile_url: '',
      credentials: 'not-used',
      limits: JSON.stringify(BLUESKY_LIMITS),
      health: 'ok',
      health_code: null,
      checked_at: now,
      created_by: o.userId,
      created_at: now,
      deleted_at: null,
    })
    .execute()
  return id
}

/** One follower count a day, as the daily collection keeps it. */
export async function seedFollowers(
  db: Db,
  o: { libraryId: string; channelId: string; days: { day: string; followers: number }[] },
) {
  for (const { day, followers } of o.days)
    await db
      .insertInto('account_metrics')
      .values({
        channel_id: o.channelId,
        library_id: o.libraryId,
        day,
        sampled_at: `${day}T06:00:00.000Z`,
        followers,
        following: 10,
        posts: 100,
      })
      .execute()
}

/** A post published on one channel at `at`, with the counts the network last gave it. */
export async function seedPublishedPost(
  db: Db,
  o: {
    libraryId: string
    userId: string
    channelId: string
    text: string
    at: string
    counts?: { likes: number; reposts: number; replies: number; quotes: number }
  },
) {
  const postId = newId()
  const publicationId = newId()
  await db
    .insertInto('posts')
    .values({
      id: postId,
      library_id: o.libraryId,
      author_id: o.userId,
      text: o.text,
      variants: '{}',
      state: 'published',
      scheduled_at: o.at,
      version: 1,
      planned_at: null,
      assignee_id: null,
      audience: null,
      campaign_id: null,
      approved_by: o.userId,
      approved_at: o.at,
      created_at: o.at,
      updated_at: o.at,
    })
    .execute()
  await db
    .insertInto('publications')
    .values({
      id: publicationId,
      library_id: o.libraryId,
      post_id: postId,
      channel_id: o.channelId,
      state: 'published',
      due_at: o.at,
      attempts: 1,
      remote_id: `at://test/${publicationId}`,
      remote_url: `https://bsky.app/profile/test/post/${publicationId}`,
      error_kind: null,
      error_code: null,
      error_message: null,
      attempt_started_at: null,
      published_at: o.at,
      first_attempt_at: o.at,
      retrying_since: null,
      updated_at: o.at,
    })
    .execute()
  if (o.counts)
    await db
      .insertInto('post_metric_state')
      .values({
        publication_id: publicationId,
        library_id: o.libraryId,
        channel_id: o.channelId,
        published_at: o.at,
        next_at: null,
        stage: 5,
        sampled_at: o.at,
        ...o.counts,
        views: null,
        gone_at: null,
        failures: 0,
        leased_until: null,
      })
      .execute()
  return postId
}

/** Replies received at `receivedAt` and first answered `answerMinutes` later (null: unanswered). */
export async function seedAnsweredReplies(
  torget: Torget,
  o: {
    libraryId: string
    channelId: string
    items: { receivedAt: string; answerMinutes: number | null }[]
  },
) {
  const db = torget.database.db
  const before = await db
    .selectFrom('inbox_items')
    .select('id')
    .where('library_id', '=', o.libraryId)
    .execute()
  const known = new Set(before.map((r) => r.id))
  await seedInboxItems(
    torget,
    o.libraryId,
    o.channelId,
    o.items.map((i) => ({ createdAt: i.receivedAt })),
  )
  const added = (
    await db
      .selectFrom('inbox_items')
      .select('id')
      .where('library_id', '=', o.libraryId)
      .orderBy('id')
      .execute()
  ).filter((r) => !known.has(r.id))
  for (const [i, row] of added.entries()) {
    const item = o.items[i]!
    const answered =
      item.answerMinutes === null
        ? null
        : new Date(new Date(item.receivedAt).getTime() + item.answerMinutes * 60_000).toISOString()
    await db
      .updateTable('inbox_items')
      .set({ received_at: item.receivedAt, first_response_at: answered })
      .where('id', '=', row.id)
      .execute()
  }
}
