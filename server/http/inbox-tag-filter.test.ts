import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableDialects } from '../test/databases.js'
import { type TestApp, type TestClient, createTestApp, setUpFirstLibrary } from '../test/harness.js'
import { seedInboxItems } from '../test/inbox.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'

// The tag filter finds a page two ways on SQLite, by how many items carry the tag (inbox-repo):
// both must list the same items, newest first.
describe.each(await availableDialects())('the inbox filtered by a tag on %s', (dialect) => {
  let app: TestApp
  let libraryId: string
  let admin: TestClient
  const tagged: { common: string[]; rare: string[] } = { common: [], rare: [] }
  const tags: Record<string, string> = {}
  const base = () => `/api/v1/libraries/${libraryId}`

  beforeAll(async () => {
    const network = loopbackNetwork()
    app = await createTestApp(dialect, {}, { adapters: { bluesky: network.adapter } })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    const channelId = (
      await admin.post(`${base()}/channels/bluesky`, {
        identifier: 'stadsbiblioteket.test',
        appPassword: 'abcd-efgh-ijkl',
      })
    ).body.id
    const start = Date.now() - 3 * 86_400_000
    await seedInboxItems(
      app.torget,
      libraryId,
      channelId,
      Array.from({ length: 2_400 }, (_, i) => ({
        text: `Fråga nummer ${i}`,
        createdAt: new Date(start + i * 60_000).toISOString(),
      })),
    )
    for (const t of (await admin.get(`${base()}/inbox/tags`)).body as {
      id: string
      name: string
    }[])
      tags[t.name] = t.id
    const repos = app.torget.services.store.repos
    const items = await app.database.db
      .selectFrom('inbox_items')
      .select('id')
      .where('library_id', '=', libraryId)
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .execute()
    // Seven items in eight are questions (over the 2,000 where SQLite walks); three are threats.
    tagged.common = items.filter((_, i) => i % 8 !== 0).map((r) => r.id)
    tagged.rare = [items[5]!.id, items[700]!.id, items[2_300]!.id]
    await repos.ingest.insertItemTags([
      ...tagged.common.map((id) => ({
        item_id: id,
        tag_id: tags['fråga']!,
        library_id: libraryId,
      })),
      ...tagged.rare.map((id) => ({
        item_id: id,
        tag_id: tags['hot/hat']!,
        library_id: libraryId,
      })),
    ])
  })
  afterAll(async () => app?.close())

  it('pages through a tag on two thousand items, newest first', async () => {
    const first = (await admin.get(`${base()}/inbox/items?tag=${tags['fråga']}`)).body
    expect(first.items.map((i: { id: string }) => i.id)).toEqual(tagged.common.slice(0, 50))
    const second = (
      await admin.get(`${base()}/inbox/items?tag=${tags['fråga']}&cursor=${first.nextCursor}`)
    ).body
    expect(second.items.map((i: { id: string }) => i.id)).toEqual(tagged.common.slice(50, 100))
    expect(second.items[0].tags).toEqual([{ id: tags['fråga'], name: 'fråga' }])
  })

  it('finds the few items with a rare tag, however far back', async () => {
    const page = (await admin.get(`${base()}/inbox/items?tag=${tags['hot/hat']}`)).body
    expect(page.items.map((i: { id: string }) => i.id)).toEqual(tagged.rare)
    expect(page.nextCursor).toBe(null)
  })
})
