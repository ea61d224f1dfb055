import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableDialects } from '../test/databases.js'
import { type TestApp, type TestClient, createTestApp, setUpFirstLibrary } from '../test/harness.js'
import {
  deepRecurrence,
  hugeDescription,
  manyOverrides,
  zonesTimesEvents,
} from '../test/hostile-calendars.js'

/**
 * While `work` runs, asks /healthz every 20 ms and samples the process's
 * memory: the longest wait for an answer, and how far memory grew.
 */
async function watched<T>(app: TestApp, work: Promise<T>) {
  const rssBefore = process.memoryUsage().rss
  let peak = rssBefore
  let longest = 0
  let answers = 0
  let done = false
  const settled = work.finally(() => (done = true))
  while (!done) {
    const asked = performance.now()
    const res = await app.torget.http.request('http://torget.test/healthz')
    expect(res.status).toBe(200)
    answers++
    longest = Math.max(longest, performance.now() - asked)
    peak = Math.max(peak, process.memoryUsage().rss)
    await Promise.race([settled, new Promise((r) => setTimeout(r, 20))])
  }
  return {
    value: await settled,
    longestMs: longest,
    answers,
    grownMb: (peak - rssBefore) / 2 ** 20,
  }
}

describe.each(await availableDialects())('a hostile calendar file on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let libraryId: string
  let sourceId: string
  const base = () => `/api/v1/libraries/${libraryId}`
  const upload = (ics: string) =>
    admin.upload(
      `${base()}/event-sources/${sourceId}/file`,
      new TextEncoder().encode(ics),
      'text/calendar',
    )
  const events = async () =>
    (await admin.get(`${base()}/events?from=2026-01-01T00:00:00Z&to=2028-01-01T00:00:00Z`)).body

  beforeAll(async () => {
    app = await createTestApp(dialect)
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    const first = await admin.upload(
      `${base()}/event-sources/upload?name=Program.ics`,
      new TextEncoder().encode(manyOverrides(20)),
      'text/calendar',
    )
    expect(first.status).toBe(201)
    sourceId = first.body.id
  })
  afterAll(async () => {
    await app?.close()
  })

  it('refuses thousands of zones times a hundred thousand events in Swedish, keeps the events, and keeps answering', async () => {
    const before = await events()
    const run = await watched(app, upload(zonesTimesEvents()))
    expect(run.value.status).toBe(422)
    expect(run.value.body.error).toMatchObject({ code: 'ics_too_many_time_zones' })
    expect(run.value.body.error.message).toContain('fler än 100 tidszoner')
    expect(run.longestMs).toBeLessThan(1_000)
    expect(run.grownMb).toBeLessThan(200)
    expect(await events()).toEqual(before)
  })

  it('reads a huge DESCRIPTION, endless rules and thousands of overrides, each bounded, while /healthz answers', async () => {
    for (const ics of [hugeDescription(), deepRecurrence(), manyOverrides()]) {
      const run = await watched(app, upload(ics))
      expect([200, 422]).toContain(run.value.status)
      if (run.value.status === 422) expect(run.value.body.error.code).toBe('ics_too_complex')
      expect(run.answers).toBeGreaterThan(1)
      expect(run.longestMs).toBeLessThan(1_000)
      expect(run.grownMb).toBeLessThan(200)
    }
  })
})
