import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { utcToZoned } from '../../core/time/zoned.js'
import { refreshEventSourceJob, refreshEventsJob } from '../jobs/refresh-events.js'
import { availableDialects } from '../test/databases.js'
import { type TestApp, type TestClient, createTestApp, setUpFirstLibrary } from '../test/harness.js'

const STOCKHOLM = 'Europe/Stockholm'
const context = { jobId: 'test', attempt: 1, signal: new AbortController().signal }
const WEEK = 7 * 24 * 3600 * 1000
const fixture = (name: string) =>
  fs.readFileSync(path.join(import.meta.dirname, '..', 'ics', 'fixtures', name), 'utf8')

/**
 * The fixtures describe spring 2026. Moved forward by whole weeks (so every
 * weekday and recurrence rule still holds) until they lie ahead of today,
 * they stay inside the import window whenever the test runs.
 */
const SHIFT_WEEKS = Math.ceil((Date.now() + 60 * 24 * 3600 * 1000 - Date.UTC(2026, 2, 1)) / WEEK)
function shifted(ics: string): string {
  return ics
    .split(/\r?\n/)
    .map((line) =>
      /^(DTSTART|DTEND|RECURRENCE-ID|EXDATE|RDATE|RRULE)[;:]/.test(line)
        ? line.replace(/\b(\d{4})(\d{2})(\d{2})(?=T|\b)/g, (_, y, m, d) =>
            new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)) + SHIFT_WEEKS * WEEK)
              .toISOString()
              .slice(0, 10)
              .replaceAll('-', ''),
          )
        : line,
    )
    .join('\r\n')
}
const shiftedDate = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + SHIFT_WEEKS * WEEK).toISOString().slice(0, 10)

/** The VEVENT blocks of a calendar, and the calendar without those that match. */
function without(ics: string, test: (block: string) => boolean): string {
  return ics.replace(/BEGIN:VEVENT[\s\S]*?END:VEVENT\r?\n/g, (block) => (test(block) ? '' : block))
}

const google = shifted(fixture('google-calendar.ics'))
/** The Sagostund series before the library moved one session and cancelled another. */
const googleBefore = without(google, (block) => block.includes('RECURRENCE-ID'))

