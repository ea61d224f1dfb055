import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestDatabase, availableDialects, createTestDatabase } from '../test/databases.js'
import { type DatabaseHandle, openDatabase } from './database.js'

// PostgreSQL connections keep Torget's statements prepared by name, up to 300 each; a schema
// change runs once, and a migration run that named its own filled its connection for good.
const onPostgres = (await availableDialects()).includes('postgres')

describe.runIf(onPostgres)('statements prepared on PostgreSQL', () => {
  let database: TestDatabase
  let handle: DatabaseHandle
  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    handle = openDatabase({ url: database.url, sqlitePath: '' })
  })
  afterAll(async () => {
    await handle?.close()
    await database?.drop()
  })

  it('keeps a query by name, but not a schema change', async () => {
    await handle.db.connection().execute(async (conn) => {
      await sql`create temporary table once_only (n integer)`.execute(conn)
      await sql`alter table once_only add column m integer`.execute(conn)
      await sql`select count(*) from once_only where n = ${1}`.execute(conn)
      const { rows } = await sql<{ statement: string }>`
        select statement from pg_prepared_statements
        where statement like '%once_only%' and statement not like '%pg_prepared_statements%'`.execute(
        conn,
      )
      expect(rows.map((r) => r.statement)).toEqual(['select count(*) from once_only where n = $1'])
    })
  })
})
