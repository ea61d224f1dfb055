import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createStore } from '../../repos/index.js'
import { newId } from '../../security/tokens.js'
import { type EntryDraft, appendEntries } from '../../services/archive/chain.js'
import { type TestDatabase, availableDialects, createTestDatabase } from '../../test/databases.js'
import { isPostgres } from '../dialect.js'
import { migrateToLatest } from '../migrate.js'

const databases: TestDatabase[] = []
afterAll(async () => {
  for (const database of databases) await database.drop()
})

let n = 0
function draft(text: string, at: string, handle: string, channelId: string): EntryDraft {
  const i = ++n
  const person = { remoteId: `did:plc:${i}`, handle, name: 'Någon' }
  return {
    kind: 'item_received',
    subject: `item:${i}`,
    captureKey: String(i),
    refersTo: null,
    channelId,
    network: 'bluesky',
    remoteId: `at://x/${i}`,
    url: null,
    threadRoot: null,
    occurredAt: at,
    person,
    content: {
      kind: 'item_received',
      interactionId: String(i),
      itemKind: 'reply',
      text,
      author: person,
      subjectRemoteId: null,
      rootRemoteId: null,
      parentRemoteId: null,
      media: [],
    },
  }
}

describe.each(await availableDialects())('migration 054 on %s', (dialect) => {
  it('keeps what the archive search found, and forgot, and finds it by person too', async () => {
    const database = await createTestDatabase(dialect, { migratedBefore: '054' })
    databases.push(database)
    const { db } = database
    const store = createStore(db)
    const libraryId = newId()
    const channel = newId()
    const now = new Date().toISOString()
    await store.repos.libraries.insert({
      id: libraryId,
      name: 'B',
      timeZone: 'Europe/Stockholm',
      locale: 'sv',
      now,
    })
    const append = (drafts: EntryDraft[]) =>
      store.transaction((repos) => appendEntries(repos, libraryId, drafts, now))
    await append([
      draft('Tack för sagostunden', '2025-03-01T10:00:00.000Z', 'karin.example', channel),
      draft('Sagostunden var bra', '2025-03-02T10:00:00.000Z', 'erik.example', newId()),
      draft('Sagostunden, glöm mig', '2025-03-03T10:00:00.000Z', 'karin.example', channel),
    ])
    // Forgotten as weeding did it before the migration.
    const forgotten = await sql<{ id: string }>`select id from archive_entries
      where content like '%glöm mig%'`.execute(db)
    const id = forgotten.rows[0]!.id
    if (isPostgres(db))
      await sql`update archive_entries set search_vector = null where id = ${id}`.execute(db)
    else
      await sql`delete from archive_search where rowid =
        (select key from archive_search_keys where entry_id = ${id})`.execute(db)

    await migrateToLatest(db)

    await append([draft('Sagostunden i dag', '2025-03-04T10:00:00.000Z', 'karin.example', channel)])
    const texts = async (q: string, filter: { person?: string; channelId?: string } = {}) =>
      (await store.repos.archive.list(libraryId, { q, ...filter }, 10)).map(
        (r) => (JSON.parse(r.content!) as { text: string }).text,
      )
    expect(await texts('sagostund')).toEqual([
      'Sagostunden i dag',
      'Sagostunden var bra',
      'Tack för sagostunden',
    ])
    expect(await texts('sagostund', { person: 'karin.example' })).toEqual([
      'Sagostunden i dag',
      'Tack för sagostunden',
    ])
    expect(await texts('tack', { person: 'karin.example', channelId: channel })).toEqual([
      'Tack för sagostunden',
    ])
    expect(await texts('glöm')).toEqual([])
    // Still listed without words.
    const listed = await store.repos.archive.list(libraryId, { person: 'karin.example' }, 10)
    expect(listed.map((r) => r.id)).toContain(id)
  })
})
