import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StatsDashboard } from '../../core/schemas/stats.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import { interaction } from '../test/inbox.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'
import { EXPECTED, type StatsScenario, seedStatsScenario } from '../test/stats-seed.js'

describe.each(await availableDialects())('the Statistik page’s figures on %s', (dialect) => {
  let app: TestApp
  let libraryId: string
  let admin: TestClient
  let reader: TestClient
  let scenario: StatsScenario
  const network = loopbackNetwork()
  const base = () => `/api/v1/libraries/${libraryId}`
  const march = `from=${EXPECTED.from}&to=${EXPECTED.to}`
  const dashboard = async (query = march, client = reader) => {
    const res = await client.get<StatsDashboard>(`${base()}/stats?${query}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body
  }
  const rollups = () => app.torget.services.rollups

  beforeAll(async () => {
    app = await createTestApp(dialect, {}, { adapters: { bluesky: network.adapter } })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    reader = (await addMember(app, admin, libraryId, 'reader', 'lisa@bibliotek.test')).client
    const user = await app.torget.services.store.repos.users.findByEmail('astrid@bibliotek.test')
    scenario = await seedStatsScenario(app.torget.database.db, libraryId, user!.id)
    await rollups().catchUp()
  })
  afterAll(async () => app?.close())

  it('shows a Läsare the period’s posts, interactions, followers and engagement as they happened', async () => {
    const d = await dashboard()
    expect(d.totals).toMatchObject(EXPECTED.totals)
    expect(d.totals.engagementRate).toBeCloseTo(EXPECTED.engagementRate, 6)
    expect(d.split).toEqual(EXPECTED.split)
    expect(d.responseTimes).toMatchObject(EXPECTED.responseTimes)
    expect(d.period).toMatchObject({ days: 31, granularity: 'day', timeZone: 'Europe/Stockholm' })
    expect(d.activity).toHaveLength(31)
    // 23:30 UTC on 14 March is half past midnight on the 15th in Stockholm: the library's day.
    const day = (date: string) => d.activity.find((b) => b.start === date)!
    expect(day('2026-03-14')).toMatchObject({ posts: 1, likes: 1 })
    expect(day('2026-03-15')).toMatchObject({ posts: 0, likes: 2 })
    expect(day('2026-03-10')).toMatchObject({ posts: 1, likes: 2, replies: 2, reposts: 1 })
    // Followers went down on the 20th and are shown so; the change runs from before the period.
    const followers = d.followers.find((f) => f.channelId === scenario.channel.id)!
    expect(followers.points.map((p) => [p.start, p.followers])).toEqual([
      ['2026-03-05', 110],
      ['2026-03-20', 105],
      ['2026-03-31', 120],
    ])
    expect([followers.first, followers.last]).toEqual([100, 120])
    expect(d.followers.find((f) => f.channelId === scenario.mastodon.id)).toMatchObject({
      points: [],
      last: null,
    })
    const bluesky = d.byChannel.find((c) => c.channelId === scenario.channel.id)!
    expect(bluesky).toMatchObject({ rateBase: 'followers', posts: 3, engagements: 15, base: 120 })
  })

  it('names the best and weakest posts with why, the campaign against the rest, and advice on when to post', async () => {
    const d = await dashboard()
    expect(d.bestPosts.map((p) => [p.postId, p.engagements])).toEqual([
      [scenario.posts.a, 11],
      [scenario.posts.c, 3],
    ])
    const best = d.bestPosts[0]!
    expect(best).toMatchObject({
      date: '2026-03-10',
      time: '10:30',
      timeOfDay: 'midday',
      hasImage: true,
      hasQuestion: true,
      paid: false,
      campaign: null,
      likes: 6,
      source: 'received',
    })
    expect(best.why).toEqual(expect.arrayContaining(['time_of_day', 'image', 'question']))
    expect(d.weakestPosts.map((p) => [p.postId, p.paid, p.why.includes('paid')])).toEqual([
      [scenario.posts.b, true, true],
    ])
    expect(d.campaigns).toEqual([
      expect.objectContaining({
        id: scenario.campaignId,
        name: 'Bokfestivalen',
        goal: 'Fler unga besökare till bokfestivalen',
        posts: 1,
        engagements: 3,
        perPost: 3,
        comparedTo: 6,
      }),
    ])
    // Three posts and 19 interactions are too little history: general advice, and it says so.
    expect(d.bestTime).toMatchObject({
      basis: 'general',
      postsConsidered: 3,
      recommended: [12, 19, 8],
    })
  })

  it('uses the network’s own count of a post once it has one, also when it went down', async () => {
    const db = app.torget.database.db
    await db
      .insertInto('post_metric_state')
      .values({
        publication_id: scenario.publications.c,
        library_id: libraryId,
        channel_id: scenario.channel.id,
        published_at: '2026-03-14T08:00:00.000Z',
        next_at: null,
        stage: 5,
        sampled_at: '2026-04-13T08:00:00.000Z',
        likes: 2,
        reposts: 0,
        replies: 0,
        quotes: null,
        views: null,
        gone_at: null,
        failures: 0,
        leased_until: null,
      })
      .execute()
    const d = await dashboard()
    expect(d.bestPosts[1]).toMatchObject({ postId: scenario.posts.c, likes: 2, source: 'network' })
    expect(d.totals.engagements).toBe(14)
    await db.deleteFrom('post_metric_state').execute()
  })

  it('measures answers against the approved policy’s target, read from the policy in force', async () => {
    const before = (await dashboard()).responseTimes
    expect(before).toMatchObject({ targetMinutes: 24 * 60, target: 'inom 24 timmar på vardagar' })
    const user = await app.torget.services.store.repos.users.findByEmail('astrid@bibliotek.test')
    await app.torget.database.db
      .insertInto('strategy_versions')
      .values({
        id: 'policy-1',
        library_id: libraryId,
        number: 1,
        document: JSON.stringify({
          responses: { target: { hours: 4, workingHoursOnly: false, openingHours: null } },
        }),
        note: '',
        created_by: user!.id,
        created_at: '2026-02-01T00:00:00.000Z',
        approved_by: user!.id,
        approved_at: '2026-02-01T00:00:00.000Z',
      })
      .execute()
    expect((await dashboard()).responseTimes).toMatchObject({
      received: 2,
      answered: 1,
      medianMinutes: 60,
      withinTarget: 1,
      targetMinutes: 240,
      target: 'inom 4 timmar',
    })
    await app.torget.database.db.deleteFrom('strategy_versions').execute()
  })

  it('narrows to the chosen channels', async () => {
    const d = await dashboard(`${march}&channel=${scenario.mastodon.id}`)
    expect(d.channels.map((c) => c.id)).toEqual([scenario.mastodon.id])
    expect(d.totals).toMatchObject({ postsPublished: 0, likes: 0, follows: 1, followers: null })
    expect(d.totals.engagementPerPost).toBeNull()
  })

  it('shows an empty period as empty and ten years of history by month', async () => {
    const empty = await dashboard('from=2020-01-01&to=2020-01-31')
    expect(empty.totals).toMatchObject({ postsPublished: 0, likes: 0, engagementPerPost: null })
    expect(empty.activity.every((b) => b.likes === 0 && b.posts === 0)).toBe(true)
    expect([empty.bestPosts, empty.weakestPosts, empty.campaigns]).toEqual([[], [], []])
    const decade = await dashboard('from=2016-04-01&to=2026-03-31')
    expect(decade.period.granularity).toBe('month')
    expect(decade.activity).toHaveLength(120)
    expect(decade.activity.at(-1)).toMatchObject({ start: '2026-03-01', likes: 9, posts: 3 })
    expect(decade.totals).toMatchObject(EXPECTED.totals)
  })

  it('refuses a period back to front or longer than twenty years, in words', async () => {
    const back = await reader.get(`${base()}/stats?from=2026-03-31&to=2026-03-01`)
    expect([back.status, back.body.error.code]).toEqual([400, 'stats_period_invalid'])
    expect(back.body.error.message).toMatch(/^Perioden går inte att visa/)
    for (const period of ['from=9999-12-01&to=9999-12-31', 'from=1066-10-14&to=1066-10-15']) {
      const odd = await reader.get(`${base()}/stats?${period}`)
      expect([period, odd.status, odd.body.error.code]).toEqual([
        period,
        400,
        'stats_period_invalid',
      ])
    }
    const long = await reader.get(`${base()}/stats?from=2000-01-01&to=2026-01-01`)
    expect([long.status, long.body.error.code]).toEqual([400, 'stats_period_too_long'])
    const chart = await reader.get(`${base()}/stats/csv/pie`)
    expect(chart.status).toBe(400)
  })

  it('gives every chart’s numbers as a CSV that Excel opens with Swedish letters', async () => {
    const res = await reader.send('GET', `${base()}/stats/csv/activity?${march}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="statistik-activity-2026-03-01-2026-03-31.csv"',
    )
    const bytes = Buffer.from(await res.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.toString('utf8').slice(1).split('\r\n')
    expect(lines[0]).toBe('Från;Inlägg;Gilla;Delningar;Svar;Citat;Omnämnanden;Nya följare')
    expect(lines).toContain('2026-03-15;0;2;0;0;0;0;0')
    for (const chart of [
      'followers',
      'channels',
      'posts',
      'factors',
      'campaigns',
      'split',
      'best-time',
      'response-times',
    ]) {
      const file = await reader.send('GET', `${base()}/stats/csv/${chart}?${march}`)
      expect([chart, file.status]).toEqual([chart, 200])
      expect((await file.text()).split('\r\n').length).toBeGreaterThan(2)
    }
    reader.locale = 'en'
    const english = await reader.send('GET', `${base()}/stats/csv/channels?${march}`)
    reader.locale = 'sv'
    expect(english.headers.get('content-disposition')).toMatch(/statistics-channels/)
    expect((await english.text()).split('\r\n')[1]).toBe(
      'stadsbiblioteket.bsky.social;3;15;5;followers;120;4.17',
    )
  })

  it('rebuilds to the same figures, also after old likes, reposts and follows became counts', async () => {
    const figures = (d: StatsDashboard) => ({ ...d, updatedAt: null })
    const before = figures(await dashboard())
    await rollups().rebuild(libraryId)
    expect(figures(await dashboard())).toEqual(before)
    // Received in March: past a 30-day retention, they are kept only as daily counts.
    const db = app.torget.database.db
    await db
      .updateTable('interactions')
      .set((eb) => ({ received_at: eb.ref('remote_created_at') }))
      .where('library_id', '=', libraryId)
      .execute()
    expect(
      (await admin.patch(`${base()}/archive/settings`, { interactionRetentionDays: 30 })).status,
    ).toBe(200)
    expect(await app.torget.services.interactionRetention.run()).toBe(16)
    await rollups().rebuild(libraryId)
    const after = figures(await dashboard())
    // Daily counts have no hour: the audience's active hours lose what became counts (documented).
    expect(after.bestTime.interactionsConsidered).toBe(5)
    expect({ ...after, bestTime: before.bestTime }).toEqual(before)
  })

  it('counts a batch once when the rebuild and the consumer meet, and what came after the rebuild', async () => {
    await seedMore(app, libraryId, scenario, 'at://stats/a', 4)
    // The rebuild leaves the new batch to the consumer, which counts it once.
    await rollups().rebuild(libraryId)
    await Promise.all([rollups().consume(), rollups().consume()])
    await rollups().catchUp()
    expect((await dashboard()).totals.likes).toBe(EXPECTED.totals.likes + 4)
    await rollups().rebuild(libraryId)
    expect((await dashboard()).totals.likes).toBe(EXPECTED.totals.likes + 4)
  })

  it('counts a post published through Torget and marked as a paid boost as paid', async () => {
    const other = (await admin.post('/api/v1/libraries', { name: 'Filialen' })).body.id as string
    const path = `/api/v1/libraries/${other}`
    const channelId = (
      await admin.post(`${path}/channels/bluesky`, {
        identifier: 'filialen.test',
        appPassword: 'abcd-efgh-ijkl',
      })
    ).body.id as string
    await app.torget.startWorker()
    const draft = (
      await admin.post(`${path}/posts`, { text: 'Läslov på filialen!', channelIds: [channelId] })
    ).body
    await admin.post(`${path}/posts/${draft.id}/schedule`, {
      at: new Date().toISOString(),
      version: draft.version,
    })
    await app.torget.publishingDrained()
    const post = (await admin.get(`${path}/posts/${draft.id}`)).body
    expect(post).toMatchObject({ state: 'published', paidBoost: false })
    const marked = await admin.post(`${path}/posts/${draft.id}/paid-boost`, { paid: true })
    expect([marked.status, marked.body.paidBoost]).toEqual([200, true])
    const remoteId = `loop:${post.publications[0].id}`
    network.receive(
      interaction({ kind: 'like', text: '', subjectRemoteId: remoteId }),
      interaction({ kind: 'repost', text: '', subjectRemoteId: remoteId }),
      interaction({ kind: 'mention', text: 'Tack @filialen!' }),
    )
    // The worker reads the channel too; whichever read first, each interaction is stored once.
    let d: StatsDashboard | undefined
    await expect
      .poll(async () => {
        await app.torget.services.ingest.readChannel(other, channelId)
        await rollups().catchUp()
        d = (await admin.get(`${path}/stats`)).body as StatsDashboard
        return d.totals.mentions
      })
      .toBe(1)
    expect(d!.split).toEqual({
      owned: { posts: 0, engagements: 0 },
      paid: { posts: 1, engagements: 2 },
      earned: { mentions: 1, quotes: 0, total: 1 },
    })
    expect(d!.totals).toMatchObject({ postsPublished: 1, likes: 1, reposts: 1, mentions: 1 })
  })
})

/** Another read of `count` likes on a post, as ingest writes it. */
async function seedMore(
  app: TestApp,
  libraryId: string,
  scenario: StatsScenario,
  subject: string,
  count: number,
) {
  const { interactionRow } = await import('../services/inbox/ingest-service.js')
  const repos = app.torget.services.store.repos
  const rows = Array.from({ length: count }, (_, i) =>
    interactionRow(
      scenario.channel,
      interaction({
        kind: 'like',
        text: '',
        subjectRemoteId: subject,
        createdAt: '2026-03-20T10:00:00Z',
      }),
      '2026-12-02T00:00:00.000Z',
      Date.now() + i,
    ),
  )
  await repos.ingest.insertInteractions(rows)
  await repos.ingest.insertEvent({
    library_id: libraryId,
    channel_id: scenario.channel.id,
    at: new Date().toISOString(),
    interactions: rows.length,
    inbox_items: 0,
    payload: JSON.stringify({ ids: rows.map((r) => r.id) }),
  })
}
