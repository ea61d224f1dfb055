import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StatsDashboard } from '../../core/schemas/stats.js'
import { newId } from '../security/tokens.js'
import { frozenClock } from '../test/clock.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import { type StatsScenario, seedStatsScenario } from '../test/stats-seed.js'

// The Statistik page's figures are kept between requests (migration 036): each change a
// library makes to what the page reads shows at the next look, by whatever path it came.
describe.each(await availableDialects())('the Statistik page after a change on %s', (dialect) => {
  // A day after the scenario's interactions were received.
  const clock = frozenClock('2026-12-02T12:00:00.000Z')
  let app: TestApp
  let libraryId: string
  let admin: TestClient
  let reader: TestClient
  let scenario: StatsScenario
  const base = () => `/api/v1/libraries/${libraryId}`
  const period = 'from=2026-03-01&to=2026-12-02'
  const dashboard = async () => {
    const res = await reader.get<StatsDashboard>(`${base()}/stats?${period}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body
  }
  const db = () => app.torget.database.db
  const post = (d: StatsDashboard, postId: string) =>
    [...d.bestPosts, ...d.weakestPosts].find((p) => p.postId === postId)

  beforeAll(async () => {
    app = await createTestApp(dialect, {}, { clock })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    reader = (await addMember(app, admin, libraryId, 'reader', 'lisa@bibliotek.test')).client
    const user = await app.torget.services.store.repos.users.findByEmail('astrid@bibliotek.test')
    scenario = await seedStatsScenario(db(), libraryId, user!.id)
    await app.torget.services.rollups.catchUp()
  })
  afterAll(async () => app?.close())

  it('counts an answer given in the inbox', async () => {
    expect((await dashboard()).responseTimes).toMatchObject({ received: 2, answered: 1 })
    await db()
      .updateTable('inbox_items')
      .set({ first_response_at: '2026-03-10T15:00:00.000Z', state: 'done' })
      .where('library_id', '=', libraryId)
      .where('first_response_at', 'is', null)
      .execute()
    expect((await dashboard()).responseTimes).toMatchObject({ received: 2, answered: 2 })
  })

  it('counts new likes once the rollups took them in, and a new follower count', async () => {
    const before = (await dashboard()).totals
    expect(before).toMatchObject({ likes: 10, followers: 120 })
    const repos = app.torget.services.store.repos
    const { interactionRow } = await import('../services/inbox/ingest-service.js')
    const { interaction } = await import('../test/inbox.js')
    const rows = [0, 1].map((i) =>
      interactionRow(
        scenario.channel,
        interaction({ kind: 'like', text: '', subjectRemoteId: 'at://stats/b' }),
        '2026-12-02T11:00:00.000Z',
        clock.now().getTime() + i,
      ),
    )
    await repos.ingest.insertInteractions(rows)
    await repos.ingest.insertEvent({
      library_id: libraryId,
      channel_id: scenario.channel.id,
      at: '2026-12-02T11:00:00.000Z',
      interactions: rows.length,
      inbox_items: 0,
      payload: JSON.stringify({ ids: rows.map((r) => r.id) }),
    })
    // Stored, not yet counted: the page says when the rollups last moved.
    expect((await dashboard()).totals.likes).toBe(10)
    await app.torget.services.rollups.catchUp()
    const after = await dashboard()
    expect(after.totals.likes).toBe(12)
    await db()
      .insertInto('account_metrics')
      .values({
        channel_id: scenario.mastodon.id,
        library_id: libraryId,
        day: '2026-12-01',
        sampled_at: '2026-12-01T20:00:00.000Z',
        followers: 40,
        following: 1,
        posts: 1,
      })
      .execute()
    expect((await dashboard()).totals.followers).toBe(160)
  })

  it('follows a post marked as paid, a post given an image and a campaign deleted', async () => {
    const before = await dashboard()
    expect(before.split.paid.posts).toBe(1)
    expect(post(before, scenario.posts.c)?.campaign?.name).toBe('Bokfestivalen')
    expect(post(before, scenario.posts.b)?.hasImage).toBe(false)

    const marked = await admin.post(`${base()}/posts/${scenario.posts.a}/paid-boost`, {
      paid: true,
    })
    expect(marked.status).toBe(200)
    expect((await dashboard()).split.paid.posts).toBe(2)

    await app.torget.services.store.repos.posts.insertImage({
      id: newId(),
      library_id: libraryId,
      post_id: scenario.posts.b,
      position: 0,
      mime_type: 'image/png',
      width: 1,
      height: 1,
      byte_size: 1,
      data: new Uint8Array([0]),
      alt: 'Läsecirkeln',
      created_at: '2026-03-12T18:00:00.000Z',
    })
    expect(post(await dashboard(), scenario.posts.b)?.hasImage).toBe(true)

    expect((await admin.delete(`${base()}/campaigns/${scenario.campaignId}`)).status).toBe(204)
    const after = await dashboard()
    expect(after.campaigns).toEqual([])
    expect(post(after, scenario.posts.c)?.campaign).toBeNull()
  })

  it('shows the days of a new time zone, and a post taken down as such', async () => {
    expect((await dashboard()).period.timeZone).toBe('Europe/Stockholm')
    expect((await admin.patch(base(), { timeZone: 'Europe/Helsinki' })).status).toBe(200)
    expect((await dashboard()).period.timeZone).toBe('Europe/Helsinki')

    expect(post(await dashboard(), scenario.posts.a)?.deleted).toBe(false)
    await db()
      .updateTable('publications')
      .set({ state: 'deleted' })
      .where('id', '=', scenario.publications.a)
      .execute()
    expect(post(await dashboard(), scenario.posts.a)?.deleted).toBe(true)
  })

  it('calls a new post weak only once it has had two days, without any change in the data', async () => {
    const publishedAt = '2026-12-01T12:00:00.000Z'
    const postId = newId()
    const user = await app.torget.services.store.repos.users.findByEmail('astrid@bibliotek.test')
    await db()
      .insertInto('posts')
      .values({
        id: postId,
        library_id: libraryId,
        author_id: user!.id,
        text: 'Nytt i hyllan.',
        variants: '{}',
        state: 'published',
        scheduled_at: publishedAt,
        version: 1,
        created_at: publishedAt,
        updated_at: publishedAt,
      })
      .execute()
    await db()
      .insertInto('publications')
      .values({
        id: newId(),
        library_id: libraryId,
        post_id: postId,
        channel_id: scenario.channel.id,
        state: 'published',
        due_at: publishedAt,
        attempts: 1,
        remote_id: 'at://stats/new',
        remote_url: 'https://bsky.app/profile/stadsbiblioteket.bsky.social/post/new',
        published_at: publishedAt,
        updated_at: publishedAt,
      })
      .execute()
    const young = await dashboard()
    expect(young.totals.postsPublished).toBe(4)
    expect(young.weakestPosts.map((p) => p.postId)).not.toContain(postId)
    clock.advance(25 * 3_600_000)
    expect((await dashboard()).weakestPosts[0]?.postId).toBe(postId)
  })
})
