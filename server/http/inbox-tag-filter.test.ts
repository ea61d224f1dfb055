import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../db/database.js'
import { inboxListRepo } from '../repos/inbox-list-repo.js'
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

  // Planning a page cost PostgreSQL more than running it; a filter's statement is planned once
  // per connection and kept, but a tag's best plan depends on how common it is, so each tag
  // keeps a plan of its own.
  it.runIf(dialect === 'postgres')('plans a filter once, and each tag apart', async () => {
    await sql`analyze inbox_items, inbox_item_tags`.execute(app.database.db)
    // A connection of its own: the test database's first ones prepared the migrations.
    const { db, close } = openDatabase({ url: app.database.url, sqlitePath: '' })
    await db.connection().execute(async (conn) => {
      const repo = inboxListRepo(conn)
      for (let i = 0; i < 8; i++) {
        await repo.list(libraryId, { states: ['new', 'assigned', 'answered'], limit: 51 })
        await repo.list(libraryId, { tagId: tags['fråga']!, limit: 51 })
      }
      const rare = await repo.list(libraryId, { tagId: tags['hot/hat']!, limit: 51 })
      expect(rare.map((r) => r.id)).toEqual(tagged.rare)
      const { rows } = await sql<{ statement: string; generic: number; custom: number }>`
        select statement, generic_plans as generic, custom_plans as custom
        from pg_prepared_statements where statement like '%inbox_items%'`.execute(conn)
      const open = rows.filter((r) => r.statement.includes(`state <> 'done'`))
      const common = rows.filter((r) => r.statement.includes(tags['fråga']!))
      const rareOnes = rows.filter((r) => r.statement.includes(tags['hot/hat']!))
      expect(open).toHaveLength(1)
      expect(Number(open[0]!.generic)).toBeGreaterThan(0)
      expect(common).toHaveLength(1)
      expect(Number(common[0]!.generic)).toBeGreaterThan(0)
      expect(rareOnes).toHaveLength(1)
      expect(Number(rareOnes[0]!.generic)).toBe(0)
    })
    await close()
  })
})
