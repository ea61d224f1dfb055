import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createRepos } from '../../repos/index.js'
import { remoteKey } from '../../repos/ingest-repo.js'
import { ADMIN_PG_URL, availableDialects } from '../../test/databases.js'
import { type DatabaseHandle, openDatabase } from '../database.js'
import { MIGRATIONS, migrateToLatest } from '../migrate.js'

const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup()
})

async function databaseBefore039(dialect: 'sqlite' | 'postgres'): Promise<DatabaseHandle> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'torget-m039-'))
  let url: string | undefined
  let name: string | undefined
  if (dialect === 'postgres') {
    name = `torget_test_${crypto.randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: ADMIN_PG_URL })
    await admin.connect()
    await admin.query(`create database ${name}`)
    await admin.end()
    const u = new URL(ADMIN_PG_URL)
    u.pathname = `/${name}`
    url = u.toString()
  }
  const handle = openDatabase({ url, sqlitePath: path.join(dir, 'torget.sqlite') })
  cleanups.push(async () => {
    await handle.close()
    if (name) {
      const admin = new pg.Client({ connectionString: ADMIN_PG_URL })
      await admin.connect()
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
    fs.rmSync(dir, { recursive: true, force: true })
  })
  const earlier = Object.fromEntries(Object.entries(MIGRATIONS).filter(([n]) => n < '039'))
  const { error } = await new Migrator({
    db: handle.db as Kysely<unknown>,
    provider: { getMigrations: async () => earlier },
    migrationTableName: 'torget_migrations',
    migrationLockTableName: 'torget_migrations_lock',
  }).migrateToLatest()
  if (error) throw error
  return handle
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
