import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'

describe.each(await availableDialects())('planning fields on a post, on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let libraryId: string
  const base = () => `/api/v1/libraries/${libraryId}`

  beforeAll(async () => {
    app = await createTestApp(dialect)
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
  })
  afterAll(async () => app?.close())

  it('keeps the planned time, the writer, the target group and tags, and clears them on request', async () => {
    const { userId: writerId } = await addMember(
      app,
      admin,
      libraryId,
      'writer',
      `skribent-${dialect}@bibliotek.test`,
    )
    const created = await admin.post(`${base()}/posts`, {
      text: 'Veckans boktips',
      plannedAt: '2027-03-14T10:00:00+01:00',
      assigneeId: writerId,
      audience: 'unga',
      tags: ['#Bokfestival', 'bokfestival', 'Boktips'],
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      plannedAt: '2027-03-14T09:00:00.000Z',
      assigneeId: writerId,
      audience: 'unga',
      tags: ['Bokfestival', 'bokfestival', 'Boktips'],
      campaignId: null,
      state: 'draft',
    })
    const cleared = await admin.patch(`${base()}/posts/${created.body.id}`, {
      version: created.body.version,
      plannedAt: null,
      assigneeId: null,
      tags: [],
    })
    expect(cleared.status).toBe(200)
    expect(cleared.body).toMatchObject({
      plannedAt: null,
      assigneeId: null,
      tags: [],
      audience: 'unga',
    })
  })

  it('refuses a writer from outside the library, in the person’s language, and changes nothing', async () => {
    const created = await admin.post(`${base()}/posts`, { text: 'Sagostund' })
    const other = await admin.post('/api/v1/libraries', { name: 'Grannbiblioteket' })
    const { userId: outsiderId } = await addMember(
      app,
      admin,
      other.body.id,
      'writer',
      `granne-${dialect}@bibliotek.test`,
    )
    const res = await admin.patch(`${base()}/posts/${created.body.id}`, {
      version: created.body.version,
      assigneeId: outsiderId,
      text: 'Ändrad',
    })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toBe(
      'Den du valde är inte medlem i biblioteket. Välj någon ur listan.',
    )
    const after = await admin.get(`${base()}/posts/${created.body.id}`)
    expect(after.body).toMatchObject({
      text: 'Sagostund',
      assigneeId: null,
      version: created.body.version,
    })
  })
})
