import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../db/database.js'
import { type TestDatabase, availableDialects, createTestDatabase } from '../test/databases.js'
import { seedLibrary } from '../test/metrics-seed.js'
import { createRepos } from './index.js'

const MINUTE = 60_000
const iso = (ms: number) => new Date(ms).toISOString()

describe.each(await availableDialects())('sampling the networks’ counts on %s', (dialect) => {
  let database: TestDatabase
  const t0 = Date.parse('2025-03-14T09:00:00.000Z')

  beforeAll(async () => {
    database = await createTestDatabase(dialect)
  })
  afterAll(async () => database?.drop())

  async function schedule(
    seed: Awaited<ReturnType<typeof seedLibrary>>,
    count: number,
    nextAt: string,
    channelId = seed.channelId,
  ) {
    const ids: string[] = []
    for (let i = 0; i < count; i++)
      ids.push(await seed.published(iso(t0 - 2 * 3_600_000), channelId))
    await createRepos(database.db).metricSampling.startPosts(
      ids.map((id) => ({
        publication_id: id,
        library_id: seed.libraryId,
        channel_id: channelId,
        published_at: iso(t0 - 2 * 3_600_000),
        next_at: nextAt,
        stage: 0,
      })),
    )
    return ids
  }

  it('never gives one post to two samplers, and only posts that are due on channels that work', async () => {
    const seed = await seedLibrary(database.db)
    const due = await schedule(seed, 120, iso(t0 - MINUTE))
    const later = await schedule(seed, 5, iso(t0 + 3_600_000))
    const paused = await seed.addChannel()
    const onPaused = await schedule(seed, 5, iso(t0 - MINUTE), paused)
    const removed = await seed.addChannel()
    const onRemoved = await schedule(seed, 5, iso(t0 - MINUTE), removed)
    const repos = createRepos(database.db)
    await repos.channels.update(seed.libraryId, paused, { health: 'needs_reconnect' })
    await repos.channels.update(seed.libraryId, removed, { deleted_at: iso(t0) })

    // A second worker: its own connection to the same database.
    const other = openDatabase({ url: database.url, sqlitePath: database.sqlitePath })
    try {
      const taken: string[] = []
      await Promise.all(
        [createRepos(database.db), createRepos(other.db)].map(async (r) => {
          for (;;) {
            const rows = await r.metricSampling.claimDuePosts(iso(t0), iso(t0 + 5 * MINUTE), 7)
            if (rows.length === 0) return
            taken.push(...rows.map((row) => row.publication_id))
            for (const row of rows) expect(row.remote_id).toMatch(/^at:\/\//)
          }
        }),
      )
      expect(taken).toHaveLength(due.length)
      expect(new Set(taken)).toEqual(new Set(due))
      for (const id of [...later, ...onPaused, ...onRemoved]) expect(taken).not.toContain(id)
    } finally {
      await other.close()
    }

    // Within the lease nobody takes them again; once it ran out (the sampler died) someone does.
    expect(
      await repos.metricSampling.claimDuePosts(iso(t0 + MINUTE), iso(t0 + 6 * MINUTE), 500),
    ).toEqual([])
    const retaken = await repos.metricSampling.claimDuePosts(
      iso(t0 + 6 * MINUTE),
      iso(t0 + 11 * MINUTE),
      500,
    )
    expect(retaken).toHaveLength(due.length)

    // Access back: the paused channel's posts are due as they were.
    await repos.channels.update(seed.libraryId, paused, { health: 'ok' })
    await repos.metricSampling.endRemovedChannels()
    const resumed = await repos.metricSampling.claimDuePosts(
      iso(t0 + 7 * MINUTE),
      iso(t0 + 12 * MINUTE),
      500,
    )
    expect(resumed.map((r) => r.publication_id).sort()).toEqual([...onPaused].sort())
    expect((await repos.metricSampling.postState(onRemoved[0]!))?.next_at).toBeNull()
  })

  it('keeps every sample as history and the latest beside the post, as the dashboard reads them', async () => {
    const seed = await seedLibrary(database.db)
    const repos = createRepos(database.db)
    const [a, b] = await schedule(seed, 2, iso(t0 - MINUTE))
    const post = (id: string) => ({
      publication_id: id,
      library_id: seed.libraryId,
      channel_id: seed.channelId,
      published_at: iso(t0 - 2 * 3_600_000),
    })
    const counts = (likes: number | null) => ({
      likes,
      reposts: 1,
      replies: null,
      quotes: 0,
      views: null,
    })
    // A round stores all its posts at once, each with its own counts and next look.
    await repos.metricSampling.recordPostSamples([
      {
        post: post(a!),
        sampledAt: iso(t0),
        counts: counts(5),
        next: { stage: 2, nextAt: iso(t0 + 60 * MINUTE) },
      },
      {
        post: post(b!),
        sampledAt: iso(t0),
        counts: counts(8),
        next: { stage: 1, nextAt: iso(t0 + 5 * 60 * MINUTE) },
      },
    ])
    // Counts going down are kept as given: the history shows it.
    await repos.metricSampling.recordPostSamples([
      {
        post: post(a!),
        sampledAt: iso(t0 + 60 * MINUTE),
        counts: counts(3),
        next: { stage: 3, nextAt: null },
      },
    ])
    const found = await repos.metrics.latestPostCounts(seed.libraryId, [a!, b!, 'not-ours'])
    expect(found.map((r) => r.publicationId).sort()).toEqual([a, b].sort())
    const latest = found.find((r) => r.publicationId === a)
    expect(latest).toMatchObject({
      publicationId: a,
      channelId: seed.channelId,
      sampledAt: iso(t0 + 60 * MINUTE),
      likes: 3,
      reposts: 1,
      replies: null,
      quotes: 0,
      views: null,
      goneAt: null,
      stage: 3,
    })
    expect((await repos.metrics.postSamples(seed.libraryId, [a!])).map((s) => s.likes)).toEqual([
      5, 3,
    ])
    expect(found.find((r) => r.publicationId === b)).toMatchObject({ likes: 8, stage: 1 })
    expect(await repos.metricSampling.postState(b!)).toMatchObject({
      next_at: iso(t0 + 5 * 60 * MINUTE),
      leased_until: null,
      failures: 0,
    })
    // Another library asking for the same post gets nothing.
    const stranger = await seedLibrary(database.db)
    expect(await repos.metrics.latestPostCounts(stranger.libraryId, [a!])).toEqual([])
  })

  it('files an account’s counts under the library’s day, a later sample that day replacing the earlier', async () => {
    const seed = await seedLibrary(database.db)
    const repos = createRepos(database.db)
    await repos.metricSampling.enrollAccounts(iso(t0))
    const [claimed] = await repos.metricSampling
      .claimDueAccounts(iso(t0), iso(t0 + MINUTE), 500)
      .then((rows) => rows.filter((r) => r.channel_id === seed.channelId))
    expect(claimed).toMatchObject({ library_id: seed.libraryId, time_zone: 'Europe/Stockholm' })
    const row = (day: string, at: number, followers: number | null) => ({
      channel_id: seed.channelId,
      library_id: seed.libraryId,
      day,
      sampled_at: iso(at),
      followers,
      following: 10,
      posts: null,
    })
    await repos.metricSampling.recordAccountSample(row('2025-03-13', t0 - 86_400_000, 100), iso(t0))
    await repos.metricSampling.recordAccountSample(row('2025-03-14', t0, 101), iso(t0 + 1))
    await repos.metricSampling.recordAccountSample(
      row('2025-03-14', t0 + 3_600_000, 99),
      iso(t0 + 2),
    )
    await repos.metricSampling.recordAccountSample(
      row('2025-03-15', t0 + 86_400_000, 120),
      iso(t0 + 3),
    )
    const series = await repos.metrics.accountSeries(
      seed.libraryId,
      [seed.channelId],
      '2025-03-13',
      '2025-03-14',
    )
    expect(series).toEqual([
      {
        channelId: seed.channelId,
        day: '2025-03-13',
        sampledAt: iso(t0 - 86_400_000),
        followers: 100,
        following: 10,
        posts: null,
      },
      {
        channelId: seed.channelId,
        day: '2025-03-14',
        sampledAt: iso(t0 + 3_600_000),
        followers: 99,
        following: 10,
        posts: null,
      },
    ])
    const stranger = await seedLibrary(database.db)
    expect(
      await repos.metrics.accountSeries(
        stranger.libraryId,
        [seed.channelId],
        '2025-01-01',
        '2025-12-31',
      ),
    ).toEqual([])
  })

  it('never gives one account to two samplers', async () => {
    const seed = await seedLibrary(database.db)
    const channels = [seed.channelId]
    for (let i = 0; i < 29; i++) channels.push(await seed.addChannel())
    const repos = createRepos(database.db)
    await repos.metricSampling.enrollAccounts(iso(t0))
    const other = openDatabase({ url: database.url, sqlitePath: database.sqlitePath })
    try {
      const taken: string[] = []
      await Promise.all(
        [repos, createRepos(other.db)].map(async (r) => {
          for (;;) {
            const rows = await r.metricSampling.claimDueAccounts(iso(t0), iso(t0 + MINUTE), 4)
            if (rows.length === 0) return
            taken.push(...rows.map((row) => row.channel_id))
          }
        }),
      )
      const ours = taken.filter((id) => channels.includes(id))
      expect(ours).toHaveLength(channels.length)
      expect(new Set(ours)).toEqual(new Set(channels))
      expect(new Set(taken).size).toBe(taken.length)
    } finally {
      await other.close()
    }
  })

  it('finds published posts that have no schedule yet, and only those', async () => {
    const seed = await seedLibrary(database.db)
    const repos = createRepos(database.db)
    const [scheduled] = await schedule(seed, 1, iso(t0))
    const unscheduled = await seed.published(iso(t0 - 40 * 86_400_000))
    const found = (await repos.metricSampling.unscheduledPosts(10_000)).map((p) => p.id)
    expect(found).toContain(unscheduled)
    expect(found).not.toContain(scheduled)
  })
})
