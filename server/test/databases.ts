import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { type DatabaseHandle, type Dialect, openDatabase } from '../db/database.js'
import { migrateToLatest } from '../db/migrate.js'

export const ADMIN_PG_URL =
  process.env.TORGET_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

let pgAvailable: boolean | undefined

/**
 * PostgreSQL suites run when a server answers. Under CI=true a missing server
 * fails the run instead of skipping, so a green CI always covered both.
 */
export async function postgresAvailable(): Promise<boolean> {
  if (pgAvailable !== undefined) return pgAvailable
  const client = new pg.Client({ connectionString: ADMIN_PG_URL, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.end()
    pgAvailable = true
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(
        `PostgreSQL is required under CI=true but ${ADMIN_PG_URL} does not answer: ${String(error)}`,
        { cause: error },
      )
    }
    console.warn(
      `PostgreSQL not reachable at ${ADMIN_PG_URL}: PostgreSQL suites are skipped locally.`,
    )
    pgAvailable = false
  }
  return pgAvailable
}

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres']

export interface TestDatabase extends DatabaseHandle {
  /** A URL (PostgreSQL) or file (SQLite) another process can open. */
  url: string | undefined
  sqlitePath: string
  dataDir: string
  drop(): Promise<void>
}

/**
 * A fresh, migrated database of the given dialect, for one test file; `migratedBefore` stops
 * short of that migration, for the migration's own test.
 */
export async function createTestDatabase(
  dialect: Dialect,
  options: { migratedBefore?: string } = {},
): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'torget-test-'))
  const sqlitePath = path.join(dataDir, 'torget.sqlite')
  let url: string | undefined
  let dbName: string | undefined
  if (dialect === 'postgres') {
    dbName = `torget_test_${crypto.randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: ADMIN_PG_URL })
    await admin.connect()
    await admin.query(`create database ${dbName}`)
    await admin.end()
    const u = new URL(ADMIN_PG_URL)
    u.pathname = `/${dbName}`
    url = u.toString()
  }
  const handle = openDatabase({ url, sqlitePath })
  await migrateToLatest(handle.db, { before: options.migratedBefore })
  return {
    ...handle,
    url,
    sqlitePath,
    dataDir,
    async drop() {
      await handle.close()
      if (dbName) {
        const admin = new pg.Client({ connectionString: ADMIN_PG_URL })
        await admin.connect()
        await admin.query(`drop database if exists ${dbName} with (force)`)
        await admin.end()
      }
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The dialects this run covers: both under CI, SQLite alone when no PostgreSQL answers locally. */
export async function availableDialects(): Promise<Dialect[]> {
  return (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite']
}
