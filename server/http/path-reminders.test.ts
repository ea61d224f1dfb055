import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Notification } from '../../core/schemas/index.js'
import { digestEmail } from '../services/notification-service.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'

const DAY = 24 * 3_600_000

describe.each(await availableDialects())('reminders on the staff path on %s', (dialect) => {
  let app: TestApp
  let libraryId: string
  let admin: TestClient
  let writer: TestClient
  let reader: TestClient
  let policyId: string
  let at = Date.parse('2026-03-02T08:00:00Z')
  const clock = { now: () => new Date(at) }
  const base = () => `/api/v1/libraries/${libraryId}`
  const later = (days: number) => {
    at += days * DAY
  }
  const remind = () => app.torget.services.path.remindStuck()
  const bell = async (c: TestClient) =>
    (await c.get('/api/v1/notifications')).body.items as Notification[]
  const reminders = async (c: TestClient) =>
    (await bell(c)).filter((n) => n.kind === 'path_stuck').map((n) => n.excerpt)

  beforeAll(async () => {
    app = await createTestApp(dialect, {}, { clock })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    ;({ client: writer } = await addMember(app, admin, libraryId, 'writer', 'nora@bibliotek.test'))
    ;({ client: reader } = await addMember(app, admin, libraryId, 'reader', 'lena@bibliotek.test'))
    const { draft } = (await admin.get(`${base()}/strategy`)).body
    const saved = await admin.patch(`${base()}/strategy/draft`, {
      version: draft.version,
      document: draft.document,
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    const made = await admin.post(`${base()}/strategy/versions`, {
      draftVersion: saved.body.version,
      note: 'Första',
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    policyId = made.body.id
    expect((await admin.post(`${base()}/strategy/versions/${policyId}/approve`)).status).toBe(200)
    expect((await admin.post(`${base()}/channels/practice`, {})).status).toBe(201)
  })
  afterAll(async () => app?.close())

  it('reminds no one who was never invited onto the path', async () => {
    later(30)
    expect(await remind()).toBe(0)
    expect(await reminders(writer)).toEqual([])
  })

  it('waits a week after the invitation, then reminds once of the step they stand at', async () => {
    expect((await admin.post(`${base()}/path/invitations`, {})).body).toEqual({ invited: 2 })
    later(3)
    expect(await remind()).toBe(0)
    later(5)
    expect(await remind()).toBe(2)
    expect(await reminders(writer)).toEqual(['Läs och bekräfta policyn'])
    // The hourly sweep runs again (or on two workers): nobody is told twice.
    expect(await remind()).toBe(0)
    later(10)
    expect(await remind()).toBe(0)
    expect(await reminders(writer)).toEqual(['Läs och bekräfta policyn'])
  })

  it('puts the reminder in the daily digest, with the way to Min väg', async () => {
    const mail = digestEmail({
      to: 'nora@bibliotek.test',
      locale: 'sv',
      publicUrl: 'http://torget.test',
      items: await bell(writer),
    })
    expect(mail.text).toContain('Din väg i Torget väntar på dig')
    expect(mail.text).toContain('"Läs och bekräfta policyn"')
    expect(mail.text).toContain(`http://torget.test/bibliotek/${libraryId}/min-vag`)
  })

  it('starts the week again when they move on, and reminds of the next step only', async () => {
    expect((await writer.post(`${base()}/policy/read`, { versionId: policyId })).status).toBe(200)
    later(4)
    expect(await remind()).toBe(0)
    later(4)
    expect(await remind()).toBe(1)
    expect(await reminders(writer)).toEqual([
      'Ett första övningsinlägg',
      'Läs och bekräfta policyn',
    ])
  })

  it('never asks a step of someone who cannot take it', async () => {
    // A Läsare reads and confirms the policy, but cannot write a practice post.
    expect((await reader.post(`${base()}/policy/read`, { versionId: policyId })).status).toBe(200)
    later(20)
    expect(await remind()).toBe(0)
    expect(await reminders(reader)).toEqual(['Läs och bekräfta policyn'])
  })
})
