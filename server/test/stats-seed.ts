import { BLUESKY_LIMITS } from '../../core/composer/limits.js'
import type { Interaction } from '../adapters/channels/interactions.js'
import type { Db } from '../db/database.js'
import type { ChannelRow } from '../repos/channels-repo.js'
import { createRepos } from '../repos/index.js'
import { newId } from '../security/tokens.js'
import { interactionRow } from '../services/inbox/ingest-service.js'
import { interaction } from './inbox.js'

/**
 * A library's March 2026 as the statistics tests and the Statistik page's
 * end-to-end test read it, stored as ingest stores it (interactions and one
 * outbox event per read). The figures every test expects are in EXPECTED.
 *
 * Bluesky account, Europe/Stockholm:
 * - A 2026-03-10 10:30 local, with an image, asks a question: 6 likes (one on
 *   15 March at 00:30 local — 14 March in UTC —, one in April), 2 reposts,
 *   2 replies (one answered an hour later), 1 quote;
 * - B 2026-03-12 19:00, marked as a paid boost: 1 like;
 * - C 2026-03-14 09:00, in the campaign "Bokfestivalen": 3 likes;
 * - 2 mentions and 3 follows (replies are inbox items: one answered in an hour); followers 100 (27 Feb), 110, 105 (counts go
 *   down), 120 (31 March).
 * Mastodon account: 1 follow, no samples of followers.
 */
export const EXPECTED = {
  from: '2026-03-01',
  to: '2026-03-31',
  totals: {
    postsPublished: 3,
    likes: 9,
    reposts: 2,
    replies: 2,
    quotes: 1,
    mentions: 2,
    follows: 4,
    engagements: 15,
    engagementPerPost: 5,
    followers: 120,
    followerChange: 20,
  },
  engagementRate: (5 / 120) * 100,
  responseTimes: { received: 2, answered: 1, medianMinutes: 60 },
  split: {
    owned: { posts: 2, engagements: 14 },
    paid: { posts: 1, engagements: 1 },
    earned: { mentions: 2, quotes: 1, total: 3 },
  },
} as const

export interface StatsScenario {
  channel: ChannelRow
  mastodon: ChannelRow
  posts: { a: string; b: string; c: string }
  publications: { a: string; b: string; c: string }
  campaignId: string
}

function channelRow(libraryId: string, userId: string, network: 'bluesky' | 'mastodon') {
  // Bluesky connected first: channels are listed in the order they were connected.
  const now = network === 'bluesky' ? '2026-01-01T00:00:00.000Z' : '2026-01-02T00:00:00.000Z'
  return {
    id: newId(),
    library_id: libraryId,
    network,
    account_remote_id: `stats:${network}`,
    handle: network === 'bluesky' ? 'stadsbiblioteket.bsky.social' : 'stadsbiblioteket@mastodon.nu',
    display_name: 'Stadsbiblioteket',
    profile_url: '',
    credentials: 'not-used',
    limits: JSON.stringify(BLUESKY_LIMITS),
    health: 'ok',
    health_code: null,
    checked_at: now,
    created_by: userId,
    created_at: now,
    deleted_at: null,
  } satisfies ChannelRow
}

