import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import type { Dialect } from '../database.js'
import { migrateToLatest } from '../migrate.js'
import { type TestDatabase, availableDialects, createTestDatabase } from '../../test/databases.js'

const databases: TestDatabase[] = []
afterAll(async () => {
  for (const database of databases) await database.drop()
})

/** A fresh database of the dialect, migrated up to (not including) 011. */
async function databaseBefore011(dialect: Dialect): Promise<TestDatabase> {
  const database = await createTestDatabase(dialect, { migratedBefore: '011' })
  databases.push(database)
  return database
}

describe.each(await availableDialects())('migration 011 on %s', (dialect) => {
  it("gives posts their library's language, and one remote post to one publication", async () => {
    const { db } = await databaseBefore011(dialect)
    const at = '2026-03-14T09:00:00.000Z'
    const later = '2026-03-14T09:05:00.000Z'
    await sql`insert into users (id, email, name, password_hash, created_at, updated_at)
      values ('u', 'a@b.se', 'A', 'x', ${at}, ${at})`.execute(db)
    await sql`insert into libraries (id, name, locale, created_at)
      values ('sv-lib', 'Stadsbiblioteket', 'sv', ${at}), ('en-lib', 'City Library', 'en', ${at})`.execute(
      db,
    )
    await sql`insert into channels (id, library_id, network, account_remote_id, handle, display_name,
        profile_url, credentials, limits, health, checked_at, created_by, created_at)
      values ('c', 'sv-lib', 'mastodon', '1', 'bib', 'Bib', 'https://x', '{}', '{}', 'ok', ${at}, 'u', ${at})`.execute(
      db,
    )
    await sql`insert into posts (id, library_id, author_id, text, state, created_at, updated_at)
      values ('p1', 'sv-lib', 'u', 'Sagostund', 'published', ${at}, ${at}),
             ('p2', 'sv-lib', 'u', 'Sagostund', 'published', ${later}, ${later}),
             ('p3', 'en-lib', 'u', 'Story time', 'draft', ${at}, ${at})`.execute(db)
    // What the old look-up left behind: the second post recorded with the first one's status.
    await sql`insert into publications (id, library_id, post_id, channel_id, state, due_at, attempts,
        remote_id, remote_url, published_at, updated_at)
      values ('first', 'sv-lib', 'p1', 'c', 'published', ${at}, 1, '1134', 'https://x/1134', ${at}, ${at}),
             ('second', 'sv-lib', 'p2', 'c', 'published', ${later}, 2, '1134', 'https://x/1134', ${later}, ${later})`.execute(
      db,
    )

    await migrateToLatest(db)

    const posts = await sql<{
      id: string
      language: string
    }>`select id, language from posts order by id`.execute(db)
    expect(posts.rows).toEqual([
      { id: 'p1', language: 'sv' },
      { id: 'p2', language: 'sv' },
      { id: 'p3', language: 'en' },
    ])
    const publications = await sql<{
      id: string
      state: string
      remote_id: string | null
      error_code: string | null
    }>`select id, state, remote_id, error_code from publications order by id`.execute(db)
    expect(publications.rows).toEqual([
      { id: 'first', state: 'published', remote_id: '1134', error_code: null },
      { id: 'second', state: 'failed', remote_id: null, error_code: 'remote_id_taken' },
    ])
    await expect(
      sql`update publications set remote_id = '1134' where id = 'second'`.execute(db),
    ).rejects.toThrow(/unique|duplicate/i)
  })
})
