import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isoWeekOf } from '../../core/time/iso-week.js'
import { addDays, utcToZoned } from '../../core/time/zoned.js'
import { recurringSlotDraftJob } from '../jobs/recurring-slots.js'
import { shiftedClock } from '../test/clock.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'

/** The Sunday clocks go forward in Sweden, the first one still ahead. */
function nextSummerTimeSunday(): string {
  for (let year = new Date().getUTCFullYear(); ; year++) {
    const march31 = new Date(Date.UTC(year, 2, 31))
    const sunday = new Date(march31.getTime() - march31.getUTCDay() * 24 * 3600 * 1000)
    if (sunday.getTime() > Date.now() + 10 * 24 * 3600 * 1000)
      return sunday.toISOString().slice(0, 10)
  }
}

const context = { jobId: 'test', attempt: 1, signal: new AbortController().signal }

describe.each(await availableDialects())('weekly recurring slots on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let libraryId: string
  let adminId: string
  const people: Record<string, string> = {}
  const clock = shiftedClock()
  const base = () => `/api/v1/libraries/${libraryId}`

  beforeAll(async () => {
    app = await createTestApp(dialect, {}, { clock })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    adminId = (await admin.get('/api/v1/auth/session')).body.user.id
    for (const name of ['sara', 'omar', 'lena'])
      people[name] = (
        await addMember(app, admin, libraryId, 'writer', `${name}-${dialect}@bibliotek.test`)
      ).userId
  })
  afterAll(async () => app?.close())

  it('drafts each week once, on its weekday and time in the library’s zone across the change to summer time, in turn', async () => {
    const created = await admin.post(`${base()}/recurring-slots`, {
      name: 'Veckans postning',
      weekday: 7,
      time: '10:00',
      prompt: 'Veckans mest utlånade bok: vilken var det, och vad tycker du om den?',
      memberIds: [people.sara, people.omar, people.lena],
    })
    expect(created.status).toBe(201)
    expect(created.body.next.assigneeId).toBe(people.sara)
    const slotId = created.body.id as string
    const job = recurringSlotDraftJob(app.torget.services.recurringSlots)

    const changeDay = nextSummerTimeSunday()
    const weeks = [-7, 0, 7, 14].map((days) => isoWeekOf(addDays(changeDay, days)))
    const drafted: string[] = []
    for (const week of weeks.slice(0, 3)) {
      // The job may run twice (two workers, a retry): one draft per week all the same.
      await job.handle({ libraryId, slotId, week }, context)
      await job.handle({ libraryId, slotId, week }, context)
      const slot = (await admin.get(`${base()}/recurring-slots`)).body[0]
      expect(slot.lastWeek).toBe(week)
      drafted.push(slot.lastPostId)
    }
    expect(new Set(drafted).size).toBe(3)
    const posts = await Promise.all(
      drafted.map(async (id) => (await admin.get(`${base()}/posts/${id}`)).body),
    )
    // 10:00 Stockholm: UTC+1 the Sunday before the change, UTC+2 on it and after.
    expect(posts.map((p) => p.plannedAt)).toEqual([
      `${addDays(changeDay, -7)}T09:00:00.000Z`,
      `${changeDay}T08:00:00.000Z`,
      `${addDays(changeDay, 7)}T08:00:00.000Z`,
    ])
    expect(posts.map((p) => p.assigneeId)).toEqual([people.sara, people.omar, people.lena])
    expect(posts[0]).toMatchObject({
      state: 'draft',
      text: 'Veckans mest utlånade bok: vilken var det, och vad tycker du om den?',
    })
    const all = (await admin.get(`${base()}/posts?state=draft`)).body
    expect(all).toHaveLength(3)

    // An earlier week asked for late is not drafted again.
    expect(
      await app.torget.services.recurringSlots.createWeeklyDraft(libraryId, slotId, weeks[0]!),
    ).toBeNull()
    expect((await admin.get(`${base()}/posts?state=draft`)).body).toHaveLength(3)
  })

  it('skips a member who has left the library and keeps the order for the rest', async () => {
    const [slot] = (await admin.get(`${base()}/recurring-slots`)).body
    // Sara's turn comes round again; she has left.
    expect((await admin.delete(`${base()}/members/${people.sara}`)).status).toBe(204)
    const after = (await admin.get(`${base()}/recurring-slots`)).body[0]
    expect(after.next.assigneeId).toBe(people.omar)
    const week = slot.next.week as string
    const postId = await app.torget.services.recurringSlots.createWeeklyDraft(
      libraryId,
      slot.id,
      week,
    )
    expect((await admin.get(`${base()}/posts/${postId}`)).body.assigneeId).toBe(people.omar)
    const next = (await admin.get(`${base()}/recurring-slots`)).body[0]
    expect(next.next.assigneeId).toBe(people.lena)
    expect(next.memberIds).toContain(people.sara)
  })

  it('lists a slot as due for next week until it is drafted, and not while paused', async () => {
    // Eight weeks on: the week after, by the library's clock, is due.
    clock.advance(8 * 7 * 24 * 3600 * 1000)
    const slot = await admin.post(`${base()}/recurring-slots`, {
      name: 'Fredagsfrågan',
      weekday: 5,
      time: '15:00',
      memberIds: [adminId],
    })
    const service = app.torget.services.recurringSlots
    const now = clock.now()
    const localDate = utcToZoned(now, 'Europe/Stockholm').date
    expect(slot.body.next.week).toBe(isoWeekOf(addDays(localDate, 7)))
    const due = (await service.dueWork()).filter((w) => w.slotId === slot.body.id)
    expect(due).toEqual([{ libraryId, slotId: slot.body.id, week: slot.body.next.week }])
    await admin.patch(`${base()}/recurring-slots/${slot.body.id}`, { active: false })
    expect((await service.dueWork(now)).some((w) => w.slotId === slot.body.id)).toBe(false)
    expect(await service.createWeeklyDraft(libraryId, slot.body.id, due[0]!.week)).toBeNull()
    await admin.patch(`${base()}/recurring-slots/${slot.body.id}`, { active: true })
    expect(await service.createWeeklyDraft(libraryId, slot.body.id, due[0]!.week)).not.toBeNull()
    expect((await service.dueWork(now)).some((w) => w.slotId === slot.body.id)).toBe(false)
  })

  it('refuses members from outside the library', async () => {
    const res = await admin.post(`${base()}/recurring-slots`, {
      name: 'Veckans boktips',
      weekday: 3,
      time: '09:00',
      memberIds: ['00000000-0000-4000-8000-000000000000'],
    })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('assignee_not_member')
  })
})