export async function seedStatsScenario(
  db: Db,
  libraryId: string,
  userId: string,
): Promise<StatsScenario> {
  const repos = createRepos(db)
  const channel = channelRow(libraryId, userId, 'bluesky')
  const mastodon = channelRow(libraryId, userId, 'mastodon')
  await repos.channels.insert(channel)
  await repos.channels.insert(mastodon)
  const campaignId = newId()
  await db
    .insertInto('campaigns')
    .values({
      id: campaignId,
      library_id: libraryId,
      name: 'Bokfestivalen',
      goal: 'Fler unga besökare till bokfestivalen',
      audience: null,
      channel_ids: JSON.stringify([channel.id]),
      peak_at: '2026-03-21T09:00:00.000Z',
      event_id: null,
      created_by: userId,
      created_at: '2026-02-01T00:00:00.000Z',
      updated_at: '2026-02-01T00:00:00.000Z',
    })
    .execute()

  async function post(
    key: string,
    text: string,
    publishedAt: string,
    extra: { campaign?: boolean; paid?: boolean; image?: boolean } = {},
  ) {
    const id = newId()
    const publicationId = newId()
    await db
      .insertInto('posts')
      .values({
        id,
        library_id: libraryId,
        author_id: userId,
        text,
        variants: '{}',
        state: 'published',
        scheduled_at: publishedAt,
        version: 3,
        planned_at: null,
        assignee_id: null,
        audience: null,
        campaign_id: extra.campaign ? campaignId : null,
        approved_by: userId,
        approved_at: publishedAt,
        paid_boost: extra.paid ? 1 : 0,
        created_at: publishedAt,
        updated_at: publishedAt,
      })
      .execute()
    await db
      .insertInto('publications')
      .values({
        id: publicationId,
        library_id: libraryId,
        post_id: id,
        channel_id: channel.id,
        state: 'published',
        due_at: publishedAt,
        attempts: 1,
        remote_id: `at://stats/${key}`,
        remote_url: `https://bsky.app/profile/stadsbiblioteket.bsky.social/post/${key}`,
        error_kind: null,
        error_code: null,
        error_message: null,
        attempt_started_at: publishedAt,
        published_at: publishedAt,
        first_attempt_at: publishedAt,
        retrying_since: null,
        updated_at: publishedAt,
      })
      .execute()
    if (extra.image)
      await repos.posts.insertImage({
        id: newId(),
        library_id: libraryId,
        post_id: id,
        position: 0,
        mime_type: 'image/png',
        width: 1,
        height: 1,
        byte_size: 1,
        data: new Uint8Array([0]),
        alt: 'Bokhyllor i ljus',
        created_at: publishedAt,
      })
    return { id, publicationId }
  }
  const a = await post('a', 'Vilken bok läser du just nu?', '2026-03-10T09:30:00.000Z', {
    image: true,
  })
  const b = await post('b', 'Bokcirkel på torsdag kl. 18.', '2026-03-12T18:00:00.000Z', {
    paid: true,
  })
  const c = await post('c', 'Snart är det bokfestival!', '2026-03-14T08:00:00.000Z', {
    campaign: true,
  })

  const on = (key: string, kind: Interaction['kind'], createdAt: string, text = '') =>
    interaction({ kind, createdAt, text, subjectRemoteId: `at://stats/${key}` })
  const bluesky: Interaction[] = [
    ...['03-10T10:00', '03-10T11:00', '03-11T08:00', '03-12T12:00'].map((at) =>
      on('a', 'like', `2026-${at}:00.000Z`),
    ),
    on('a', 'like', '2026-03-14T23:30:00.000Z'),
    on('a', 'like', '2026-04-02T10:00:00.000Z'),
    on('a', 'repost', '2026-03-10T12:00:00.000Z'),
    on('a', 'repost', '2026-03-11T12:00:00.000Z'),
    on('a', 'reply', '2026-03-10T10:00:00.000Z', 'Moberg, Utvandrarna!'),
    on('a', 'reply', '2026-03-10T13:00:00.000Z', 'En deckare.'),
    on('a', 'quote', '2026-03-11T09:00:00.000Z', 'Bra fråga från biblioteket'),
    on('b', 'like', '2026-03-13T09:00:00.000Z'),
    ...['03-14T09:00', '03-15T09:00', '03-16T09:00'].map((at) =>
      on('c', 'like', `2026-${at}:00.000Z`),
    ),
    interaction({
      kind: 'mention',
      createdAt: '2026-03-05T10:00:00.000Z',
      text: 'Tack @stadsbiblioteket!',
    }),
    interaction({
      kind: 'mention',
      createdAt: '2026-03-20T10:00:00.000Z',
      text: 'Heja @stadsbiblioteket',
    }),
    ...['03-02', '03-10', '03-30'].map((d) =>
      interaction({ kind: 'follow', createdAt: `2026-${d}T10:00:00.000Z`, text: '' }),
    ),
  ]
  const masto = [interaction({ kind: 'follow', createdAt: '2026-03-03T10:00:00.000Z', text: '' })]
  const received = '2026-12-01T12:00:00.000Z'
  for (const [row, list] of [
    [channel, bluesky],
    [mastodon, masto],
  ] as const) {
    const rows = list.map((x, i) => interactionRow(row, x, received, Date.parse(received) + i))
    await repos.ingest.insertInteractions(rows)
    // The replies as the inbox listed them, received when written; the first answered in an hour.
    for (const [n, r] of rows.filter((r) => r.kind === 'reply').entries())
      await db
        .insertInto('inbox_items')
        .values({
          id: r.id,
          library_id: libraryId,
          channel_id: row.id,
          kind: 'reply',
          state: n === 0 ? 'done' : 'new',
          assignee_id: null,
          flagged: 0,
          has_question: 0,
          author_remote_id: r.author_remote_id,
          search_text: r.text.toLowerCase(),
          received_at: r.remote_created_at,
          due_at: null,
          first_response_at:
            n === 0 ? new Date(Date.parse(r.remote_created_at) + 3_600_000).toISOString() : null,
          first_responder_id: n === 0 ? userId : null,
          closed_at: null,
          moderated_at: null,
          version: 1,
          updated_at: r.remote_created_at,
        })
        .execute()
    await repos.ingest.insertEvent({
      library_id: libraryId,
      channel_id: row.id,
      at: received,
      interactions: rows.length,
      inbox_items: 0,
      payload: JSON.stringify({ ids: rows.map((r) => r.id) }),
    })
  }

  for (const [day, followers] of [
    ['2026-02-27', 100],
    ['2026-03-05', 110],
    ['2026-03-20', 105],
    ['2026-03-31', 120],
  ] as const)
    await db
      .insertInto('account_metrics')
      .values({
        channel_id: channel.id,
        library_id: libraryId,
        day,
        sampled_at: `${day}T20:00:00.000Z`,
        followers,
        following: 50,
        posts: 200,
      })
      .execute()

  return {
    channel,
    mastodon,
    posts: { a: a.id, b: b.id, c: c.id },
    publications: { a: a.publicationId, b: b.publicationId, c: c.publicationId },
    campaignId,
  }
}
