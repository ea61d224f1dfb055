import ICAL from 'ical.js'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { moveToDate } from '../../core/time/move.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'

const TZ = 'Europe/Stockholm'
type Item = { id: string; date: string; time: string; state: string; kind: string; at: string }

describe.each(await availableDialects())('the calendar on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let libraryId: string
  let channelId: string
  let writer: { client: TestClient; userId: string }
  let reader: { client: TestClient; userId: string }
  const base = () => `/api/v1/libraries/${libraryId}`
  const march = (extra = '') =>
    admin.get(`${base()}/calendar?from=2027-03-01&to=2027-03-31${extra}`).then((r) => {
      expect(r.status).toBe(200)
      return r.body as { items: Item[]; unplanned: { items: { id: string }[]; total: number } }
    })
  const ids = (items: { id: string }[]) => items.map((i) => i.id).sort()

  beforeAll(async () => {
    const net = loopbackNetwork()
    app = await createTestApp(dialect, {}, { adapters: { bluesky: net.adapter } })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    const channel = await admin.post(`${base()}/channels/bluesky`, {
      identifier: 'stadsbiblioteket.test',
      appPassword: 'abcd-efgh-ijkl',
    })
    channelId = channel.body.id
    writer = await addMember(app, admin, libraryId, 'writer', `skribent-${dialect}@bibliotek.test`)
    reader = await addMember(app, admin, libraryId, 'reader', `lasare-${dialect}@bibliotek.test`)
  })
  afterAll(async () => app?.close())

  const draft = async (client: TestClient, body: Record<string, unknown>) => {
    const res = await client.post(`${base()}/posts`, { channelIds: [channelId], ...body })
    expect(res.status).toBe(201)
    return res.body as { id: string; version: number }
  }

  it('places posts by their time in the library’s zone, lists undated drafts, and shows holidays', async () => {
    const planned = await draft(admin, {
      text: 'Påskpyssel i barnavdelningen',
      plannedAt: '2027-03-27T10:00:00+01:00',
      tags: ['Påsk'],
    })
    const undated = await draft(admin, { text: 'Idé: boktips om vårens deckare' })
    const toSchedule = await draft(admin, { text: 'Bokcirkel, tisdag kl. 18' })
    const scheduled = await admin.post(`${base()}/posts/${toSchedule.id}/schedule`, {
      at: '2027-03-16T18:00:00+01:00',
      version: toSchedule.version,
    })
    expect(scheduled.status).toBe(200)
    const outside = await draft(admin, { text: 'I april', plannedAt: '2027-04-01T00:30:00+02:00' })

    const res = await admin.get(`${base()}/calendar?from=2027-03-01&to=2027-03-31`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      from: '2027-03-01',
      to: '2027-03-31',
      timeZone: TZ,
      events: [],
    })
    const byId = new Map((res.body.items as Item[]).map((i) => [i.id, i]))
    expect(byId.get(planned.id)).toMatchObject({
      date: '2027-03-27',
      time: '10:00',
      kind: 'planned',
      state: 'draft',
      excerpt: 'Påskpyssel i barnavdelningen',
      channelIds: [channelId],
      tags: ['Påsk'],
      authorName: 'Astrid Admin',
    })
    expect(byId.get(toSchedule.id)).toMatchObject({
      date: '2027-03-16',
      time: '18:00',
      kind: 'scheduled',
      state: 'scheduled',
    })
    expect(byId.has(outside.id)).toBe(false)
    expect(res.body.unplanned.items.map((i: { id: string }) => i.id)).toContain(undated.id)
    expect(
      res.body.holidays.map(
        (h: { date: string; name: { sv: string } }) => `${h.date} ${h.name.sv}`,
      ),
    ).toEqual([
      '2027-03-26 Långfredagen',
      '2027-03-27 Påskafton',
      '2027-03-28 Påskdagen',
      '2027-03-29 Annandag påsk',
    ])
    // 00:30 on 1 April in Stockholm is still 31 March in UTC: the library's day decides.
    const april = await admin.get(`${base()}/calendar?from=2027-04-01&to=2027-04-30`)
    expect(april.body.items.map((i: Item) => [i.id, i.date, i.time])).toContainEqual([
      outside.id,
      '2027-04-01',
      '00:30',
    ])
  })

  it('gives a month grid the first posts of each day and every day’s count', async () => {
    const times = ['09:00', '10:00', '11:00', '12:00', '13:00']
    const made = []
    for (const time of times)
      made.push(
        await draft(admin, { text: `Julbord ${time}`, plannedAt: `2027-12-24T${time}:00+01:00` }),
      )
    await draft(admin, { text: 'Annandag', plannedAt: '2027-12-26T23:30:00+01:00' })
    const res = await admin.get(`${base()}/calendar?from=2027-11-29&to=2028-01-09&perDay=2`)
    expect(res.status).toBe(200)
    expect(res.body.counts).toEqual({ '2027-12-24': 5, '2027-12-26': 1 })
    expect(res.body.items.map((i: Item) => [i.date, i.time])).toEqual([
      ['2027-12-24', '09:00'],
      ['2027-12-24', '10:00'],
      ['2027-12-26', '23:30'],
    ])
    const day = await admin.get(`${base()}/calendar?from=2027-12-24&to=2027-12-24`)
    expect(ids(day.body.items)).toEqual(ids(made))
    expect(day.body.counts).toEqual({ '2027-12-24': 5 })
  })

  it('opens on the current month and refuses periods back to front, too long or malformed, plainly', async () => {
    const current = await admin.get(`${base()}/calendar`)
    expect(current.status).toBe(200)
    expect(current.body.from).toMatch(/^\d{4}-\d{2}-01$/)
    const backwards = await admin.get(`${base()}/calendar?from=2027-03-31&to=2027-03-01`)
    expect([backwards.status, backwards.body.error.code]).toEqual([400, 'calendar_range_invalid'])
    const long = await admin.get(`${base()}/calendar?from=2027-01-01&to=2027-03-31`)
    expect([long.status, long.body.error.code]).toEqual([400, 'calendar_range_too_long'])
    expect(long.body.error.message).toBe(
      'Kalendern visar högst sex veckor åt gången. Välj en kortare period.',
    )
    const bad = await admin.get(`${base()}/calendar?from=2027-02-30&to=2027-03-10`)
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed'])
    const state = await admin.get(`${base()}/calendar?from=2027-03-01&to=2027-03-10&state=nope`)
    expect(state.status).toBe(400)
  })

  it('filters by author, assignee, state, tag, channel and campaign', async () => {
    const mine = await draft(writer.client, {
      text: 'Skribentens boktips',
      plannedAt: '2027-03-10T09:00:00+01:00',
      tags: ['Boktips', 'Vår'],
    })
    const assigned = await draft(admin, {
      text: 'Till skribenten',
      plannedAt: '2027-03-11T09:00:00+01:00',
      assigneeId: writer.userId,
      tags: ['boktips-extra'],
    })
    const noChannel = await draft(admin, {
      text: 'Utan kanal',
      plannedAt: '2027-03-12T09:00:00+01:00',
      channelIds: [],
    })
    const campaignId = '11111111-1111-4111-8111-111111111111'
    await sql`update posts set campaign_id = ${campaignId} where id = ${noChannel.id}`.execute(
      app.database.db,
    )

    expect(ids((await march(`&author=${writer.userId}`)).items)).toEqual([mine.id])
    expect(ids((await march(`&assignee=${writer.userId}`)).items)).toEqual([assigned.id])
    expect(ids((await march('&tag=boktips')).items)).toEqual([mine.id])
    expect(ids((await march('&tag=vår,boktips-extra')).items)).toEqual(ids([mine, assigned]))
    expect((await march('&state=scheduled')).items.every((i) => i.state === 'scheduled')).toBe(true)
    expect(ids((await march(`&campaign=${campaignId}`)).items)).toEqual([noChannel.id])
    const onChannel = await march(`&channel=${channelId}`)
    expect(onChannel.items.some((i) => i.id === noChannel.id)).toBe(false)
    expect(onChannel.items.some((i) => i.id === mine.id)).toBe(true)
    const undated = await march(`&author=${writer.userId}`)
    expect(undated.unplanned.total).toBe(0)
  })

  it('moves a draft and a scheduled post to another day at the same Stockholm time across the DST change', async () => {
    const planned = await draft(admin, { text: 'Flyttas', plannedAt: '2027-03-28T10:00:00+02:00' })
    const moved = await admin.patch(`${base()}/posts/${planned.id}`, {
      version: planned.version,
      plannedAt: moveToDate('2027-03-28T08:00:00.000Z', '2027-03-30', TZ).toISOString(),
    })
    expect(moved.status).toBe(200)
    const friday = await draft(admin, {
      text: 'Fredag före',
      plannedAt: '2027-03-26T10:00:00+01:00',
    })
    const post = await draft(admin, { text: 'Schemalagd fredag' })
    const scheduled = await admin.post(`${base()}/posts/${post.id}/schedule`, {
      at: '2027-03-26T10:00:00+01:00',
      version: post.version,
    })
    const rescheduled = await admin.post(`${base()}/posts/${post.id}/schedule`, {
      at: moveToDate(scheduled.body.scheduledAt, '2027-03-30', TZ).toISOString(),
      version: scheduled.body.version,
    })
    expect(rescheduled.status).toBe(200)
    expect(rescheduled.body.scheduledAt).toBe('2027-03-30T08:00:00.000Z')
    await admin.patch(`${base()}/posts/${friday.id}`, {
      version: friday.version,
      plannedAt: moveToDate('2027-03-26T09:00:00.000Z', '2027-03-30', TZ).toISOString(),
    })
    const items = (await march()).items.filter((i) =>
      [planned.id, post.id, friday.id].includes(i.id),
    )
    expect(items.map((i) => [i.date, i.time])).toEqual([
      ['2027-03-30', '10:00'],
      ['2027-03-30', '10:00'],
      ['2027-03-30', '10:00'],
    ])
  })

  it('lets a Läsare move nothing and a Skribent only the planned time of their own drafts', async () => {
    const colleague = await draft(admin, {
      text: 'Kollegans',
      plannedAt: '2027-03-05T09:00:00+01:00',
    })
    const own = await draft(writer.client, { text: 'Egen', plannedAt: '2027-03-05T09:00:00+01:00' })
    const to = '2027-03-06T08:00:00.000Z'
    const byReader = await reader.client.patch(`${base()}/posts/${own.id}`, {
      version: own.version,
      plannedAt: to,
    })
    expect([byReader.status, byReader.body.error.code]).toEqual([403, 'forbidden'])
    const others = await writer.client.patch(`${base()}/posts/${colleague.id}`, {
      version: colleague.version,
      plannedAt: to,
    })
    expect([others.status, others.body.error.code]).toEqual([403, 'post_not_yours'])
    const ownMove = await writer.client.patch(`${base()}/posts/${own.id}`, {
      version: own.version,
      plannedAt: to,
    })
    expect(ownMove.status).toBe(200)
    expect(ownMove.body.plannedAt).toBe(to)
    const reschedule = await writer.client.post(`${base()}/posts/${own.id}/schedule`, {
      at: to,
      version: ownMove.body.version,
    })
    expect(reschedule.status).toBe(403)
    expect((await march()).items.find((i) => i.id === colleague.id)?.date).toBe('2027-03-05')
  })

  it('puts a published post on the day of its first publication', async () => {
    const post = await draft(admin, { text: 'Publicerad', plannedAt: '2027-03-02T10:00:00+01:00' })
    await sql`update posts set state = 'scheduled', scheduled_at = ${'2027-03-03T09:00:00.000Z'} where id = ${post.id}`.execute(
      app.database.db,
    )
    await sql`update publications set state = 'published', published_at = ${'2027-03-04T11:15:00.000Z'} where post_id = ${post.id}`.execute(
      app.database.db,
    )
    expect((await march()).items.find((i) => i.id === post.id)).toMatchObject({
      date: '2027-03-03',
      kind: 'scheduled',
    })
    await sql`update posts set state = 'published' where id = ${post.id}`.execute(app.database.db)
    expect((await march()).items.find((i) => i.id === post.id)).toMatchObject({
      date: '2027-03-04',
      time: '12:15',
      kind: 'published',
      state: 'published',
    })
  })

  it('serves a member’s plan as a secret iCalendar feed that can be turned off and renewed', async () => {
    const text = 'Författarsamtal; "Mörkt vatten", med Åsa Ek, kl. 18 – fri entré\nVälkomna!'
    const post = await draft(admin, { text, plannedAt: '2027-03-20T18:00:00+01:00' })
    expect((await admin.get(`${base()}/calendar/feed`)).body).toMatchObject({ active: false })
    const created = await admin.post(`${base()}/calendar/feed`)
    expect(created.status).toBe(201)
    const path = new URL(created.body.url).pathname
    expect(path).toMatch(/^\/api\/v1\/public\/calendar-feeds\/[\w-]{43}$/)

    const feed = await app.client().get(path)
    expect(feed.status).toBe(200)
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    const ics = feed.body as string
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75)
    expect(ics.split('\r\n').every((l, i, all) => i === all.length - 1 || !l.includes('\n'))).toBe(
      true,
    )
    const calendar = new ICAL.Component(ICAL.parse(ics))
    const event = calendar
      .getAllSubcomponents('vevent')
      .find((e) => e.getFirstPropertyValue('uid') === `post-${post.id}@torget.test`)!
    expect(event).toBeDefined()
    const start = event.getFirstPropertyValue('dtstart') as ICAL.Time
    expect(start.zone?.tzid).toBe('UTC')
    expect(start.toJSDate().toISOString()).toBe('2027-03-20T17:00:00.000Z')
    expect(event.getFirstPropertyValue('summary')).toBe(
      'Författarsamtal; "Mörkt vatten", med Åsa Ek, kl. 18…',
    )
    expect(event.getFirstPropertyValue('description')).toContain(text)
    expect(event.getFirstPropertyValue('url')).toBe(
      `http://torget.test/bibliotek/${libraryId}/inlagg/${post.id}`,
    )
    expect((await admin.get(`${base()}/calendar/feed`)).body).toMatchObject({ active: true })

    const renewed = await admin.post(`${base()}/calendar/feed`)
    expect((await app.client().get(path)).status).toBe(404)
    const newPath = new URL(renewed.body.url).pathname
    expect((await app.client().get(newPath)).status).toBe(200)
    expect((await admin.delete(`${base()}/calendar/feed`)).status).toBe(204)
    const revoked = await app.client().get(newPath)
    expect([revoked.status, revoked.body.error.code]).toEqual([404, 'calendar_feed_not_found'])
    expect((await app.client().get('/api/v1/public/calendar-feeds/nonsense')).status).toBe(404)
  })

  it('stops a feed when its member leaves the library', async () => {
    const leaver = await addMember(
      app,
      admin,
      libraryId,
      'editor',
      `slutar-${dialect}@bibliotek.test`,
    )
    const created = await leaver.client.post(`${base()}/calendar/feed`)
    const path = new URL(created.body.url).pathname
    expect((await app.client().get(path)).status).toBe(200)
    await admin.delete(`${base()}/members/${leaver.userId}`)
    expect((await app.client().get(path)).status).toBe(404)
  })

  it('names the writer and the assignee of a post, also once the writer has left', async () => {
    const leaver = await addMember(
      app,
      admin,
      libraryId,
      'editor',
      `avgar-${dialect}@bibliotek.test`,
    )
    const post = await leaver.client.post(`${base()}/posts`, {
      channelIds: [channelId],
      text: 'Bokbytardag i entrén',
      plannedAt: '2027-06-12T11:00:00+02:00',
      assigneeId: writer.userId,
    })
    expect(post.status).toBe(201)
    await admin.delete(`${base()}/members/${leaver.userId}`)
    for (const query of ['', '&perDay=3']) {
      const res = await admin.get(`${base()}/calendar?from=2027-06-01&to=2027-06-30${query}`)
      expect(res.body.items.find((i: { id: string }) => i.id === post.body.id)).toMatchObject({
        authorName: 'Test editor',
        assigneeId: writer.userId,
      })
    }
    const csv = await admin.get(`${base()}/calendar/export.csv?from=2027-06-01&to=2027-06-30`)
    expect(csv.body).toContain('Bokbytardag i entrén')
    expect(csv.body).toMatch(/;Test editor;Test writer;/)
  })

  it('exports a period as CSV that Excel opens with Swedish letters, safe from formulas', async () => {
    await draft(admin, {
      text: '=HYPERLINK("http://evil.test";"Klicka")',
      plannedAt: '2027-05-03T09:00:00+02:00',
    })
    await draft(admin, {
      text: 'Sommarläsning; "Läslov" börjar\nfredag',
      plannedAt: '2027-05-04T23:30:00+02:00',
      tags: ['Sommar', 'Läsning'],
    })
    const res = await admin.get(`${base()}/calendar/export.csv?from=2027-05-01&to=2027-05-31`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="publiceringsplan-2027-05-01-2027-05-31.csv"',
    )
    const raw = await (
      await app.torget.http.request(
        `http://torget.test${base()}/calendar/export.csv?from=2027-05-01&to=2027-05-31`,
        {
          headers: { cookie: (admin as unknown as { cookie: string }).cookie, host: 'torget.test' },
        },
      )
    ).arrayBuffer()
    expect([...new Uint8Array(raw).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(raw)
    const lines = text.slice(1).split('\r\n')
    expect(lines[0]).toBe('Datum;Tid;Läge;Kanaler;Författare;Ansvarig;Kampanj;Taggar;Text;Länk')
    expect(lines[1]).toMatch(
      /^2027-05-03;09:00;Utkast;Bluesky @stadsbiblioteket\.test;Astrid Admin;;;;"'=HYPERLINK\(""http:\/\/evil\.test"";""Klicka""\)";http:\/\/torget\.test\/bibliotek\//,
    )
    // The line break inside the text stays inside its quoted cell; rows end in CRLF.
    expect(lines[2]).toMatch(
      /^2027-05-04;23:30;Utkast;Bluesky @stadsbiblioteket\.test;Astrid Admin;;;"Sommar, Läsning";"Sommarläsning; ""Läslov"" börjar\nfredag";http:\/\/torget\.test\/bibliotek\/.+\/inlagg\/.+$/,
    )
    expect(lines).toHaveLength(4)
    expect(lines[3]).toBe('')
    const long = await admin.get(`${base()}/calendar/export.csv?from=2026-01-01&to=2027-05-31`)
    expect([long.status, long.body.error.code]).toEqual([400, 'calendar_export_range_too_long'])
  })
})
