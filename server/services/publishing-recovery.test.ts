import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { frozenClock } from '../test/clock.js'
import { availableDialects } from '../test/databases.js'
import { type TestApp, type TestClient, createTestApp, setUpFirstLibrary } from '../test/harness.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'
import type { AttemptResult } from './publishing-service.js'
import { SHORT_OUTAGE_DELAY_MS } from './publication-retry.js'

const SECOND = 1000
const MINUTE = 60 * SECOND

// The worker is not started: each test runs the dispatcher's steps itself at
// the times it sets on the clock, so what happens when is exact.
describe.each(await availableDialects())('publishing after a network outage on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let libraryId: string
  const net = loopbackNetwork()
  const clock = frozenClock()
  const base = () => `/api/v1/libraries/${libraryId}`

  beforeAll(async () => {
    app = await createTestApp(dialect, {}, { adapters: { bluesky: net.adapter }, clock })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
  })
  afterAll(async () => app?.close())

  async function connect(identifier: string): Promise<string> {
    const res = await admin.post(`${base()}/channels/bluesky`, {
      identifier,
      appPassword: 'abcd-efgh-ijkl',
    })
    expect(res.status).toBe(201)
    return res.body.id
  }

  async function schedule(channelId: string, text: string, at: Date): Promise<string> {
    const post = (await admin.post(`${base()}/posts`, { text, channelIds: [channelId] })).body
    const res = await admin.post(`${base()}/posts/${post.id}/schedule`, {
      at: at.toISOString(),
      version: post.version,
    })
    expect(res.status).toBe(200)
    return res.body.publications[0].id
  }

  /** One turn of the worker's loop at the clock's time: claim what is due, attempt it, record. */
  async function pass() {
    const { publishing } = app.torget.services
    const claimed = await publishing.claimDue(1000)
    const { ready, decided } = await publishing.prepare(claimed)
    const results: AttemptResult[] = [...decided]
    for (const attempt of ready)
      results.push({ claimed: attempt.claimed, outcome: await publishing.attempt(attempt) })
    const { broughtForward } = await publishing.record(results)
    return { claimed: claimed.length, broughtForward }
  }

  const rows = (channelId: string) =>
    app.database.db
      .selectFrom('publications')
      .select(['id', 'state', 'due_at', 'error_code'])
      .where('channel_id', '=', channelId)
      .execute()

  const nextDue = async () => Date.parse((await app.torget.services.publishing.nextDueAt())!)

  it('retries at least every 30 s during a short outage; after the first success the rest go out at once', async () => {
    const channelId = await connect(`aterhamtning-${dialect}.test`)
    const later = await schedule(channelId, 'Bokrea nästa månad', new Date(Date.now() + 3_600_000))
    const backlog: string[] = []
    for (let i = 0; i < 40; i++) backlog.push(await schedule(channelId, `Nyhet ${i}`, new Date()))
    clock.set(new Date())
    const started = clock.now().getTime()

    net.setOutage({ kind: 'transient', code: 'server_error' })
    let passes = 0
    while (clock.now().getTime() - started < 2 * MINUTE) {
      expect((await pass()).claimed).toBeGreaterThan(0)
      passes++
      for (const row of await rows(channelId))
        if (row.id !== later)
          expect(Date.parse(row.due_at) - clock.now().getTime()).toBeLessThanOrEqual(
            SHORT_OUTAGE_DELAY_MS,
          )
      clock.set(new Date(await nextDue()))
    }
    expect(passes).toBeGreaterThan(4)
    expect(net.posts.size).toBe(0)

    net.setOutage(undefined)
    const outageEnded = clock.now().getTime()
    // The first publication tried after the network came back: within 30 s.
    clock.set(new Date(await nextDue()))
    expect(clock.now().getTime() - outageEnded).toBeLessThanOrEqual(SHORT_OUTAGE_DELAY_MS)
    const first = await pass()
    expect(first.broughtForward).toBeGreaterThan(0)
    // The clock stands still: whatever goes out now was brought forward by the successes.
    for (let i = 0; i < 10 && (await pass()).claimed > 0; i++);

    const after = await rows(channelId)
    expect(
      after
        .filter((r) => r.state === 'published')
        .map((r) => r.id)
        .sort(),
    ).toEqual([...backlog].sort())
    expect(after.find((r) => r.id === later)).toMatchObject({ state: 'pending' })
    expect(Date.parse(after.find((r) => r.id === later)!.due_at)).toBeGreaterThan(
      clock.now().getTime() + 50 * MINUTE,
    )
    expect(net.posts.size).toBe(40)
    expect(net.duplicates).toBe(0)
  })

  it('leaves a channel that still fails alone when another one answers again', async () => {
    const healthy = await connect(`frisk-${dialect}.test`)
    const broken = await connect(`trasig-${dialect}.test`)
    clock.set(new Date())
    const waiting = await schedule(broken, 'Väntar på sin kanal', new Date())
    clock.set(new Date())
    net.failNext({ kind: 'transient', code: 'server_error' })
    await pass()
    const [before] = await rows(broken)
    expect(before).toMatchObject({ id: waiting, state: 'pending' })
    await schedule(healthy, 'Går ut direkt', new Date())
    clock.set(new Date())
    expect(await pass()).toEqual({ claimed: 1, broughtForward: 0 })
    expect((await rows(broken))[0]!.due_at).toEqual(before!.due_at)
  })

  it('asks a network that stays away less and less often, and tells a person after six hours', async () => {
    const channelId = await connect(`borta-${dialect}.test`)
    const id = await schedule(channelId, 'Sommarens öppettider', new Date())
    clock.set(new Date())
    const started = clock.now().getTime()
    net.setOutage({ kind: 'transient', code: 'server_error' })
    const delays: number[] = []
    for (let i = 0; i < 200; i++) {
      await pass()
      const [row] = await rows(channelId)
      if (row!.state !== 'pending') break
      const failingFor = clock.now().getTime() - started
      const delay = Date.parse(row!.due_at) - clock.now().getTime()
      delays.push(delay)
      // A quarter of the outage so far once it is no longer short; never more than 30 minutes.
      if (failingFor >= 10 * MINUTE)
        expect(delay).toBeGreaterThanOrEqual(Math.min(failingFor / 4, 30 * MINUTE) / 2)
      expect(delay).toBeLessThanOrEqual(30 * MINUTE)
      clock.set(row!.due_at)
    }
    net.setOutage(undefined)
    const [row] = await rows(channelId)
    expect(row).toMatchObject({ id, state: 'failed', error_code: 'gave_up' })
    const gaveUpAfter = clock.now().getTime() - started
    expect(gaveUpAfter).toBeGreaterThan(6 * 60 * MINUTE)
    expect(gaveUpAfter).toBeLessThan(6 * 60 * MINUTE + 31 * MINUTE)
    // Six hours at most every 30 s would be 720 attempts.
    expect(delays.length).toBeLessThan(100)
  })
})
