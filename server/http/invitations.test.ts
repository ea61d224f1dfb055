import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'

describe.each(await availableDialects())('invitations and members on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let libraryId: string
  beforeAll(async () => {
    app = await createTestApp(dialect)
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
  })
  afterAll(async () => app?.close())

  const invite = async (body: Record<string, unknown>) => {
    const res = await admin.post(`/api/v1/libraries/${libraryId}/invitations`, body)
    expect(res.status).toBe(201)
    return { ...res.body, token: String(res.body.url).split('/').pop() as string }
  }

  it('lets a colleague join by link with the role they were given, once', async () => {
    const inv = await invite({ role: 'writer' })
    expect(inv.url).toMatch(/^http:\/\/torget\.test\/inbjudan\/[\w-]{40,}$/)
    const colleague = app.client()
    const preview = await colleague.get(`/api/v1/invitations/${inv.token}`)
    expect(preview.body).toMatchObject({
      libraryName: 'Stadsbiblioteket',
      role: 'writer',
      invitedBy: 'Astrid Admin',
      email: null,
    })

    const joined = await colleague.post(`/api/v1/invitations/${inv.token}/accept`, {
      name: 'Sara Skribent',
      email: 'sara@bibliotek.test',
      password: 'sara-har-ett-losenord',
    })
    expect(joined.status).toBe(200)
    expect(joined.body.memberships).toEqual([
      expect.objectContaining({ libraryId, role: 'writer' }),
    ])

    const members = await colleague.get(`/api/v1/libraries/${libraryId}/members`)
    expect(
      members.body.map((m: { email: string; role: string }) => [m.email, m.role]).sort(),
    ).toEqual([
      ['astrid@bibliotek.test', 'admin'],
      ['sara@bibliotek.test', 'writer'],
    ])

    const reused = await app.client().post(`/api/v1/invitations/${inv.token}/accept`, {
      name: 'X',
      email: 'x@bibliotek.test',
      password: 'ett-langt-losenord',
    })
    expect(reused.status).toBe(410)
    expect(reused.body.error.code).toBe('invitation_used')
    expect((await app.client().get(`/api/v1/invitations/${inv.token}`)).body.error.message).toBe(
      'Inbjudan har redan använts.',
    )
  })

  it('refuses expired, withdrawn, unknown and wrong-address links with a clear reason', async () => {
    const expired = await invite({ role: 'reader' })
    await sql`update invitations set expires_at = ${new Date(Date.now() - 1000).toISOString()} where id = ${expired.id}`.execute(
      app.database.db,
    )
    const r1 = await app.client().get(`/api/v1/invitations/${expired.token}`)
    expect([r1.status, r1.body.error.code]).toEqual([410, 'invitation_expired'])

    const revoked = await invite({ role: 'reader' })
    expect(
      (await admin.delete(`/api/v1/libraries/${libraryId}/invitations/${revoked.id}`)).status,
    ).toBe(204)
    const r2 = await app.client().post(`/api/v1/invitations/${revoked.token}/accept`, {
      name: 'R',
      email: 'r@bibliotek.test',
      password: 'ett-langt-losenord',
    })
    expect([r2.status, r2.body.error.code]).toEqual([410, 'invitation_revoked'])

    const r3 = await app.client().get(`/api/v1/invitations/${'x'.repeat(43)}`)
    expect([r3.status, r3.body.error.code]).toEqual([404, 'invitation_not_found'])

    const bound = await invite({ role: 'reader', email: 'bestamd@bibliotek.test' })
    const r4 = await app.client().post(`/api/v1/invitations/${bound.token}/accept`, {
      name: 'Fel',
      email: 'fel@bibliotek.test',
      password: 'ett-langt-losenord',
    })
    expect([r4.status, r4.body.error.code]).toEqual([403, 'invitation_wrong_email'])

    const pending = await admin.get(`/api/v1/libraries/${libraryId}/invitations`)
    expect(pending.body.map((i: { id: string }) => i.id)).toEqual([bound.id])
  })

  it('keeps each library to its own members: a member elsewhere sees nothing here', async () => {
    const other = app.client()
    const created = await admin.post('/api/v1/libraries', { name: 'Grannbiblioteket' })
    expect(created.status).toBe(201)
    const otherInvite = await admin.post(`/api/v1/libraries/${created.body.id}/invitations`, {
      role: 'admin',
    })
    await other.post(`/api/v1/invitations/${otherInvite.body.url.split('/').pop()}/accept`, {
      name: 'Olle Granne',
      email: 'olle@granne.test',
      password: 'ett-langt-losenord',
    })

    for (const path of ['/workspace', '/members', '/invitations', '']) {
      const res = await other.get(`/api/v1/libraries/${libraryId}${path}`)
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('library_not_found')
    }
    expect(
      (await other.patch(`/api/v1/libraries/${libraryId}`, { name: 'Övertaget' })).status,
    ).toBe(404)
    const session = await other.get('/api/v1/auth/session')
    expect(session.body.memberships.map((m: { libraryName: string }) => m.libraryName)).toEqual([
      'Grannbiblioteket',
    ])
  })

  it('lets one person belong to several libraries with different roles', async () => {
    const second = await admin.post('/api/v1/libraries', { name: 'Filialen' })
    const { client: person } = await addMember(
      app,
      admin,
      libraryId,
      'responder',
      'flera@bibliotek.test',
    )
    const inv = await admin.post(`/api/v1/libraries/${second.body.id}/invitations`, {
      role: 'editor',
    })
    const joined = await person.post(
      `/api/v1/invitations/${inv.body.url.split('/').pop()}/accept`,
      {},
    )
    expect(joined.status).toBe(200)
    const roles = Object.fromEntries(
      joined.body.memberships.map((m: { libraryName: string; role: string }) => [
        m.libraryName,
        m.role,
      ]),
    )
    expect(roles).toEqual({ Stadsbiblioteket: 'responder', Filialen: 'editor' })
  })

  it('always keeps one Ansvarig, and lets members leave on their own', async () => {
    const session = await admin.get('/api/v1/auth/session')
    const adminId = session.body.user.id
    const demote = await admin.patch(`/api/v1/libraries/${libraryId}/members/${adminId}`, {
      role: 'reader',
    })
    expect([demote.status, demote.body.error.code]).toEqual([409, 'last_admin'])
    expect((await admin.delete(`/api/v1/libraries/${libraryId}/members/${adminId}`)).status).toBe(
      409,
    )

    const { client: reader, userId } = await addMember(
      app,
      admin,
      libraryId,
      'reader',
      'lamnar@bibliotek.test',
    )
    expect((await reader.delete(`/api/v1/libraries/${libraryId}/members/${adminId}`)).status).toBe(
      403,
    )
    expect((await reader.delete(`/api/v1/libraries/${libraryId}/members/${userId}`)).status).toBe(
      204,
    )
    expect((await reader.get(`/api/v1/libraries/${libraryId}/workspace`)).status).toBe(404)
  })

  it('shows the workspace shell with honest, empty sections', async () => {
    const ws = await admin.get(`/api/v1/libraries/${libraryId}/workspace`)
    expect(ws.status).toBe(200)
    expect(ws.body.role).toBe('admin')
    expect(ws.body.library.timeZone).toBe('Europe/Stockholm')
    const planning = ws.body.sections.find((s: { id: string }) => s.id === 'planning')
    expect(planning).toEqual({ id: 'planning', available: false, itemCount: 0 })
    expect(ws.body.memberCount).toBeGreaterThanOrEqual(2)
  })
})
