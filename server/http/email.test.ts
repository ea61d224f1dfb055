import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableDialects } from '../test/databases.js'
import { SETUP, type TestApp, createTestApp, setUpFirstLibrary } from '../test/harness.js'
import { startSmtpServer } from '../test/smtp.js'

describe.each(await availableDialects())('email through a real SMTP server on %s', (dialect) => {
  let app: TestApp
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  beforeAll(async () => {
    smtp = await startSmtpServer()
    app = await createTestApp(dialect, {
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Torget <torget@bibliotek.test>',
    })
    await app.torget.startWorker()
  })
  afterAll(async () => {
    await app?.close()
    await smtp?.close()
  })

  it('resets a forgotten password by emailed link, signing out old sessions', async () => {
    const { admin } = await setUpFirstLibrary(app)
    const forgot = app.client()
    expect(
      (await forgot.post('/api/v1/auth/password-reset/request', { email: SETUP.email })).status,
    ).toBe(202)
    expect(
      (await forgot.post('/api/v1/auth/password-reset/request', { email: 'ingen@bibliotek.test' }))
        .status,
    ).toBe(202)

    const mail = await smtp.waitFor((m) => m.to.includes(SETUP.email))
    expect(mail.subject).toBe('Byt lösenord i Torget')
    const token = decodeURIComponent(mail.text.match(/aterstall-losenord\?token=([\w%-]+)/)![1]!)

    const changed = await forgot.post('/api/v1/auth/password-reset/confirm', {
      token,
      password: 'ett-nytt-langt-losenord',
    })
    expect(changed.status).toBe(204)
    expect((await admin.get('/api/v1/auth/session')).status).toBe(401)
    expect(
      (await forgot.post('/api/v1/auth/sign-in', { email: SETUP.email, password: SETUP.password }))
        .status,
    ).toBe(401)
    expect(
      (
        await forgot.post('/api/v1/auth/sign-in', {
          email: SETUP.email,
          password: 'ett-nytt-langt-losenord',
        })
      ).status,
    ).toBe(200)

    const reused = await app
      .client()
      .post('/api/v1/auth/password-reset/confirm', { token, password: 'ett-tredje-losenord' })
    expect([reused.status, reused.body.error.code]).toEqual([400, 'reset_token_invalid'])
    expect(smtp.received.some((m) => m.to.includes('ingen@bibliotek.test'))).toBe(false)
  })

  it('emails an invitation in the library language, and the emailed link works', async () => {
    const admin = app.client()
    const signIn = await admin.post('/api/v1/auth/sign-in', {
      email: SETUP.email,
      password: 'ett-nytt-langt-losenord',
    })
    const libraryId = signIn.body.memberships[0].libraryId
    const inv = await admin.post(`/api/v1/libraries/${libraryId}/invitations`, {
      role: 'editor',
      email: 'Rut@Bibliotek.test',
    })
    expect(inv.status).toBe(201)
    expect(inv.body).toMatchObject({ email: 'rut@bibliotek.test', emailQueued: true })

    const mail = await smtp.waitFor((m) => m.to.includes('rut@bibliotek.test'))
    expect(mail.subject).toBe('Inbjudan till Stadsbiblioteket i Torget')
    expect(mail.text).toContain('Din roll blir Redaktör')
    const link = mail.text.match(/http:\/\/torget\.test\/inbjudan\/([\w-]+)/)![1]!
    const joined = await app.client().post(`/api/v1/invitations/${link}/accept`, {
      name: 'Rut',
      email: 'rut@bibliotek.test',
      password: 'ett-langt-losenord',
    })
    expect(joined.status).toBe(200)
    expect(joined.body.memberships[0].role).toBe('editor')
  })
})
