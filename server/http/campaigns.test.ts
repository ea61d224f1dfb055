import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_PLAN_SLOTS, proposePlan } from '../../core/planning/peak-plan.js'
import { utcToZoned } from '../../core/time/zoned.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'

/** The Sunday clocks go forward in Sweden, the first one still ahead (28 March 2027 as of writing). */
function nextSummerTimeSunday(): string {
  for (let year = new Date().getUTCFullYear(); ; year++) {
    const march31 = new Date(Date.UTC(year, 2, 31))
    const sunday = new Date(march31.getTime() - march31.getUTCDay() * 24 * 3600 * 1000)
    if (sunday.getTime() > Date.now() + 10 * 24 * 3600 * 1000)
      return sunday.toISOString().slice(0, 10)
  }
}

describe.each(await availableDialects())('campaigns around a peak on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let libraryId: string
  let writer: { client: TestClient; userId: string }
  let editor: { client: TestClient; userId: string }
  const base = () => `/api/v1/libraries/${libraryId}`

  beforeAll(async () => {
    app = await createTestApp(dialect)
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    writer = await addMember(app, admin, libraryId, 'writer', `skribent-${dialect}@bibliotek.test`)
    editor = await addMember(app, admin, libraryId, 'editor', `redaktor-${dialect}@bibliotek.test`)
  })
  afterAll(async () => app?.close())

  it('refuses a peak in the past with a clear message, and creates nothing', async () => {
    const res = await admin.post(`${base()}/campaigns`, {
      name: 'Bokfestival',
      peakDate: '2020-03-14',
      peakTime: '10:00',
    })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({
      code: 'campaign_peak_past',
      message: 'Toppen ligger redan bakåt i tiden. Välj en dag och tid som inte har passerat.',
    })
    expect((await admin.get(`${base()}/campaigns`)).body).toEqual([])
  })

  it('refuses a target group the policy does not have', async () => {
    const res = await admin.post(`${base()}/campaigns`, {
      name: 'Bokfestival',
      peakDate: '2099-03-14',
      peakTime: '10:00',
      audience: 'pensionarer-pa-mars',
    })
    expect(res.body.error.code).toBe('audience_unknown')
  })

  it('makes a draft of each slot at the wall-clock time of its day, across the change to summer time', async () => {
    const peakDate = nextSummerTimeSunday()
    const created = await admin.post(`${base()}/campaigns`, {
      name: 'Bokfestival',
      goal: 'Fler unga låntagare',
      audience: 'unga',
      peakDate,
      peakTime: '10:00',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ peakDate, peakTime: '10:00', posts: [] })
    const week = (offset: number) =>
      new Date(Date.parse(`${peakDate}T00:00:00Z`) + offset * 24 * 3600 * 1000)
        .toISOString()
        .slice(0, 10)

    const slots = proposePlan(DEFAULT_PLAN_SLOTS, []).map((slot) => ({
      ...slot,
      assigneeId: slot.offsetDays === -7 ? writer.userId : null,
    }))
    const planned = await admin.post(`${base()}/campaigns/${created.body.id}/plan`, {
      slots,
      rotation: [editor.userId, writer.userId],
    })
    expect(planned.status).toBe(201)
    const posts = planned.body.posts as {
      plannedAt: string
      assigneeId: string
      text: string
      campaignId: string
      audience: string
      state: string
    }[]
    expect(posts).toHaveLength(DEFAULT_PLAN_SLOTS.length)
    expect(posts.every((p) => p.state === 'draft' && p.campaignId === created.body.id)).toBe(true)
    expect(posts.every((p) => p.audience === 'unga')).toBe(true)

    const at = (offset: number, time: string) =>
      posts.find((p) => {
        const local = utcToZoned(p.plannedAt, 'Europe/Stockholm')
        return local.date === week(offset) && local.time === time
      })
    // Winter time a week before (UTC+1), summer time the day after (UTC+2): 10:00 both days.
    expect(at(-7, '10:00')?.plannedAt).toBe(`${week(-7)}T09:00:00.000Z`)
    expect(at(1, '10:00')?.plannedAt).toBe(`${week(1)}T08:00:00.000Z`)
    expect(at(0, '09:00')?.plannedAt).toBe(`${peakDate}T07:00:00.000Z`)
    expect(at(-14, '10:00')).toBeDefined()
    expect(at(7, '10:00')).toBeDefined()

    // The T−7 slot has its own owner; the others take turns, starting with the Redaktör.
    expect(at(-7, '10:00')?.assigneeId).toBe(writer.userId)
    const inTurn = posts
      .filter((p) => p !== at(-7, '10:00'))
      .sort((a, b) => a.plannedAt.localeCompare(b.plannedAt))
      .map((p) => p.assigneeId)
    expect(inTurn.slice(0, 4)).toEqual([editor.userId, writer.userId, editor.userId, writer.userId])
    expect(at(-7, '10:00')?.text).toContain('Bokfestival')
    expect(at(-7, '10:00')?.text).not.toContain('{kampanj}')
    expect(planned.body.progress).toMatchObject({ slots: 7, filled: 0, approved: 0 })
    expect(
      planned.body.slots.find((s: { offsetDays: number }) => s.offsetDays === 1),
    ).toMatchObject({ purpose: 'follow-up', time: '10:00' })

    // The writer writes their slot: it counts as filled.
    const mine = planned.body.posts.find(
      (p: { plannedAt: string }) => p.plannedAt === at(-7, '10:00')!.plannedAt,
    )
    const edited = await writer.client.patch(`${base()}/posts/${mine.id}`, {
      version: mine.version,
      text: 'Vilken bok läste du senast som fick dig att skratta? Berätta inför Bokfestivalen!',
    })
    expect(edited.status).toBe(200)
    const campaign = await writer.client.get(`${base()}/campaigns/${created.body.id}`)
    expect(campaign.body.progress).toMatchObject({ slots: 7, filled: 1 })
    expect((await writer.client.get(`${base()}/campaigns`)).body[0].progress.filled).toBe(1)
  })

  it('lets a post join a campaign of its own library only, through the post API', async () => {
    const [campaign] = (await admin.get(`${base()}/campaigns`)).body
    const joined = await admin.post(`${base()}/posts`, {
      text: 'Extra inlägg',
      campaignId: campaign.id,
    })
    expect(joined.status).toBe(201)
    expect(joined.body.campaignId).toBe(campaign.id)
    const other = await admin.post('/api/v1/libraries', { name: 'Grannbiblioteket' })
    const foreign = await admin.post(`/api/v1/libraries/${other.body.id}/campaigns`, {
      name: 'Deras kampanj',
      peakDate: '2099-01-01',
      peakTime: '12:00',
    })
    const refused = await admin.patch(`${base()}/posts/${joined.body.id}`, {
      version: joined.body.version,
      campaignId: foreign.body.id,
    })
    expect(refused.status).toBe(404)
    expect(refused.body.error.code).toBe('campaign_not_found')
    expect((await admin.get(`${base()}/posts/${joined.body.id}`)).body.campaignId).toBe(campaign.id)
  })

  it('saves the library’s own plan template next to Torget’s', async () => {
    const saved = await admin.post(`${base()}/plan-templates`, {
      name: 'Kort plan',
      slots: [
        { offsetDays: -3, time: '12:00', purpose: 'build-up', text: 'Snart {kampanj}!' },
        { offsetDays: 0, time: '09:30', purpose: 'burst', perChannel: true },
      ],
    })
    expect(saved.status).toBe(201)
    const templates = (await writer.client.get(`${base()}/plan-templates`)).body
    expect(templates.map((t: { id: string | null }) => t.id)).toEqual([null, saved.body.id])
    expect(templates[1].slots[1]).toMatchObject({ perChannel: true, text: '' })
  })

  it('deletes a campaign but keeps its posts, outside any campaign', async () => {
    const [campaign] = (await admin.get(`${base()}/campaigns`)).body
    const before = (await admin.get(`${base()}/campaigns/${campaign.id}`)).body.posts
    expect((await admin.delete(`${base()}/campaigns/${campaign.id}`)).status).toBe(204)
    expect((await admin.get(`${base()}/campaigns/${campaign.id}`)).status).toBe(404)
    for (const post of before) {
      const kept = await admin.get(`${base()}/posts/${post.id}`)
      expect(kept.status).toBe(200)
      expect(kept.body.campaignId).toBeNull()
    }
  })
})
