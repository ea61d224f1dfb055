import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rulesOrDefault } from '../../core/ladder/rules.js'
import { addDays } from '../../core/time/zoned.js'
import { type Store, createStore } from '../repos/index.js'
import type { LadderActivityRow } from '../repos/ladder-activity-repo.js'
import { LADDER_CONSUMER, rebuildLadder } from '../services/ladder/ladder-rebuild.js'
import { frozenClock } from '../test/clock.js'
import { availableDialects } from '../test/databases.js'
import { type TestApp, createTestApp, setUpFirstLibrary } from '../test/harness.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'

/*
 * A night within the month places only the members whose step can have
 * changed (ladder-rebuild.ts). Over two and a half months of a scripted
 * audience, with leads set and unset, rules changed and people passing the
 * retention, each night's ladder is the one a rebuild placing everyone gives:
 * that rebuild, run straight after, finds nothing to change.
 */
describe.each(await availableDialects())('the nightly ladder on %s', (dialect) => {
  const clock = frozenClock('2027-01-05T09:00:00.000Z')
  let app: TestApp
  let store: Store
  let libraryId: string
  let channelId: string
  let userId: string

  // mulberry32: the same audience every run.
  let seed = 7
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }

  beforeAll(async () => {
    app = await createTestApp(
      dialect,
      {},
      { adapters: { bluesky: loopbackNetwork().adapter }, clock },
    )
    let admin
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    channelId = (
      await admin.post(`/api/v1/libraries/${libraryId}/channels/bluesky`, {
        identifier: 'stadsbiblioteket.test',
        appPassword: 'abcd-efgh-ijkl',
      })
    ).body.id
    store = createStore(app.torget.database.db)
    userId = (
      await app.torget.database.db.selectFrom('users').select('id').executeTakeFirstOrThrow()
    ).id
  })
  afterAll(async () => app?.close())

  const dayIndex = (date: string) => (Date.parse(date) - Date.parse('2026-11-01')) / 86_400_000

  /**
   * One day's acts, as the activity consumer sums them: each of 120 accounts
   * is active for three weeks somewhere in the period, then quiet (`offset`
   * days earlier, as they were that many days before).
   */
  function day(date: string, offset = 0): LadderActivityRow[] {
    const rows: LadderActivityRow[] = []
    const index = dayIndex(date) - offset
    for (let n = 0; n < 120; n++) {
      const start = (n * 37) % 120
      if (index < start || index > start + 21 || random() > 0.3) continue
      const act = random()
      const at = `${date}T${String(8 + Math.floor(random() * 10)).padStart(2, '0')}:00:00.000Z`
      rows.push({
        library_id: libraryId,
        channel_id: channelId,
        author_remote_id: `did:plc:p${n}`,
        day: date,
        handle: `p${n}.bsky.test`,
        follows: act < 0.15 ? 1 : 0,
        endorsements: act >= 0.15 && act < 0.75 ? 1 + Math.floor(random() * 3) : 0,
        contributions: act >= 0.75 ? 1 : 0,
        unprompted: act >= 0.9 ? 1 : 0,
        first_at: at,
        last_at: at,
        // As the consumer adds a day's batch: a position after the last.
        seq: dayIndex(date) + 1,
      })
    }
    return rows
  }

  async function snapshot() {
    const db = app.torget.database.db
    return {
      members: await db
        .selectFrom('audience_members')
        .selectAll()
        .where('library_id', '=', libraryId)
        .orderBy('id')
        .execute(),
      months: await db
        .selectFrom('ladder_months')
        .select(['month', 'from_level', 'to_level', 'members'])
        .where('library_id', '=', libraryId)
        .orderBy('month')
        .orderBy('from_level')
        .orderBy('to_level')
        .execute(),
      movements: await db
        .selectFrom('ladder_movements')
        .selectAll()
        .where('library_id', '=', libraryId)
        .orderBy('month')
        .orderBy('member_id')
        .execute(),
    }
  }

  async function add(rows: LadderActivityRow[]) {
    await store.repos.ladderActivity.add(rows)
    const seq = Math.max(0, ...rows.map((r) => r.seq))
    if (seq) await store.repos.archive.savePosition(LADDER_CONSUMER, seq, rows[0]!.last_at)
  }

  /** The night's rebuild, held to a rebuild of everyone run straight after. */
  async function placedAsEveryone(night: Date) {
    const placed = await rebuildLadder(store, libraryId, night)
    const after = await snapshot()
    const everyone = await rebuildLadder(store, libraryId, night, { everyone: true })
    expect({ night, written: everyone.written, removed: everyone.removed }).toEqual({
      night,
      written: 0,
      removed: 0,
    })
    expect(everyone.members).toBe(placed.members)
    expect(await snapshot()).toEqual(after)
    return { ...after, placed }
  }

  it('places the same people on the same steps as a rebuild of everyone, night after night', async () => {
    let date = '2026-11-01'
    const nights: string[] = []
    const seen = new Set<string | null>()
    for (; date < '2027-03-20'; date = addDays(date, 1)) {
      await add(day(date))
      if (date < '2027-01-10') continue
      const night = new Date(`${addDays(date, 1)}T01:00:00.000Z`)
      const members = await store.repos.ladder.members(libraryId)
      // Staff mark someone as leading, or stop, between nights.
      if (members.length && random() < 0.15) {
        const someone = members[Math.floor(random() * members.length)]!
        await store.repos.ladder.setLead(
          libraryId,
          someone.id,
          someone.lead === 0,
          night.toISOString(),
        )
      }
      // The library changes its rules now and then.
      if (random() < 0.05)
        await store.repos.ladder.saveRules(
          libraryId,
          JSON.stringify(
            rulesOrDefault({
              windowDays: random() < 0.5 ? 30 : 90,
              endorseMin: 1 + Math.floor(random() * 3),
              contributeMin: 1,
              ownWeeks: 2,
              retentionMonths: random() < 0.5 ? 3 : 13,
            }),
          ),
          userId,
          night.toISOString(),
        )
      const after = await placedAsEveryone(night)
      nights.push(night.toISOString())
      for (const m of after.members) seen.add(m.level)
    }
    // The script did reach every step and several month ends.
    const { months } = await snapshot()
    expect(seen).toEqual(new Set([null, 'follow', 'endorse', 'contribute', 'own', 'lead']))
    expect(new Set(months.map((m) => m.month))).toEqual(
      new Set(['2026-12', '2027-01', '2027-02', '2027-03']),
    )
    expect(nights.length).toBe(69)
  })

  it('closes the months of nights without a rebuild as a rebuild of everyone does', async () => {
    // No rebuild from 20 March to 9 May, while people act again as they did in the winter.
    for (let date = '2027-03-20'; date < '2027-05-10'; date = addDays(date, 1))
      await add(day(date, 110))
    const { placed, months } = await placedAsEveryone(new Date('2027-05-10T01:00:00.000Z'))
    expect(placed.monthsClosed).toEqual(['2027-03', '2027-04'])
    expect(months.filter((m) => m.month === '2027-04' && m.members > 0).length).toBeGreaterThan(1)
  })
})
