import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, type TestClient, createTestApp, setUpFirstLibrary } from '../test/harness.js'

/** Generated bodies at the routes anyone can reach: a 5xx is a bug. */
describe('auth and invitation routes under generated input (sqlite)', () => {
  let app: TestApp
  let admin: TestClient
  let token: string
  beforeAll(async () => {
    app = await createTestApp('sqlite')
    const first = await setUpFirstLibrary(app)
    admin = first.admin
    const inv = await admin.post(`/api/v1/libraries/${first.libraryId}/invitations`, {
      role: 'reader',
    })
    token = inv.body.url.split('/').pop()
  })
  afterAll(async () => app?.close())

  const body = fc.oneof(
    fc.json(),
    fc.string(),
    fc.record(
      {
        email: fc.oneof(fc.emailAddress(), fc.string(), fc.integer(), fc.constant(null)),
        password: fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.array(fc.string())),
        name: fc.oneof(fc.string(), fc.constant(''), fc.object()),
        token: fc.oneof(fc.string(), fc.base64String()),
        libraryName: fc.string(),
        timeZone: fc.oneof(fc.constantFrom('Europe/Stockholm', 'Mars/Olympus', ''), fc.string()),
        locale: fc.oneof(fc.constantFrom('sv', 'en', 'fi'), fc.string()),
        role: fc.oneof(fc.constantFrom('admin', 'reader', 'owner'), fc.string()),
      },
      { requiredKeys: [] },
    ),
  )
  const paths = () =>
    fc.constantFrom(
      '/api/v1/setup',
      '/api/v1/auth/sign-in',
      '/api/v1/auth/password-reset/request',
      '/api/v1/auth/password-reset/confirm',
      `/api/v1/invitations/${token}/accept`,
      '/api/v1/invitations/%00%ff/accept',
      '/api/v1/me',
    )

  it('never answers 5xx, and always in the one error shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        paths(),
        body,
        fc.constantFrom('POST', 'PATCH'),
        fc.boolean(),
        async (path, payload, method, signedIn) => {
          const client = signedIn ? admin : app.client()
          const raw = typeof payload === 'string' ? payload : JSON.stringify(payload)
          const res = await client.request(method, path, raw)
          expect(res.status, `${method} ${path} ${raw}`).toBeLessThan(500)
          if (res.status >= 400) expect(typeof res.body.error.code).toBe('string')
        },
      ),
      { numRuns: 300 },
    )
  })

  it('never answers 5xx to generated invitation tokens', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (t) => {
        const res = await app.client().get(`/api/v1/invitations/${encodeURIComponent(t)}`)
        expect(res.status).toBeLessThan(500)
      }),
      { numRuns: 200 },
    )
  })
})