/** A calendar server on loopback: serves `body` with an ETag and answers 304 when it matches. */
async function startFeedServer() {
  const state = { body: googleBefore, version: 1, requests: 0, notModified: 0 }
  const server = http.createServer((req, res) => {
    state.requests++
    const etag = `"v${state.version}"`
    if (req.headers['if-none-match'] === etag) {
      state.notModified++
      res.writeHead(304, { etag }).end()
      return
    }
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', etag }).end(state.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    state,
    url: `http://127.0.0.1:${port}/kalender.ics`,
    serve(body: string) {
      state.body = body
      state.version++
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

type Ev = {
  id: string
  summary: string
  startsAt: string
  status: string
  recurrenceId: string | null
  allDay: boolean
}
const localOf = (e: Ev) => utcToZoned(e.startsAt, STOCKHOLM)

describe.each(await availableDialects())('importing library events on %s', (dialect) => {
  let app: TestApp
  let strict: TestApp
  let admin: TestClient
  let libraryId: string
  let feed: Awaited<ReturnType<typeof startFeedServer>>
  const base = () => `/api/v1/libraries/${libraryId}`
  const events = async () =>
    (
      await admin.get<Ev[]>(
        `${base()}/events?from=${new Date(Date.now() - WEEK).toISOString()}&to=${new Date(
          Date.now() + 80 * WEEK,
        ).toISOString()}`,
      )
    ).body
  const story = async () => (await events()).filter((e) => e.summary.startsWith('Sagostund'))

  beforeAll(async () => {
    feed = await startFeedServer()
    app = await createTestApp(dialect, { TORGET_FETCH_ALLOW_PRIVATE: '127.0.0.1' })
    strict = await createTestApp(dialect)
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
  })
  afterAll(async () => {
    await app?.close()
    await strict?.close()
    await feed?.close()
  })

  let sourceId: string

  it('adds a feed by its address and shows its events, an instance left out by EXDATE staying out', async () => {
    const added = await admin.post(`${base()}/event-sources`, { url: feed.url })
    expect(added.status).toBe(201)
    sourceId = added.body.id
    expect(added.body).toMatchObject({
      kind: 'url',
      name: 'Stadsbiblioteket – barn och unga',
      lastError: null,
    })
    const sessions = await story()
    // Thirteen Wednesdays, one taken out by EXDATE.
    expect(sessions).toHaveLength(12)
    expect(sessions.map((e) => localOf(e).date)).not.toContain(shiftedDate('2026-04-01'))
    expect(sessions.every((e) => localOf(e).time === '10:00')).toBe(true)
    const all = await events()
    expect(all.find((e) => e.summary === 'Bokrea')).toMatchObject({ allDay: true })
    expect((await admin.get(`${base()}/event-sources`)).body[0].eventCount).toBe(all.length)
  })

  it('asks with the ETag next time and changes nothing when the feed has not changed', async () => {
    const before = await events()
    const refreshed = await admin.post(`${base()}/event-sources/${sourceId}/refresh`)
    expect(refreshed.status).toBe(200)
    expect(feed.state.notModified).toBe(1)
    expect(await events()).toEqual(before)
  })

  it('applies an update by UID: one session moved to the afternoon, another cancelled but kept, marked', async () => {
    const before = await story()
    feed.serve(google)
    expect((await admin.post(`${base()}/event-sources/${sourceId}/refresh`)).status).toBe(200)
    const after = await story()
    expect(after).toHaveLength(12)
    const moved = after.find((e) => localOf(e).date === shiftedDate('2026-03-18'))!
    expect(moved).toMatchObject({
      summary: 'Sagostund med Astrid Lindgren-tema',
      status: 'confirmed',
    })
    expect(localOf(moved).time).toBe('14:00')
    // Same occurrence (same row), not a new one beside the old.
    expect(moved.id).toBe(
      before.find((e) => e.recurrenceId === moved.recurrenceId && e.recurrenceId !== null)?.id,
    )
    const cancelled = after.find((e) => localOf(e).date === shiftedDate('2026-04-15'))!
    expect(cancelled.status).toBe('cancelled')
    expect(after.filter((e) => e.status === 'cancelled')).toHaveLength(1)
  })

  it('shows the events on their local days in the calendar, the cancelled one marked', async () => {
    const moved = shiftedDate('2026-03-18')
    const calendar = await admin.get(
      `${base()}/calendar?from=${moved}&to=${shiftedDate('2026-04-15')}`,
    )
    expect(calendar.status).toBe(200)
    const sagostund = calendar.body.events.filter((e: { title: string }) =>
      e.title.startsWith('Sagostund'),
    )
    expect(sagostund.find((e: { date: string }) => e.date === moved)).toMatchObject({
      time: '14:00',
      cancelled: false,
    })
    expect(
      sagostund.find((e: { date: string }) => e.date === shiftedDate('2026-04-15')),
    ).toMatchObject({ time: '10:00', cancelled: true })
  })

  it('deletes an event the feed no longer holds', async () => {
    feed.serve(without(google, (block) => block.includes('SUMMARY:Bokrea')))
    await admin.post(`${base()}/event-sources/${sourceId}/refresh`)
    expect((await events()).some((e) => e.summary === 'Bokrea')).toBe(false)
  })

  it('keeps the events as they were when the feed turns malformed, and shows the problem on the source', async () => {
    const before = await events()
    feed.serve('<html><body>Sidan finns inte</body></html>')
    const res = await admin.post(`${base()}/event-sources/${sourceId}/refresh`)
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('ics_malformed')
    expect(res.body.error.message).toBe(
      'Filen är ingen kalender som går att läsa (iCalendar, .ics).',
    )
    expect(await events()).toEqual(before)
    const [source] = (await admin.get(`${base()}/event-sources`)).body
    expect(source.lastError).toMatchObject({ code: 'ics_malformed' })
    // The next good read clears it.
    feed.serve(google)
    await admin.post(`${base()}/event-sources/${sourceId}/refresh`)
    expect((await admin.get(`${base()}/event-sources`)).body[0].lastError).toBeNull()
  })

  it('refuses a feed too large to fetch, and leaves the events untouched', async () => {
    const before = await events()
    feed.serve(`${google}\r\n${'X-PADDING:'.padEnd(6 * 1024 * 1024, 'x')}`)
    const res = await admin.post(`${base()}/event-sources/${sourceId}/refresh`)
    expect(res.body.error.code).toBe('fetch_too_large')
    expect(await events()).toEqual(before)
    feed.serve(google)
  })

  it('imports an uploaded file, leaves private events out, and refuses a broken or huge new version without touching the events', async () => {
    const outlook = shifted(fixture('outlook-exchange.ics'))
    const added = await admin.upload(
      `${base()}/event-sources/upload?name=Utst%C3%A4llningar.ics`,
      new TextEncoder().encode(outlook),
      'text/calendar',
    )
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({ kind: 'file', name: 'Utställningar' })
    const hidden = without(outlook, (block) => !block.includes('CLASS:PRIVATE'))
    const hiddenSummary = /SUMMARY[^:]*:([^\r\n]+)/.exec(hidden)![1]!
    const all = await events()
    expect(all.some((e) => e.summary === hiddenSummary)).toBe(false)
    expect(all.filter((e) => e.summary !== hiddenSummary).length).toBeGreaterThan(
      (await story()).length,
    )

    const before = await events()
    const broken = await admin.upload(
      `${base()}/event-sources/${added.body.id}/file`,
      new TextEncoder().encode('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:trasig'),
      'text/calendar',
    )
    expect(broken.status).toBe(422)
    expect(broken.body.error.code).toBe('ics_malformed')
    const huge = await admin.upload(
      `${base()}/event-sources/${added.body.id}/file`,
      new Uint8Array(6 * 1024 * 1024).fill(65),
      'text/calendar',
    )
    expect(huge.status).toBe(413)
    expect(huge.body.error.message).toBe('Kalenderfilen är för stor. Största storlek är 5 MB.')
    expect(await events()).toEqual(before)
  })

  it('refuses a feed on a private address when the configuration does not allow it', async () => {
    const { admin: other, libraryId: otherLibrary } = await setUpFirstLibrary(strict)
    const res = await other.post(`/api/v1/libraries/${otherLibrary}/event-sources`, {
      url: feed.url,
    })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({
      code: 'fetch_blocked_address',
      message:
        'Adressen pekar på ett internt nätverk, och dit hämtar Torget inget. Använd en offentlig adress.',
    })
    expect((await other.get(`/api/v1/libraries/${otherLibrary}/event-sources`)).body).toEqual([])
  })

  it('queues a refresh of a feed once it has not been read for a few hours, keyed by source and hour', async () => {
    const sent: { key: string; payload: unknown }[] = []
    const events = app.torget.services.events
    const sweep = refreshEventsJob(
      { ...events, dueSources: () => events.dueSources(new Date(Date.now() + 4 * 3600 * 1000)) },
      { send: async (_job, payload, { key }) => void sent.push({ key, payload }) },
      refreshEventSourceJob(events),
    )
    expect(await events.dueSources()).toEqual([])
    await sweep.handle({ hour: '2030-01-01T10' }, context)
    // Feeds only: the uploaded file is refreshed by uploading it again.
    expect(sent).toEqual([
      {
        key: `${sourceId}:2030-01-01T10`,
        payload: { libraryId, sourceId, hour: '2030-01-01T10' },
      },
    ])
  })

  it('hands the calendar the events of a period through eventsBetween', async () => {
    const from = new Date(Date.now() - WEEK).toISOString()
    const to = new Date(Date.now() + 80 * WEEK).toISOString()
    const between = await app.torget.services.events.eventsBetween(libraryId, from, to)
    expect(between.map((e) => e.id)).toEqual((await events()).map((e) => e.id))
  })
})
