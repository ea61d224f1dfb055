import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, createTestApp, setUpFirstLibrary } from '../test/harness.js'

describe('health, API description and a full disk (sqlite)', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await createTestApp('sqlite')
  })
  afterAll(async () => app?.close())

  it('answers health and readiness probes', async () => {
    const c = app.client()
    expect((await c.get('/healthz')).body).toEqual({ status: 'ok' })
    const ready = await c.get('/readyz')
    expect(ready.status).toBe(200)
    expect(ready.body).toEqual({ status: 'ready' })
  })

  it('says only "not ready" when the database is gone, never the database error', async () => {
    const lost = await createTestApp('sqlite')
    try {
      await lost.torget.database.close()
      const res = await lost.client().get('/readyz')
      expect(res.status).toBe(503)
      expect(res.body).toEqual({ status: 'not ready' })
    } finally {
      await lost.database.drop()
    }
  })

  it('describes the API as OpenAPI 3.1 from the same schemas, with a readable reference page', async () => {
    const c = app.client()
    const doc = await c.get('/api/v1/openapi.json')
    expect(doc.body.openapi).toBe('3.1.0')
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/auth/sign-in',
        '/libraries/{libraryId}/members',
        '/invitations/{token}/accept',
      ]),
    )
    expect(doc.body.components.schemas.SetupInput.required).toEqual(
      expect.arrayContaining(['email', 'password', 'libraryName']),
    )
    const page = await c.get('/api/v1/docs')
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.body).toContain('/api/v1/docs/assets/swagger-ui-bundle.js')
    const asset = await c.get('/api/v1/docs/assets/swagger-ui-bundle.js')
    expect(asset.status).toBe(200)
    expect((await c.get('/api/v1/docs/assets/..%2F..%2Fpackage.json')).status).toBe(404)
  })

  it('tags every response with a request id and sends security headers', async () => {
    const res = await app.client().get('/api/v1/setup')
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/)
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('says the disk is full, keeps what was there, and works again when space returns', async () => {
    const { admin, libraryId } = await setUpFirstLibrary(app)
    const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(
      app.torget.database.db,
    )
    // SQLite refuses to grow past max_page_count exactly as it would on a full disk (SQLITE_FULL).
    await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(app.torget.database.db)
    let full
    for (let i = 0; i < 200; i++) {
      full = await admin.post(`/api/v1/libraries/${libraryId}/invitations`, {
        role: 'reader',
        email: `person${i}@bibliotek.test`,
      })
      if (full.status !== 201) break
    }
    expect(full!.status).toBe(507)
    expect(full!.body.error).toMatchObject({
      code: 'storage_full',
      message: expect.stringContaining('slut på diskutrymme'),
    })
    const members = await admin.get(`/api/v1/libraries/${libraryId}/members`)
    expect(members.status).toBe(200)
    expect(members.body).toHaveLength(1)

    await sql.raw('pragma max_page_count = 1073741823').execute(app.torget.database.db)
    expect(
      (await admin.post(`/api/v1/libraries/${libraryId}/invitations`, { role: 'reader' })).status,
    ).toBe(201)
  })
})
