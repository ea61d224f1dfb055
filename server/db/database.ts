import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, type PostgresPool, SqliteDialect, sql } from 'kysely'
import pg from 'pg'
import type { Database } from './schema/index.js'

export type Dialect = 'sqlite' | 'postgres'
export type Db = Kysely<Database>

export interface DatabaseHandle {
  db: Db
  dialect: Dialect
  /** For SQLite: the file; for PostgreSQL: the URL without password. */
  location: string
  close(): Promise<void>
}

const TIMESTAMPTZ_OID = 1184
const INT8_OID = 20

export function openDatabase(options: {
  url: string | undefined
  sqlitePath: string
}): DatabaseHandle {
  if (options.url) return openPostgres(options.url)
  return openSqlite(options.sqlitePath)
}

function openSqlite(file: string): DatabaseHandle {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const raw = new SQLite(file)
  raw.pragma('journal_mode = WAL')
  // Several processes (web + workers) share the file: wait for a lock rather than fail.
  raw.pragma('busy_timeout = 5000')
  raw.pragma('foreign_keys = ON')
  raw.pragma('synchronous = NORMAL')
  // With NORMAL, only checkpoints wait for the disk (two fsyncs each). SQLite's default, one per
  // 1,000 pages (4 MB), came after almost every read of 500 in a flood of replies; one per 40 MB
  // let ingest go from about 10,000 to 12,000 interactions/s (bench/inbox.ts), and pages written
  // again meanwhile reach the database file once.
  raw.pragma('wal_autocheckpoint = 10000')
  // Up to 256 MB of page cache rather than 2 (a ceiling, filled only as the file grows): a flood
  // of replies writes the inbox's author and thread indexes at random places, and with 64 MB a
  // library of 300,000 items read them back from the file for every read of 500 (ingest went
  // from 5,200 to 9,800 interactions/s with 256 MB, bench/inbox.ts).
  raw.pragma('cache_size = -262144')
  // SQLite's advice for long-lived connections: refresh planner statistics where they are stale.
  raw.pragma('optimize = 0x10002')
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingStatements(raw) }),
  })
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() }
}

/**
 * Kysely prepares every query afresh; preparing costs more than running a
 * small query, so statements are kept per SQL text. Kysely runs one query at
 * a time on this connection, so a statement is never used twice at once.
 */
function cachingStatements(raw: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>()
  const prepare = (source: string) => {
    let statement = cache.get(source)
    if (!statement) {
      statement = raw.prepare(source)
      if (cache.size >= 1000) cache.delete(cache.keys().next().value!)
      cache.set(source, statement)
    }
    return statement
  }
  return new Proxy(raw, {
    get(target, property, receiver) {
      if (property === 'prepare') return prepare
      const value = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

// PostgreSQL's text form of a timestamptz in a UTC session (the usual server setting).
const UTC_TEXT = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/

/**
 * A timestamptz as an ISO string in UTC, as SQLite's are stored. The UTC form is rewritten
 * directly: a calendar answer holds hundreds of timestamps, and Date's parser of this text
 * costs some two microseconds each. Any other offset goes through Date.
 */
export function timestamptzToIso(text: string): string {
  const utc = UTC_TEXT.exec(text)
  if (!utc) return new Date(text).toISOString()
  return `${utc[1]}T${utc[2]}.${(utc[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`
}

function openPostgres(url: string): DatabaseHandle {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      // Timestamps travel as ISO strings everywhere, as they do from SQLite.
      if (oid === TIMESTAMPTZ_OID) return timestamptzToIso
      if (oid === INT8_OID) return (v: string) => Number(v)
      return pg.types.getTypeParser(oid, format as 'text')
    },
  }
  // pg closes a connection idle for 10 s by default, and the next page then paid for a new
  // server process, its catalog reads and every statement's plan again (47 ms instead of 8
  // for the inbox's first page after a pause, bench database). People click at a person's
  // pace: connections stay for ten minutes of quiet.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    idleTimeoutMillis: 10 * 60_000,
    types,
  })
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparing(pool) }) })
  const safe = new URL(url)
  safe.password = ''
  return { db, dialect: 'postgres', location: safe.toString(), close: () => db.destroy() }
}

/** Statements each connection keeps prepared; texts past this (long IN lists) are sent unnamed. */
const PREPARED_PER_CONNECTION = 300
/**
 * Schema changes run once; named, a migration run used up its connection's 300 names for the
 * life of the process, and the inbox's pages sent on that connection were planned every time.
 */
const ONE_OFF = /^\s*(create|alter|drop|comment|grant|revoke|do|analyze|vacuum)\b/i

/**
 * PostgreSQL parses and plans every unnamed statement afresh; the same few
 * dozen statements make up nearly all of Torget's traffic. Naming a statement
 * by a hash of its text lets each connection parse it once and keep its plan,
 * as the statement cache does for SQLite. pg sends a name's Parse only the
 * first time on a connection; the count per connection is capped, since texts
 * with IN lists of every length would otherwise pile up on the server.
 */
function preparing(pool: pg.Pool): PostgresPool {
  const named = new WeakMap<pg.PoolClient, Set<string>>()
  return {
    async connect() {
      const client = await pool.connect()
      if (!named.has(client)) {
        const names = new Set<string>()
        named.set(client, names)
        const query = client.query.bind(client) as (...args: unknown[]) => unknown
        client.query = ((text: unknown, values?: unknown) => {
          if (typeof text !== 'string' || ONE_OFF.test(text)) return query(text, values)
          const name = `t${crypto.createHash('sha1').update(text).digest('hex').slice(0, 20)}`
          if (names.has(name) || names.size < PREPARED_PER_CONNECTION) {
            names.add(name)
            return query({ name, text, values })
          }
          return query(text, values)
        }) as typeof client.query
      }
      return client
    },
    end: () => pool.end(),
    // Kysely cancels a running query through a separate client made from these.
    Client: pg.Client,
    options: pool.options,
  }
}

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db)
}
