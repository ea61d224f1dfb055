import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shiftedClock } from '../../test/clock.js'
import { availableDialects } from '../../test/databases.js'
import {
  INSTAGRAM_ID,
  PAGE_ID,
  THREADS_USER_ID,
  type MetaApp,
  startMetaApp,
} from '../../test/meta.js'
import type { AttemptResult } from '../publishing-service.js'

/*
 * Collection from Facebook, Instagram and Threads through the real Torget
 * (database, services, sampler) against the stand-in Graph API, which answers
 * counts and insights the way Meta's documentation describes
 * (server/adapters/meta/testing/stand-in-insights.ts). What the tests check is
 * what Statistik shows.
 */
const HOUR = 3_600_000
const SCOPES = [
  'pages_show_list',
  'pages_manage_posts',
  'pages_read_engagement',
  'read_insights',
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_insights',
  'threads_basic',
  'threads_content_publish',
  'threads_manage_insights',
]

describe.each(await availableDialects())('collecting Meta counts on %s', (dialect) => {
  const clock = shiftedClock()
  let meta: MetaApp
  let channels: Record<string, { id: string }>
  const base = () => `/api/v1/libraries/${meta.libraryId}`
  const services = () => meta.app.torget.services
  /** The publication of the post on each network, by network. */
  const published: Record<
    string,
    { id: string; remote_id: string | null; published_at: string | null }
  > = {}

  beforeAll(async () => {
    meta = await startMetaApp(dialect, { scopes: SCOPES, clock })
    await meta.connect('facebook')
    await meta.connect('threads')
    channels = await meta.channels()
  })
  afterAll(async () => {
    await meta?.close()
  })

  async function publishEverywhere(text: string) {
    const { admin } = meta
    let post = (
      await admin.post(`${base()}/posts`, {
        text,
        channelIds: [channels.facebook!.id, channels.instagram!.id, channels.threads!.id],
      })
    ).body
    const image = await sharp({
      create: { width: 80, height: 80, channels: 3, background: '#2b6cb0' },
    })
      .jpeg()
      .toBuffer()
    post = (await admin.upload(`${base()}/posts/${post.id}/images`, image, 'image/jpeg')).body
    post = (
      await admin.patch(`${base()}/posts/${post.id}/images/${post.images[0].id}`, {
        alt: 'Bokhyllor i solljus',
      })
    ).body
    const scheduled = await admin.post(`${base()}/posts/${post.id}/schedule`, {
      at: clock.now().toISOString(),
      version: post.version,
    })
    expect(scheduled.status).toBe(200)
    const { publishing } = services()
    const { ready, decided } = await publishing.prepare(await publishing.claimDue(10))
    const results: AttemptResult[] = [...decided]
    for (const attempt of ready)
      results.push({ claimed: attempt.claimed, outcome: await publishing.attempt(attempt) })
    await publishing.record(results)
    const rows = await meta.app.torget.database.db
      .selectFrom('publications')
      .innerJoin('channels', 'channels.id', 'publications.channel_id')
      .select(['publications.id', 'remote_id', 'published_at', 'channels.network'])
      .where('post_id', '=', post.id)
      .execute()
    for (const row of rows) published[row.network] = row
    expect(Object.values(published).every((p) => p.remote_id)).toBe(true)
  }

  const state = (network: string) =>
    services().store.repos.metricSampling.postState(published[network]!.id)

  it("reads each network's post counts and insights an hour after publishing, in Torget's names", async () => {
    await publishEverywhere('Sommarboken börjar i dag! Vad läser du? #sommarboken')
    const { counts } = meta.stand.insights
    counts.set(published.facebook!.remote_id!, {
      reactions: 14,
      comments: 3,
      post_media_view: 420,
      post_total_media_view_unique: 310,
    })
    counts.set(published.instagram!.remote_id!, {
      likes: 25,
      comments: 4,
      // Sends in Direct and to stories: not a repost, and not a figure Torget keeps.
      shares: 2,
      reposts: 3,
      saved: 6,
      reach: 390,
      views: 512,
    })
    counts.set(published.threads!.remote_id!, {
      views: 200,
      likes: 9,
      replies: 2,
      reposts: 1,
      quotes: 1,
    })
    clock.set(new Date(Date.parse(published.facebook!.published_at!) + HOUR))
    expect(await services().metrics.samplePostsDue(100)).toBe(3)

    // Nobody shared the Page post: Meta leaves `shares` out, and Torget does not make it 0.
    expect(await state('facebook')).toMatchObject({
      likes: 14,
      replies: 3,
      reposts: null,
      quotes: null,
      views: 420,
      reach: 310,
      saves: null,
      stage: 1,
      failures: 0,
    })
    expect(await state('instagram')).toMatchObject({
      likes: 25,
      replies: 4,
      reposts: 3,
      quotes: null,
      views: 512,
      reach: 390,
      saves: 6,
    })
    expect(await state('threads')).toMatchObject({
      likes: 9,
      replies: 2,
      reposts: 1,
      quotes: 1,
      views: 200,
      reach: null,
    })
    const asked = meta.stand.requests.filter((r) => r.path.endsWith('/insights'))
    expect(asked.map((r) => r.params.metric)).toEqual(
      expect.arrayContaining([
        'post_media_view,post_total_media_view_unique',
        'likes,comments,saved,reach,views,reposts',
        'views,likes,replies,reposts,quotes',
      ]),
    )
  })

  it('shows the counts in Statistik, with each Meta channel’s rate per view', async () => {
    const stats = await meta.admin.get(`${base()}/stats`)
    expect(stats.status).toBe(200)
    const byPublication = new Map(
      [...stats.body.bestPosts, ...stats.body.weakestPosts].map((p: { publicationId: string }) => [
        p.publicationId,
        p,
      ]),
    )
    expect(byPublication.get(published.instagram!.id)).toMatchObject({
      likes: 25,
      replies: 4,
      reposts: 3,
      engagements: 32,
      views: 512,
      reach: 390,
      saves: 6,
      source: 'network',
    })
    const csv = await meta.admin.send('GET', `${base()}/stats/csv/posts`)
    const lines = (await csv.text()).split(/\r?\n/)
    expect(lines[0]).toContain('Citat;Engagemang;Visningar;Räckvidd;Sparade')
    expect(lines.find((l) => l.includes(';25;3;4;0;32;512;390;6;'))).toBeDefined()
    const rates = Object.fromEntries(
      stats.body.byChannel.map((c: { channelId: string }) => [c.channelId, c]),
    )
    expect(rates[channels.facebook!.id]).toMatchObject({
      rateBase: 'views',
      base: 420,
      engagements: 17,
    })
    expect(rates[channels.threads!.id]).toMatchObject({ rateBase: 'views', base: 200 })
    expect(rates[channels.instagram!.id].rate).toBeCloseTo((32 / 512) * 100, 5)
  })

  it('keeps counts when Instagram has too few viewers to say, and marks a deleted thread gone', async () => {
    meta.stand.insights.faults.notEnoughViewers = true
    meta.stand.media.splice(
      meta.stand.media.findIndex((m) => m.id === published.threads!.remote_id),
      1,
    )
    meta.stand.insights.counts.set(published.facebook!.remote_id!, {
      reactions: 20,
      comments: 3,
      shares: 2,
      post_media_view: 900,
    })
    clock.set(new Date(Date.parse(published.facebook!.published_at!) + 6 * HOUR))
    expect(await services().metrics.samplePostsDue(100)).toBe(3)
    expect(await state('instagram')).toMatchObject({ likes: 25, stage: 1, failures: 1 })
    expect(await state('threads')).toMatchObject({ likes: 9, next_at: null })
    expect((await state('threads'))!.gone_at).not.toBeNull()
    // Reach no longer given: null in this sample, its history keeps the first.
    expect(await state('facebook')).toMatchObject({
      likes: 20,
      reposts: 2,
      views: 900,
      reach: null,
    })
    const history = await services().store.repos.metrics.postSamples(meta.libraryId, [
      published.facebook!.id,
    ])
    expect(history.map((s) => [s.likes, s.reach])).toEqual([
      [14, 310],
      [20, null],
    ])
    meta.stand.insights.faults.notEnoughViewers = false
  })

  it('reads the Page’s, the account’s and the profile’s followers into the daily history', async () => {
    const { followers } = meta.stand.insights
    followers.set(PAGE_ID, 1830)
    followers.set(INSTAGRAM_ID, 2455)
    followers.set(THREADS_USER_ID, 310)
    await services().metrics.enrollChannels()
    expect(await services().metrics.sampleAccountsDue(10)).toBe(3)
    const days = await services().store.repos.metrics.accountSeries(
      meta.libraryId,
      [channels.facebook!.id, channels.instagram!.id, channels.threads!.id],
      '2000-01-01',
      '2100-01-01',
    )
    const byChannel = Object.fromEntries(days.map((d) => [d.channelId, d]))
    expect(byChannel[channels.facebook!.id]).toMatchObject({ followers: 1830, following: null })
    expect(byChannel[channels.instagram!.id]).toMatchObject({
      followers: 2455,
      following: 12,
      posts: 1,
    })
    expect(byChannel[channels.threads!.id]).toMatchObject({ followers: 310 })
    const stats = await meta.admin.get(`${base()}/stats`)
    expect(stats.body.totals.followers).toBe(1830 + 2455 + 310)
  })
  it('waits out a 613 storm without counting it as a failure, and pauses a channel whose token was revoked', async () => {
    // Every call answers 613 ("calls within one hour ceiling"): the reads wait, nothing counts as failed.
    meta.stand.faults.throttle = 1_000
    clock.set(new Date(Date.parse(published.facebook!.published_at!) + 24 * HOUR))
    expect(await services().metrics.samplePostsDue(100)).toBe(2)
    const facebook = await state('facebook')
    expect(facebook).toMatchObject({ stage: 2, failures: 0, likes: 20 })
    expect(Date.parse(facebook!.next_at!)).toBeGreaterThan(clock.now().getTime())
    expect(await state('instagram')).toMatchObject({ stage: 1, failures: 1, likes: 25 })
    meta.stand.faults.throttle = 0

    meta.stand.faults.revoked = true
    const schedule = await services().store.repos.metricSampling.accountState(channels.threads!.id)
    clock.set(new Date(Date.parse(schedule!.next_at) + 1_000))
    await services().metrics.sampleAccountsDue(10)
    const threads = await services().store.repos.channels.find(meta.libraryId, channels.threads!.id)
    expect(threads).toMatchObject({ health: 'needs_reconnect', health_code: 'auth_revoked' })
    meta.stand.faults.revoked = false
  })
})
