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
import { startSmtpServer } from '../test/smtp.js'

describe.each(await availableDialects())('invitations and members on %s', (dialect) => {
  let app: TestApp
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let admin: TestClient
  let libraryId: string
  beforeAll(async () => {
    smtp = await startSmtpServer()
    app = await createTestApp(dialect, { SMTP_URL: smtp.url })
    await app.torget.startWorker()
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
  })
  afterAll(async () => {
    await app?.close()
    await smtp?.close()
  })

  const invite = async (body: Record<string, unknown>) => {
    const res = await admin.post(`/api/v1/libraries/${libraryId}/invitations`, body)
    expect(res.status).toBe(201)
    return { ...res.body, token: String(res.body.url).split('/').pop() as string }
  }

  /** The link in the last e-mail to `to` whose subject matches. */
  async function linkIn(to: string, subject: RegExp) {
    const mail = await smtp.waitFor((m) => m.to.includes(to) && subject.test(m.subject))
    return { mail, url: mail.text.match(/http:\/\/torget\.test\/\S+/)?.[0] }
  }

  it('lets a colleague join by link once they have proven their address, with the role given', async () => {
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

    const asked = await colleague.post(`/api/v1/invitations/${inv.token}/accept`, {
      email: 'Sara@Bibliotek.test',
    })
    expect(asked.status).toBe(202)
    expect(asked.body).toEqual({ confirmationSentTo: 'sara@bibliotek.test' })
    // Nothing exists until the address is proven.
    const members = async () =>
      (await admin.get(`/api/v1/libraries/${libraryId}/members`)).body.map(
        (m: { email: string; role: string }) => [m.email, m.role],
      )
    expect(await members()).toEqual([['astrid@bibliotek.test', 'admin']])

    const { mail, url } = await linkIn('sara@bibliotek.test', /^Bekräfta din e-postadress/)
    expect(mail.text).toContain('Stadsbiblioteket')
    const confirmUrl = new URL(url!)
    expect(confirmUrl.pathname).toBe(`/inbjudan/${inv.token}`)
    const code = confirmUrl.searchParams.get('code')!
    expect(
      (await colleague.get(`/api/v1/invitations/${inv.token}/confirmations/${code}`)).body,
    ).toEqual({ email: 'sara@bibliotek.test' })
    const joined = await colleague.post(`/api/v1/invitations/${inv.token}/confirm`, {
      code,
      name: 'Sara Skribent',
      password: 'sara-har-ett-losenord',
    })
    expect(joined.status).toBe(200)
    expect(joined.body.user).toMatchObject({ email: 'sara@bibliotek.test', name: 'Sara Skribent' })
    expect(joined.body.memberships).toEqual([
      expect.objectContaining({ libraryId, role: 'writer' }),
    ])
    expect((await members()).sort()).toEqual([
      ['astrid@bibliotek.test', 'admin'],
      ['sara@bibliotek.test', 'writer'],
    ])

    const again = await app.client().post(`/api/v1/invitations/${inv.token}/confirm`, {
      code,
      name: 'Sara igen',
      password: 'ett-langt-losenord',
    })
    expect([again.status, again.body.error.code]).toEqual([410, 'invitation_used'])
    const reused = await app.client().post(`/api/v1/invitations/${inv.token}/accept`, {
      email: 'x@bibliotek.test',
    })
    expect(reused.status).toBe(410)
    expect(reused.body.error.code).toBe('invitation_used')
    expect((await app.client().get(`/api/v1/invitations/${inv.token}`)).body.error.message).toBe(
      'Inbjudan har redan använts.',
    )
  })

  it('answers a link holder the same whether or not an address has an account, and tells its owner', async () => {
    const inv = await invite({ role: 'admin' })
    const holder = app.client()
    const taken = await holder.post(`/api/v1/invitations/${inv.token}/accept`, {
      email: 'astrid@bibliotek.test',
    })
    const free = await holder.post(`/api/v1/invitations/${inv.token}/accept`, {
      email: 'ledig@bibliotek.test',
    })
    expect([taken.status, free.status]).toEqual([202, 202])
    expect(taken.body).toEqual({ confirmationSentTo: 'astrid@bibliotek.test' })
    expect(free.body).toEqual({ confirmationSentTo: 'ledig@bibliotek.test' })

    // The owner hears of it, without a link that would let anyone in.
    const { mail } = await linkIn('astrid@bibliotek.test', /^Någon ville gå med i Stadsbiblioteket/)
    expect(mail.text).toContain('Du har redan ett konto')
    expect(mail.text).toContain('http://torget.test/logga-in')
    expect(mail.text).not.toContain(inv.token)
    expect(mail.text).not.toContain('code=')
    // The link holder has taken no one's address: the owner's account and role are untouched.
    expect((await admin.get('/api/v1/auth/session')).body.memberships).toHaveLength(1)
    expect((await holder.get('/api/v1/auth/session')).status).toBe(401)
  })

  it('binds a confirmation to its invitation and its address, and limits how many are sent', async () => {
    const first = await invite({ role: 'reader' })
    const second = await invite({ role: 'admin' })
    await app.client().post(`/api/v1/invitations/${first.token}/accept`, {
      email: 'bunden@bibliotek.test',
    })
    const { url } = await linkIn('bunden@bibliotek.test', /^Bekräfta/)
    const code = new URL(url!).searchParams.get('code')!
    const elsewhere = await app.client().post(`/api/v1/invitations/${second.token}/confirm`, {
      code,
      name: 'Bunden',
      password: 'ett-langt-losenord',
    })
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([
      400,
      'email_confirmation_invalid',
    ])
    const guessed = await app.client().post(`/api/v1/invitations/${first.token}/confirm`, {
      code: 'x'.repeat(43),
      name: 'Gissad',
      password: 'ett-langt-losenord',
    })
    expect(guessed.body.error.code).toBe('email_confirmation_invalid')

    // Each request e-mails an address of the link holder's choosing: five an hour per invitation.
    const answers = []
    for (let i = 0; i < 5; i++)
      answers.push(
        (
          await app
            .client()
            .post(`/api/v1/invitations/${second.token}/accept`, { email: `p${i}@bibliotek.test` })
        ).status,
      )
    expect(answers).toEqual([202, 202, 202, 202, 202])
    const sixth = await app
      .client()
      .post(`/api/v1/invitations/${second.token}/accept`, { email: 'p6@bibliotek.test' })
    expect(sixth.status).toBe(429)
    expect(sixth.headers.get('retry-after')).toBe('3600')
    expect(sixth.body.error.message).toBe('För många försök. Försök igen om 60 minuter.')
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
    const open = pending.body.map((i: { id: string }) => i.id)
    expect(open).toContain(bound.id)
    expect(open).not.toContain(expired.id)
    expect(open).not.toContain(revoked.id)
  })

  it('keeps each library to its own members: a member elsewhere sees nothing here', async () => {
    const other = app.client()
    const created = await admin.post('/api/v1/libraries', { name: 'Grannbiblioteket' })
    expect(created.status).toBe(201)
    const otherInvite = await admin.post(`/api/v1/libraries/${created.body.id}/invitations`, {
      role: 'admin',
      email: 'olle@granne.test',
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
