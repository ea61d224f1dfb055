import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { starterStrategy } from '../../core/strategy/starter.js'
import { createAdminCommand } from '../cli/create-admin.js'
import { rotateKeyCommand } from '../cli/rotate-key.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'
import { utcToZoned } from '../../core/time/zoned.js'

interface Entry {
  action: string
  actor: { id: string | null; name: string | null }
  target: { type: string; id: string; label: string | null } | null
  details: Record<string, unknown>
  requestId: string | null
}

describe.each(await availableDialects())('the audit log on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let adminId: string
  let editor: TestClient
  let libraryId: string
  let base: string
  beforeAll(async () => {
    app = await createTestApp(dialect, {}, { adapters: { bluesky: loopbackNetwork().adapter } })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    adminId = (await admin.get('/api/v1/auth/session')).body.user.id
    base = `/api/v1/libraries/${libraryId}`
    editor = (await addMember(app, admin, libraryId, 'editor', 'rut@bibliotek.test')).client
  })
  afterAll(async () => app?.close())

  const log = async (query = ''): Promise<Entry[]> => {
    const res = await admin.get(`${base}/audit${query}`)
    expect(res.status).toBe(200)
    return res.body.items
  }
  const only = async (action: string) => {
    const found = (await log()).filter((e) => e.action === action)
    expect(found, action).toHaveLength(1)
    return found[0]!
  }
  const byAdmin = { id: expect.any(String), name: 'Astrid Admin' }

  it('records who changed roles, removed members and handled invitations', async () => {
    const writer = await addMember(app, admin, libraryId, 'writer', 'sara@bibliotek.test')
    const accepted = (await log()).filter((e) => e.action === 'invitation.accepted')
    expect(accepted.find((e) => e.actor.id === writer.userId)).toMatchObject({
      actor: { id: writer.userId, name: 'Test writer' },
      details: { role: 'writer' },
    })
    const changed = await admin.request(
      'PATCH',
      `${base}/members/${writer.userId}`,
      { role: 'reader' },
      { 'x-request-id': 'granskning-1' },
    )
    expect(changed.status).toBe(200)
    expect(await only('member.role_changed')).toEqual(
      expect.objectContaining({
        actor: { id: adminId, name: 'Astrid Admin' },
        target: { type: 'user', id: writer.userId, label: 'Test writer' },
        details: { from: 'writer', to: 'reader' },
        requestId: 'granskning-1',
      }),
    )
    expect((await admin.delete(`${base}/members/${writer.userId}`)).status).toBe(204)
    expect(await only('member.removed')).toMatchObject({
      actor: byAdmin,
      target: { id: writer.userId },
      details: { role: 'reader' },
    })

    const invitation = await admin.post(`${base}/invitations`, {
      role: 'editor',
      email: 'nils@bibliotek.test',
    })
    expect((await admin.delete(`${base}/invitations/${invitation.body.id}`)).status).toBe(204)
    expect(await only('invitation.revoked')).toMatchObject({
      actor: byAdmin,
      target: { type: 'invitation', id: invitation.body.id },
    })
    const created = (await log()).filter((e) => e.action === 'invitation.created')
    expect(created.find((e) => e.target?.id === invitation.body.id)).toMatchObject({
      actor: byAdmin,
      target: { label: 'nils@bibliotek.test' },
      details: { role: 'editor', emailed: true },
    })
  })

  it('records channels, settings and the policy, once each, with who did it', async () => {
    const connect = () =>
      editor.post(`${base}/channels/bluesky`, {
        identifier: 'bibliotek.test',
        appPassword: 'abcd-efgh',
      })
    const channel = (await connect()).body
    await connect()
    expect((await editor.delete(`${base}/channels/${channel.id}`)).status).toBe(204)
    const byEditor = { actor: { name: 'Test editor' }, target: { type: 'channel', id: channel.id } }
    expect(await only('channel.connected')).toMatchObject({
      ...byEditor,
      details: { network: 'bluesky' },
    })
    expect(await only('channel.reconnected')).toMatchObject(byEditor)
    expect(await only('channel.removed')).toMatchObject(byEditor)

    await admin.patch(base, { requireSecondApprover: true })
    await admin.patch(base, { requireSecondApprover: true })
    expect(await only('library.settings_changed')).toMatchObject({
      actor: byAdmin,
      details: { requireSecondApprover: true, requireSecondApproverBefore: false },
    })

    await admin.patch(`${base}/strategy/draft`, { version: 0, document: starterStrategy() })
    const version = (await admin.post(`${base}/strategy/versions`, { draftVersion: 1 })).body
    expect((await admin.post(`${base}/strategy/versions/${version.id}/approve`)).status).toBe(200)
    expect(await only('policy.approved')).toMatchObject({
      actor: byAdmin,
      target: { type: 'strategy_version', id: version.id, label: 'v1' },
    })
    await admin.patch(`${base}/policy/public-link`, { enabled: true })
    await admin.patch(`${base}/policy/public-link`, { enabled: true })
    await admin.patch(`${base}/policy/public-link`, { enabled: false })
    expect(await only('policy.public_link_enabled')).toMatchObject({ actor: byAdmin })
    expect(await only('policy.public_link_disabled')).toMatchObject({ actor: byAdmin })
  })

  it('records each export, and who made it', async () => {
    expect((await editor.get(`${base}/policy/pdf`)).status).toBe(200)
    expect((await editor.get(`${base}/policy/markdown`)).status).toBe(200)
    const csv = await editor.get(`${base}/calendar/export.csv?from=2030-01-01&to=2030-01-31`)
    expect(csv.status).toBe(200)
    for (const action of ['export.policy_pdf', 'export.policy_markdown'])
      expect(await only(action)).toMatchObject({ actor: { name: 'Test editor' } })
    expect(await only('export.calendar_csv')).toMatchObject({
      actor: { name: 'Test editor' },
      details: { from: '2030-01-01', to: '2030-01-31', posts: 0 },
    })
  })

  it('is for the Ansvarig only, filters by action and period, and pages', async () => {
    const refused = await editor.get(`${base}/audit`)
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden'])
    expect((await editor.get(`${base}/audit/export.csv`)).status).toBe(403)

    const channels = await log('?action=channel.connected')
    expect(channels.map((e) => e.action)).toEqual(['channel.connected'])
    expect(await log('?from=2001-01-01&to=2001-12-31')).toEqual([])
    // The library's own date (Europe/Stockholm), not UTC's: they differ for an hour or two each night.
    const today = utcToZoned(new Date(), 'Europe/Stockholm').date
    expect((await log(`?from=${today}&to=${today}`)).length).toBeGreaterThan(10)
    const backwards = await admin.get(`${base}/audit?from=2030-02-01&to=2030-01-01`)
    expect(backwards.status).toBe(400)

    const first = await admin.get(`${base}/audit`)
    expect(first.body.next).toBeNull()
    const all = first.body.items as Entry[]
    expect(all.at(-1)!.action).toBe('library.created')
  })

  it('exports as CSV for Excel, formulas defused, and records the export', async () => {
    // A name that a spreadsheet would run as a formula.
    const sneaky = app.client()
    // For an address: a link-only invitation would first e-mail a confirmation link.
    const inv = await admin.post(`${base}/invitations`, {
      role: 'reader',
      email: 'sneaky@bibliotek.test',
    })
    await sneaky.post(`/api/v1/invitations/${String(inv.body.url).split('/').pop()}/accept`, {
      name: '=HYPERLINK("http://evil.test")',
      email: 'sneaky@bibliotek.test',
      password: 'ett-langt-losenord',
    })
    const res = await app.torget.http.request(`http://torget.test${base}/audit/export.csv`, {
      headers: { cookie: (admin as unknown as { cookie: string }).cookie, host: 'torget.test' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const raw = new Uint8Array(await res.arrayBuffer())
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(raw)
    expect(text.startsWith('\uFEFFDatum;Tid;Vem;Händelse;Gäller;Detaljer;Begäran\r\n')).toBe(true)
    expect(text).toMatch(/\r\n\d{4}-\d\d-\d\d;\d\d:\d\d;Astrid Admin;Roll ändrad;Test writer;/)
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"")"`)
    expect(await only('export.audit_csv')).toMatchObject({ actor: byAdmin })
  })

  it('cannot be changed or deleted, even with SQL', async () => {
    const { db } = app.database
    await expect(sql`update audit_log set actor_name = 'Någon annan'`.execute(db)).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/)
    if (dialect === 'postgres')
      await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/)
    expect((await log()).every((e) => e.actor.name !== 'Någon annan')).toBe(true)
  })

  it('keeps an instance log of administrators, for administrators', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {})
    process.env.TORGET_ADMIN_PASSWORD = 'ett-langt-losenord'
    try {
      await createAdminCommand(app.config, { email: 'ida@bibliotek.test', name: 'Ida IT' })
      await createAdminCommand(app.config, { email: 'sneaky@bibliotek.test', name: undefined })
    } finally {
      delete process.env.TORGET_ADMIN_PASSWORD
      vi.restoreAllMocks()
    }
    const res = await admin.get('/api/v1/instance/audit')
    expect(res.status).toBe(200)
    const entries = res.body.items as Entry[]
    expect(entries.map((e) => e.action)).toEqual([
      'instance.admin_promoted',
      'instance.admin_created',
      'instance.admin_created',
    ])
    expect(entries[0]).toMatchObject({
      actor: { id: null, name: expect.stringMatching(/torget create-admin/) },
      target: { type: 'user', label: 'sneaky@bibliotek.test' },
    })
    expect(entries[2]).toMatchObject({
      actor: { id: adminId, name: 'Astrid Admin' },
      details: { via: 'setup' },
    })
    // None of it shows in a library's log, and a library's Ansvarig who is no administrator sees none of it.
    expect((await log()).some((e) => e.action.startsWith('instance.'))).toBe(false)
    const notAdmin = await editor.get('/api/v1/instance/audit')
    expect([notAdmin.status, notAdmin.body.error.code]).toEqual([403, 'instance_audit_forbidden'])
    const csv = await admin.get('/api/v1/instance/audit/export.csv')
    expect(csv.body).toContain('Administratörsbehörighet given')
  })

  it('records a key rotation in the instance log, naming who ran it', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {})
    try {
      expect(await rotateKeyCommand(app.config)).toBe(0)
    } finally {
      vi.restoreAllMocks()
    }
    const [entry] = (await admin.get('/api/v1/instance/audit')).body.items as Entry[]
    expect(entry).toMatchObject({
      action: 'instance.key_rotated',
      actor: { id: null, name: expect.stringMatching(/torget rotate-key/) },
      details: { keyIn: 'file', resealed: 1, unreadable: 0 },
    })
  })
})
