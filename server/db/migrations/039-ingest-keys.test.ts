import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createRepos } from '../../repos/index.js'
import { remoteKey } from '../../repos/ingest-repo.js'
import { type TestDatabase, availableDialects, createTestDatabase } from '../../test/databases.js'
import type { Dialect } from '../database.js'
import { migrateToLatest } from '../migrate.js'

const databases: TestDatabase[] = []
afterAll(async () => {
  for (const database of databases) await database.drop()
})

/** A fresh database of the dialect, migrated up to (not including) 039. */
async function databaseBefore039(dialect: Dialect): Promise<TestDatabase> {
  const database = await createTestDatabase(dialect, { migratedBefore: '039' })
  databases.push(database)
  return database
}

const REMOTE_IDS = [
  'at://did:plc:abc123/app.bsky.feed.post/3kq2zqv5x2s2a',
  'at://did:plc:abc123/app.bsky.feed.like/3kq2zqv5x2s2b',
  'at://did:web:bibliotek.example/app.bsky.graph.follow/3kq2zqv5x2s2c',
  'did:plc:abc123',
  '113456789012345678',
  '1234567890_9876543210',
]

describe.each(await availableDialects())('migration 039 on %s', (dialect) => {
  it('keeps every stored interaction and its inbox item, and still knows each one when read again', async () => {
    const { db } = await databaseBefore039(dialect)
    const at = '2026-03-14T09:00:00.000Z'
    await sql`insert into users (id, email, name, password_hash, created_at, updated_at)
      values ('u', 'a@b.se', 'A', 'x', ${at}, ${at})`.execute(db)
    await sql`insert into libraries (id, name, locale, created_at)
      values ('lib', 'Stadsbiblioteket', 'sv', ${at})`.execute(db)
    await sql`insert into channels (id, library_id, network, account_remote_id, handle, display_name,
        profile_url, credentials, limits, health, checked_at, created_by, created_at)
      values ('c', 'lib', 'bluesky', 'did:plc:lib', 'bib', 'Bib', 'https://x', '{}', '{}', 'ok', ${at}, 'u', ${at})`.execute(
      db,
    )
    for (const [i, remoteId] of REMOTE_IDS.entries()) {
      await sql`insert into interactions (id, library_id, channel_id, kind, remote_id,
          author_remote_id, author_handle, author_name, author_url, text, url, remote_created_at,
          received_at)
        values (${`x${i}`}, 'lib', 'c', 'reply', ${remoteId}, 'did:plc:abc123', 'a', 'A', '', 'Hej',
          '', ${at}, ${at})`.execute(db)
      await sql`insert into inbox_items (id, library_id, channel_id, kind, state, author_remote_id,
          search_text, received_at, updated_at)
        values (${`x${i}`}, 'lib', 'c', 'reply', 'new', 'did:plc:abc123', 'hej', ${at}, ${at})`.execute(
        db,
      )
    }

    await migrateToLatest(db)

    const rows = await sql<{ id: string; remote_id: string; remote_key: string }>`
      select id, remote_id, remote_key from interactions order by id`.execute(db)
    expect(rows.rows.map((r) => r.remote_key)).toEqual(REMOTE_IDS.map(remoteKey))
    expect(remoteKey(REMOTE_IDS[0]!)).toBe('3kq2zqv5x2s2a at://did:plc:abc123/app.bsky.feed.post/')
    const items = await sql<{ n: number }>`select count(*) as n from inbox_items`.execute(db)
    expect(Number(items.rows[0]!.n)).toBe(REMOTE_IDS.length)

    // Read again after the upgrade: nothing is new.
    const repos = createRepos(db as never)
    const again = await repos.ingest.insertBatch(
      'lib',
      REMOTE_IDS.map((remoteId, i) => ({
        id: `y${i}`,
        library_id: 'lib',
        channel_id: 'c',
        kind: 'reply',
        remote_id: remoteId,
        remote_key: remoteKey(remoteId),
        author_remote_id: 'did:plc:abc123',
        author_handle: 'a',
        author_name: 'A',
        author_url: '',
        text: 'Hej',
        url: '',
        remote_created_at: at,
        received_at: at,
      })),
    )
    expect(again.inserted.size).toBe(0)

    // Deleting the library still takes its interactions and items with it.
    await sql`delete from libraries where id = 'lib'`.execute(db)
    const left = await sql<{ n: number }>`
      select (select count(*) from interactions) + (select count(*) from inbox_items) as n`.execute(
      db,
    )
    expect(Number(left.rows[0]!.n)).toBe(0)
  })
})
