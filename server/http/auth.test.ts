import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableDialects } from '../test/databases.js'
import { SETUP, type TestApp, createTestApp, setUpFirstLibrary } from '../test/harness.js'

describe.each(await availableDialects())('accounts on %s', (dialect) => {
  let app: TestApp
  beforeAll(async () => {
    app = await createTestApp(dialect)
  })
  afterAll(async () => app?.close())

  it('walks a newcomer through setup once, then asks everyone to sign in', async () => {
    const visitor = app.client()
    expect((await visitor.get('/api/v1/setup')).body).toEqual({ needed: true, demo: false })
    expect((await visitor.get('/api/v1/auth/session')).status).toBe(401)

    const { admin, libraryId } = await setUpFirstLibrary(app)
    const session = await admin.get('/api/v1/auth/session')
    expect(session.status).toBe(200)
    expect(session.body.user).toMatchObject({
      email: SETUP.email,
      name: SETUP.name,
      isInstanceAdmin: true,
      locale: 'sv',
    })
    expect(session.body.memberships).toEqual([
      { libraryId, libraryName: SETUP.libraryName, role: 'admin', timeZone: 'Europe/Stockholm' },
    ])

    expect((await visitor.get('/api/v1/setup')).body.needed).toBe(false)
    const again = await visitor.post('/api/v1/setup', { ...SETUP, email: 'other@bibliotek.test' })
    expect(again.status).toBe(409)
    expect(again.body.error).toMatchObject({
      code: 'setup_done',
      message: 'Torget är redan installerat. Logga in.',
    })
  })

  it('signs in with the right password only, and says why in the chosen language', async () => {
    const c = app.client()
    const wrong = await c.post('/api/v1/auth/sign-in', {
      email: SETUP.email,
      password: 'fel-losenord',
    })
    expect(wrong.status).toBe(401)
    expect(wrong.body.error.message).toBe('Fel e-postadress eller lösenord.')
    c.locale = 'en-GB,en;q=0.9'
    const wrongEn = await c.post('/api/v1/auth/sign-in', {
      email: 'nobody@bibliotek.test',
      password: 'whatever',
    })
    expect(wrongEn.body.error.message).toBe('Wrong email address or password.')

    const ok = await c.post('/api/v1/auth/sign-in', {
      email: SETUP.email.toUpperCase(),
      password: SETUP.password,
    })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('set-cookie')).toMatch(/torget_session=.+HttpOnly.*SameSite=Lax/i)

    expect((await c.post('/api/v1/auth/sign-out')).status).toBe(204)
    expect((await c.get('/api/v1/auth/session')).status).toBe(401)
  })

  it('refuses a write without the session CSRF token or from another site', async () => {
    const { admin, libraryId } = await signedInAdmin(app)
    const token = admin.csrfToken
    admin.csrfToken = undefined
    const noToken = await admin.patch(`/api/v1/libraries/${libraryId}`, { name: 'Hackat' })
    expect(noToken.status).toBe(403)
    expect(noToken.body.error.code).toBe('csrf_failed')
    admin.csrfToken = token
    const foreign = await admin.request(
      'PATCH',
      `/api/v1/libraries/${libraryId}`,
      { name: 'Hackat' },
      { origin: 'https://evil.example' },
    )
    expect(foreign.status).toBe(403)
    const ok = await admin.patch(`/api/v1/libraries/${libraryId}`, {
      name: 'Stadsbiblioteket Centrum',
    })
    expect(ok.status).toBe(200)
    expect(ok.body.name).toBe('Stadsbiblioteket Centrum')
  })

  it('answers bad input with a clear 4xx in the one error shape', async () => {
    const c = app.client()
    const malformed = await c.request('POST', '/api/v1/auth/sign-in', '{"email": ', {})
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.code).toBe('malformed_json')

    const unknownField = await c.post('/api/v1/auth/sign-in', {
      email: SETUP.email,
      password: 'x',
      admin: true,
    })
    expect(unknownField.status).toBe(400)
    expect(unknownField.body.error.code).toBe('validation_failed')
    expect(unknownField.body.error.details.length).toBeGreaterThan(0)

    const badEmail = await c.post('/api/v1/setup', { ...SETUP, email: 'inte-en-adress' })
    expect([400, 409]).toContain(badEmail.status)

    const huge = await c.post('/api/v1/auth/sign-in', {
      email: SETUP.email,
      password: 'x'.repeat(2 * 1024 * 1024),
    })
    expect(huge.status).toBe(413)
    expect(huge.body.error.message).toBe('Begäran är för stor.')

    const form = await c.request('POST', '/api/v1/auth/sign-in', 'email=a&password=b', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(form.status).toBe(415)

    const missing = await c.get('/api/v1/no-such-thing')
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('not_found')
  })

  it('lets a member change their own name and language', async () => {
    const { admin } = await signedInAdmin(app)
    const res = await admin.patch('/api/v1/me', { locale: 'en', name: 'Astrid A.' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ locale: 'en', name: 'Astrid A.' })
    expect((await admin.get('/api/v1/auth/session')).body.user.locale).toBe('en')
    await admin.patch('/api/v1/me', { locale: 'sv' })
  })
})

async function signedInAdmin(app: TestApp) {
  const admin = app.client()
  const res = await admin.post('/api/v1/auth/sign-in', {
    email: SETUP.email,
    password: SETUP.password,
  })
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`)
  return { admin, libraryId: res.body.memberships[0].libraryId as string }
}
