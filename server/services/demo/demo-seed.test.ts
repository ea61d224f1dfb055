import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, utcToZoned } from '../../../core/time/zoned.js'
import { availableDialects } from '../../test/databases.js'
import { type TestApp, type TestClient, createTestApp } from '../../test/harness.js'
import { DEMO_PASSWORD, findDemoLibrary, resetDemo, seedDemo } from './demo-seed.js'

const ZONE = 'Europe/Stockholm'

describe.each(await availableDialects())('the demo library on %s', (dialect) => {
  let app: TestApp
  let libraryId: string
  const now = new Date()

  beforeAll(async () => {
    app = await createTestApp(dialect)
    const seeded = await seedDemo(app.torget, { now })
    expect(seeded.created).toBe(true)
    libraryId = seeded.libraryId
    console.log(`demo seed on ${dialect}: ${Math.round(seeded.ms)} ms`)
  }, 180_000)
  afterAll(async () => app?.close())

  async function signIn(email: string): Promise<TestClient> {
    const client = app.client()
    const res = await client.post('/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD })
    expect(res.status).toBe(200)
    return client
  }

  /** What a Skribent signing in for the first time finds, page by page. */
  async function newcomerView(client: TestClient, id: string) {
    const base = `/api/v1/libraries/${id}`
    const today = utcToZoned(now, ZONE).date
    const month = today.slice(0, 7)
    // The month's grid starts on the Monday before the 1st and runs six weeks, as the web app shows it.
    const first = `${month}-01`
    const from = addDays(first, -((new Date(`${first}T12:00:00Z`).getUTCDay() + 6) % 7))
    const calendar = (await client.get(`${base}/calendar?from=${from}&to=${addDays(from, 41)}`))
      .body
    const campaigns = (await client.get(`${base}/campaigns`)).body
    const { policy } = (await client.get(`${base}/policy`)).body
    const events = (await client.get(`${base}/events`)).body
    const slots = (await client.get(`${base}/recurring-slots`)).body
    const states: Record<string, number> = {}
    for (const item of calendar.items) states[item.state] = (states[item.state] ?? 0) + 1
    return {
      states,
      posts: calendar.items.length,
      returned: calendar.items.filter((i: { excerpt: string }) => i.excerpt.includes('VERSALER'))
        .length,
      calendarEvents: calendar.events.map((e: { title: string }) => e.title).sort(),
      campaigns: campaigns.map((c: Record<string, any>) => ({
        name: c.name,
        peakDate: c.peakDate,
        event: c.event?.summary,
        progress: c.progress,
      })),
      policy: policy && {
        version: policy.version.number,
        approved: Boolean(policy.version.approvedAt),
        roles: policy.document.roles.map((r: { who: string }) => r.who),
        responseHours: policy.document.responses.target.hours,
      },
      upcomingEvents: events.map((e: { summary: string }) => e.summary).sort(),
      slots: slots.map((s: { name: string }) => s.name),
    }
  }

  let first: Awaited<ReturnType<typeof newcomerView>>

  it('shows a newcomer a library at work: a plan in every state, the festival campaign, an approved policy, events', async () => {
    const sara = await signIn('skribent@exempelbiblioteket.se')
    first = await newcomerView(sara, libraryId)
    // Övningskanalen takes the plan: what is ahead waits approved or scheduled, what is past went out.
    expect(Object.keys(first.states)).toEqual(
      expect.arrayContaining(['approved', 'draft', 'in_review', 'scheduled']),
    )
    expect(first.states.scheduled).toBeGreaterThanOrEqual(2)
    expect(first.states.draft).toBeGreaterThanOrEqual(5)
    expect(first.states.in_review).toBeGreaterThanOrEqual(2)
    expect(first.campaigns).toEqual([
      expect.objectContaining({
        name: 'Bokfestivalen',
        event: 'Bokfestival på Exempelbiblioteket',
        progress: expect.objectContaining({ slots: 7, filled: 3 }),
      }),
    ])
    const peak = first.campaigns[0].peakDate
    expect(peak > utcToZoned(now, ZONE).date).toBe(true)
    expect(peak <= addDays(utcToZoned(now, ZONE).date, 14)).toBe(true)
    expect(first.policy).toEqual({
      version: 1,
      approved: true,
      roles: expect.arrayContaining(['Svarare', 'Skribenter']),
      responseHours: 8,
    })
    expect(first.upcomingEvents).toContain('Bokfestival på Exempelbiblioteket')
    expect(first.upcomingEvents).toContain('Sagostund för 3–5 år')
    // Private entries in the library's calendar never enter Torget.
    expect(first.upcomingEvents).not.toContain('Arbetsplatsträff')
    expect(first.calendarEvents.length).toBeGreaterThan(5)
    expect(first.slots).toEqual(['Veckans bok'])
  })

  it('has three months behind it: posts published week after week, one that failed with its reason, one withdrawn', async () => {
    const sara = await signIn('skribent@exempelbiblioteket.se')
    const base = `/api/v1/libraries/${libraryId}`
    const today = utcToZoned(now, ZONE).date
    let published = 0
    for (const from of [addDays(today, -63), addDays(today, -21)]) {
      const page = (await sara.get(`${base}/calendar?from=${from}&to=${addDays(from, 41)}`)).body
      published += (page.items as { state: string }[]).filter((i) => i.state === 'published').length
    }
    expect(published).toBeGreaterThanOrEqual(22)
    const failed = (await sara.get(`${base}/posts?state=failed`)).body as {
      id: string
      publications: { state: string; errorCode: string | null }[]
    }[]
    expect(failed).toHaveLength(1)
    expect(failed[0]!.publications).toEqual([
      expect.objectContaining({ state: 'failed', errorCode: 'channel_removed' }),
    ])
    // One went out and was taken off Övningskanalen the next morning.
    const withdrawn = (await sara.get(`${base}/posts?state=withdrawn`)).body as {
      text: string
      publications: { state: string }[]
    }[]
    expect(withdrawn).toHaveLength(1)
    expect(withdrawn[0]!.text).toContain('Bokbussen')
    expect(withdrawn[0]!.publications).toEqual([expect.objectContaining({ state: 'deleted' })])
    // Övningskanalen was turned on again: the library has one, with its history.
    const channels = (await sara.get(`${base}/channels`)).body as { network: string }[]
    expect(channels.map((c) => c.network)).toEqual(['practice'])
  })

  it('gives Statistik curves and Stegen a ladder, Inkorg answered and waiting conversations', async () => {
    const anna = await signIn('ansvarig@exempelbiblioteket.se')
    const base = `/api/v1/libraries/${libraryId}`
    const today = utcToZoned(now, ZONE).date
    const stats = (await anna.get(`${base}/stats?from=${addDays(today, -62)}&to=${today}`)).body
    expect(stats.totals.postsPublished).toBeGreaterThanOrEqual(20)
    expect(stats.totals.replies).toBeGreaterThanOrEqual(60)
    expect(stats.totals.likes).toBeGreaterThan(stats.totals.replies)
    const weeksWithLikes = new Set(
      (stats.activity as { start: string; likes: number }[])
        .filter((b) => b.likes > 0)
        .map((b) => b.start.slice(0, 8)),
    )
    expect(weeksWithLikes.size).toBeGreaterThanOrEqual(3)
    // Followers counted day by day, growing.
    const points = stats.followers[0].points as { followers: number }[]
    expect(points.length).toBeGreaterThan(40)
    expect(points.at(-1)!.followers).toBeGreaterThan(points[0]!.followers + 10)
    expect(stats.responseTimes).toBeTruthy()

    const ladder = (await anna.get(`${base}/ladder`)).body
    const placed = (ladder.levels as { thisMonth: number }[]).reduce((n, l) => n + l.thisMonth, 0)
    expect(placed).toBeGreaterThan(10)

    const counts = (await anna.get(`${base}/inbox/counts`)).body
    expect(counts.new).toBeGreaterThanOrEqual(3)
    expect(counts.answered).toBeGreaterThanOrEqual(50)
  })

  it('has the staff at different places on the path, and reminds the newcomer who has not begun', async () => {
    const anna = await signIn('ansvarig@exempelbiblioteket.se')
    const base = `/api/v1/libraries/${libraryId}`
    const overview = (await anna.get(`${base}/path/overview`)).body
    const done = Object.fromEntries(
      (overview.members as { name: string; done: number }[]).map((m) => [m.name, m.done]),
    )
    expect(done).toMatchObject({
      'Nora Nyanställd': 0,
      'Sven Svarare': 2,
      'Sara Skribent': 4,
      'Rasmus Redaktör': 4,
    })
    const nora = await signIn('nyanstalld@exempelbiblioteket.se')
    const bell = (await nora.get('/api/v1/notifications')).body.items as {
      kind: string
      excerpt: string
    }[]
    expect(bell.map((n) => n.kind)).toEqual(['path_stuck', 'path_invited'])
    expect(bell[0]!.excerpt).toBe('Läs och bekräfta policyn')
    expect((await nora.get(`${base}/path`)).body.next).toBe('policy')
    // No one has walked it to the end: the last step is a first post on a real network, and
    // the demo connects none (nothing it makes can reach the public). Min väg says so.
    const sara = await signIn('skribent@exempelbiblioteket.se')
    expect((await sara.get(`${base}/path`)).body).toMatchObject({
      next: 'real_post',
      realChannel: false,
    })
  })

  it('keeps the sent-back post and its note for its writer', async () => {
    const sara = await signIn('skribent@exempelbiblioteket.se')
    const base = `/api/v1/libraries/${libraryId}`
    const drafts = (await sara.get(`${base}/posts?state=draft`)).body as {
      id: string
      text: string
    }[]
    const returned = drafts.find((p) => p.text.startsWith('BIBLIOTEKET HAR ÖPPET'))!
    const history = (await sara.get(`${base}/posts/${returned.id}/history`)).body
    expect(history.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['created', 'submitted', 'returned']),
    )
    const comments = (await sara.get(`${base}/posts/${returned.id}/comments`)).body
    expect(comments.map((c: { authorName: string }) => c.authorName)).toEqual(
      expect.arrayContaining(['Rasmus Redaktör', 'Sara Skribent']),
    )
  })

  it('changes nothing when seeded again', async () => {
    const again = await seedDemo(app.torget, { now })
    expect(again).toMatchObject({ created: false, libraryId })
    const sara = await signIn('skribent@exempelbiblioteket.se')
    expect(await newcomerView(sara, libraryId)).toEqual(first)
  })

  // Seeding three months through the services takes a while on a loaded PostgreSQL.
  it('starts over with --reset: a new library that looks the same, the old one out of sight', async () => {
    const reset = await resetDemo(app.torget, { now })
    expect(reset.created).toBe(true)
    expect(reset.libraryId).not.toBe(libraryId)
    expect(await findDemoLibrary(app.torget.services.store.repos)).toBe(reset.libraryId)
    const sara = await signIn('skribent@exempelbiblioteket.se')
    const me = (await sara.get('/api/v1/auth/session')).body
    expect(me.memberships.map((m: { libraryId: string }) => m.libraryId)).toEqual([reset.libraryId])
    expect(await newcomerView(sara, reset.libraryId)).toEqual(first)
    expect(
      (await sara.get(`/api/v1/libraries/${libraryId}/calendar?from=2026-01-01&to=2026-01-02`))
        .status,
    ).toBe(404)
  }, 120_000)

  it('has the staff’s ideas on the board', async () => {
    const id = (await findDemoLibrary(app.torget.services.store.repos))!
    const sven = await signIn('svarare@exempelbiblioteket.se')
    const ideas = (await sven.get(`/api/v1/libraries/${id}/ideas`)).body as { text: string }[]
    expect(ideas).toHaveLength(3)
    expect(ideas.map((i) => i.text).join(' ')).toContain('e-böcker')
  })

  it('seeds only the five members when asked, as the end-to-end tests start', async () => {
    const members = await resetDemo(app.torget, { now, content: 'members' })
    const sara = await signIn('skribent@exempelbiblioteket.se')
    const view = await newcomerView(sara, members.libraryId)
    expect(view.posts).toBe(0)
    expect(view.campaigns).toEqual([])
    expect(view.policy).toBeNull()
    const team = (await sara.get(`/api/v1/libraries/${members.libraryId}/members`)).body
    expect(team).toHaveLength(5)
  })
})
