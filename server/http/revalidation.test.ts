import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableDialects } from '../test/databases.js'
import { type TestApp, type TestClient, createTestApp, setUpFirstLibrary } from '../test/harness.js'

// A browser asks again for the workspace shell and the month on every visit. With the tag of
// its copy it gets 304 and no body while nothing changed, and the new answer once anything did.

describe.each(await availableDialects())('revalidating reads on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let libraryId: string
  const base = () => `/api/v1/libraries/${libraryId}`
  const ask = (route: string, tag?: string) =>
    admin.request('GET', route, undefined, tag ? { 'if-none-match': tag } : {})

  beforeAll(async () => {
    app = await createTestApp(dialect)
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
  })
  afterAll(async () => app?.close())

  it('answers the workspace shell with 304 until the library, its members or invitations change', async () => {
    const first = await ask(`${base()}/workspace`)
    expect(first.status).toBe(200)
    const tag = first.headers.get('etag')!
    expect(tag).toMatch(/^W\/".+"$/)
    expect(first.headers.get('cache-control')).toBe('private, no-cache')

    const again = await ask(`${base()}/workspace`, tag)
    expect(again.status).toBe(304)
    expect(again.body).toBeUndefined()
    expect(again.headers.get('etag')).toBe(tag)

    const invited = await admin.post(`${base()}/invitations`, { role: 'writer' })
    expect(invited.status).toBe(201)
    const afterInvite = await ask(`${base()}/workspace`, tag)
    expect(afterInvite.status).toBe(200)
    expect(afterInvite.body.pendingInvitations).toBe(first.body.pendingInvitations + 1)

    expect((await admin.patch(base(), { name: 'Stadsbiblioteket Väst' })).status).toBe(200)
    const renamed = await ask(`${base()}/workspace`, afterInvite.headers.get('etag')!)
    expect(renamed.status).toBe(200)
    expect(renamed.body.library.name).toBe('Stadsbiblioteket Väst')
  })

  it('answers the month with 304 until a post in it changes, and follows the library’s time zone at once', async () => {
    const month = `${base()}/calendar?from=2027-03-01&to=2027-04-04&perDay=3`
    const first = await ask(month)
    expect(first.status).toBe(200)
    expect(first.body.timeZone).toBe('Europe/Stockholm')
    const tag = first.headers.get('etag')!
    expect((await ask(month, tag)).status).toBe(304)
    // Any of several tags, as a browser may send (RFC 9110): one matching is enough.
    expect((await ask(month, `W/"somewhere-else", ${tag}`)).status).toBe(304)

    const post = await admin.post(`${base()}/posts`, {
      text: 'Sagostund på lördag',
      channelIds: [],
      plannedAt: '2027-03-13T11:00:00+01:00',
    })
    expect(post.status).toBe(201)
    const changed = await ask(month, tag)
    expect(changed.status).toBe(200)
    expect(changed.body.items.map((i: { id: string }) => i.id)).toEqual([post.body.id])

    expect((await admin.patch(base(), { timeZone: 'Europe/Helsinki' })).status).toBe(200)
    const moved = await ask(month, changed.headers.get('etag')!)
    expect(moved.status).toBe(200)
    expect(moved.body.timeZone).toBe('Europe/Helsinki')
    expect(moved.body.items[0].time).toBe('12:00')
  })
})
