import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { starterStrategy } from '../../core/strategy/starter.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'

const ANNOUNCE = 'Sagostund på lördag kl. 11 i barnavdelningen.'
const ASK = 'Vilken saga vill du höra på lördag?'

type Mix = {
  from: string
  to: string
  rule: { enabled: boolean; maxPromotionalShare: number; minPosts: number }
  channels: {
    channelId: string
    posts: number
    oneWay: number
    finding: { severity: string; message: string } | null
  }[]
}

describe.each(await availableDialects())('the skyltfönster rule per channel on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let reader: TestClient
  let libraryId: string
  let bluesky: string
  let second: string
  const base = () => `/api/v1/libraries/${libraryId}`
  const mix = async (client: TestClient, query: string) => {
    const res = await client.get(`${base()}/guidelines/channel-mix?${query}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body as Mix
  }
  const of = (m: Mix, channelId: string) => m.channels.find((c) => c.channelId === channelId)!
  const draft = async (body: Record<string, unknown>) => {
    const res = await admin.post(`${base()}/posts`, body)
    expect(res.status).toBe(201)
    return res.body as { id: string; version: number }
  }

  beforeAll(async () => {
    const net = loopbackNetwork()
    app = await createTestApp(dialect, {}, { adapters: { bluesky: net.adapter } })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    const connect = async (identifier: string) =>
      (
        await admin.post(`${base()}/channels/bluesky`, {
          identifier,
          appPassword: 'abcd-efgh-ijkl',
        })
      ).body.id as string
    bluesky = await connect('stadsbiblioteket.test')
    second = await connect('barnbiblioteket.test')
    reader = (await addMember(app, admin, libraryId, 'reader', `lasare-${dialect}@bibliotek.test`))
      .client

    // March on the first channel: 8 announcements and 2 questions, planned or scheduled.
    for (let day = 1; day <= 8; day++)
      await draft({
        text: ANNOUNCE,
        channelIds: [bluesky],
        plannedAt: `2027-03-${String(day).padStart(2, '0')}T10:00:00+01:00`,
      })
    const asking = await draft({
      text: ASK,
      channelIds: [bluesky],
      plannedAt: '2027-03-20T10:00:00+01:00',
    })
    expect(
      (
        await admin.post(`${base()}/posts/${asking.id}/schedule`, {
          at: '2027-03-21T10:00:00+01:00',
          version: asking.version,
        })
      ).status,
    ).toBe(200)
    await draft({ text: ASK, channelIds: [bluesky], plannedAt: '2027-03-22T10:00:00+01:00' })
    // Shared posts that announce, with a question of their own on the second channel.
    for (let day = 10; day <= 15; day++)
      await draft({
        text: ANNOUNCE,
        channelIds: [bluesky, second],
        variants: { [second]: ASK },
        plannedAt: `2027-03-${day}T10:00:00+01:00`,
      })
    // Outside the period, and a draft with no time: neither counts.
    await draft({ text: ANNOUNCE, channelIds: [second], plannedAt: '2027-04-01T00:30:00+02:00' })
    await draft({ text: ANNOUNCE, channelIds: [second] })
  })
  afterAll(async () => app?.close())

  it('counts each channel’s posts in the period, its own text per channel, and says which are a shop window', async () => {
    const march = await mix(reader, 'from=2027-03-01&to=2027-03-31')
    expect(march.rule).toEqual({ enabled: true, maxPromotionalShare: 0.7, minPosts: 5 })
    expect(of(march, bluesky)).toMatchObject({ posts: 16, oneWay: 14 })
    expect(of(march, bluesky).finding).toMatchObject({
      severity: 'hint',
      message: '14 av 16 inlägg bara informerar (88 %). Prata, fråga, involvera!',
    })
    expect(of(march, second)).toEqual({ channelId: second, posts: 6, oneWay: 0, finding: null })

    // Without a period: the four weeks around today, in the library's zone.
    const around = await mix(reader, '')
    expect(around).toMatchObject({ from: expect.any(String), to: expect.any(String) })
    const span = (Date.parse(around.to) - Date.parse(around.from)) / 86_400_000
    expect(span).toBe(27)

    // A week with too few posts to judge says nothing.
    const week = await mix(reader, 'from=2027-03-01&to=2027-03-03')
    expect(of(week, bluesky)).toMatchObject({ posts: 3, oneWay: 3, finding: null })
  })

  it('answers in the reader’s language, for the channels asked about', async () => {
    reader.locale = 'en'
    try {
      const march = await mix(reader, `from=2027-03-01&to=2027-03-31&channel=${bluesky}`)
      expect(march.channels.map((c) => c.channelId)).toEqual([bluesky])
      expect(march.channels[0]!.finding?.message).toBe(
        '14 of 16 posts only announce (88%). Talk, ask, involve!',
      )
    } finally {
      reader.locale = 'sv'
    }
  })

  it('leaves out the post being edited, which the composer counts as it is written', async () => {
    const editing = await draft({
      text: ANNOUNCE,
      channelIds: [second],
      plannedAt: '2027-03-30T10:00:00+02:00',
    })
    const all = await mix(admin, `from=2027-03-01&to=2027-03-31&channel=${second}`)
    expect(of(all, second)).toMatchObject({ posts: 7, oneWay: 1 })
    const without = await mix(
      admin,
      `from=2027-03-01&to=2027-03-31&channel=${second}&exclude=${editing.id}`,
    )
    expect(of(without, second)).toMatchObject({ posts: 6, oneWay: 0 })
  })

  it('refuses a period back to front or longer than six weeks, in words', async () => {
    const back = await reader.get(`${base()}/guidelines/channel-mix?from=2027-03-31&to=2027-03-01`)
    expect([back.status, back.body.error.code]).toEqual([400, 'calendar_range_invalid'])
    const long = await reader.get(`${base()}/guidelines/channel-mix?from=2027-01-01&to=2027-03-31`)
    expect([long.status, long.body.error.code]).toEqual([400, 'calendar_range_too_long'])
    expect(long.body.error.message).toMatch(/sex veckor/)
    const bad = await reader.get(`${base()}/guidelines/channel-mix?from=2027-02-30`)
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed'])
  })

  it('follows the approved policy: its threshold, or the rule turned off', async () => {
    const approve = async (skyltfonster: Record<string, unknown>) => {
      const { body } = await admin.get(`${base()}/strategy`)
      const document = structuredClone(body.draft.document ?? starterStrategy())
      document.guidelines.rules.skyltfonster = {
        ...document.guidelines.rules.skyltfonster,
        ...skyltfonster,
      }
      const saved = await admin.patch(`${base()}/strategy/draft`, {
        version: body.draft.version,
        document,
      })
      expect(saved.status, JSON.stringify(saved.body)).toBe(200)
      const made = await admin.post(`${base()}/strategy/versions`, {
        draftVersion: saved.body.version,
      })
      expect(made.status).toBe(201)
      expect((await admin.post(`${base()}/strategy/versions/${made.body.id}/approve`)).status).toBe(
        200,
      )
    }
    await approve({ maxPromotionalShare: 0.9 })
    const lenient = await mix(reader, 'from=2027-03-01&to=2027-03-31')
    expect(lenient.rule.maxPromotionalShare).toBe(0.9)
    expect(of(lenient, bluesky)).toMatchObject({ posts: 16, oneWay: 14, finding: null })

    await approve({ maxPromotionalShare: 0.5, enabled: false })
    const off = await mix(reader, 'from=2027-03-01&to=2027-03-31')
    expect(off.rule.enabled).toBe(false)
    expect(off.channels.every((c) => c.finding === null)).toBe(true)
  })
})
