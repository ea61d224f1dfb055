// What the archive benchmark needs of a database and a server: bulk loads the fastest way each
// database offers, secondary indexes dropped and rebuilt around them, and a `torget serve`
// signed in through setup. The same approach as bench/inbox.ts.
import type { ChildProcess } from 'node:child_process'
import path from 'node:path'
import type SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { BLUESKY_LIMITS } from '../../core/composer/limits.js'
import type { Db, Dialect } from '../../server/db/database.js'
import type { ChannelRow } from '../../server/repos/channels-repo.js'
import { newId } from '../../server/security/tokens.js'
import type { TestDatabase } from '../../server/test/databases.js'
import { spawnTracked, stopChild } from '../support.js'

const root = path.resolve(import.meta.dirname, '..', '..')

/**
 * Rows of several tables in one transaction: prepared statements on SQLite's own connection;
 * on PostgreSQL one statement per table with a single parameter, a JSON array read as the
 * table's record type (no per-value binding). Triggers run as for any insert.
 */
export async function bulkInsert(
  db: Db,
  raw: SQLite.Database | undefined,
  tables: Record<string, object[]>,
) {
  if (!raw) {
    await db.transaction().execute(async (trx) => {
      for (const [table, rows] of Object.entries(tables)) {
        if (!rows.length) continue
        // The rows' own columns: a generated one (archive_entries.search_head) takes no value.
        const columns = sql.join(Object.keys(rows[0]!).map((c) => sql.id(c)))
        await sql`insert into ${sql.table(table)} (${columns}) select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)`.execute(
          trx,
        )
      }
    })
    return
  }
  raw.transaction(() => {
    for (const [table, rows] of Object.entries(tables)) {
      if (rows.length === 0) continue
      const columns = Object.keys(rows[0]!)
      // Many rows a statement: one call into SQLite per row cost as much as the insert itself.
      const per = Math.max(1, Math.min(200, Math.floor(SQLITE_PARAMETERS / columns.length)))
      for (let i = 0; i < rows.length; i += per) {
        const part = rows.slice(i, i + per)
        const values: unknown[] = []
        for (const row of part) for (const column of columns) values.push((row as never)[column])
        statement(raw, table, columns, part.length).run(values)
      }
    }
  })()
}

const SQLITE_PARAMETERS = 30_000
const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>()

/** An insert of `count` rows into these columns, prepared once per connection. */
function statement(raw: SQLite.Database, table: string, columns: string[], count: number) {
  let cache = statements.get(raw)
  if (!cache) statements.set(raw, (cache = new Map()))
  const key = `${table}|${columns.join(',')}|${count}`
  let prepared = cache.get(key)
  if (!prepared) {
    const row = `(${columns.map(() => '?').join(', ')})`
    prepared = raw.prepare(
      `insert into ${table} (${columns.join(', ')}) values ${Array(count).fill(row).join(', ')}`,
    )
    cache.set(key, prepared)
  }
  return prepared
}

/** Secondary indexes are built once after a bulk load rather than kept up row by row; returns how to rebuild them. */
export async function dropIndexes(db: Db, dialect: Dialect, tables: string[]): Promise<string[]> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ name: string; definition: string }>`
          select indexname as name, indexdef as definition from pg_indexes
          where tablename in (${sql.join(tables)})
            and indexname not in (select conname from pg_constraint)`.execute(db)
      : await sql<{ name: string; definition: string }>`
          select name, sql as definition from sqlite_master
          where type = 'index' and tbl_name in (${sql.join(tables)}) and sql is not null`.execute(
          db,
        )
  for (const { name } of rows) await sql`drop index ${sql.id(name)}`.execute(db)
  return rows.map((r) => r.definition)
}

/** A library grown over years has planner statistics and a checkpointed log; a bulk load has neither until asked. */
export async function analyze(db: Db, dialect: Dialect, tables: string[]) {
  if (dialect === 'postgres') {
    for (const table of tables) await sql`vacuum analyze ${sql.table(table)}`.execute(db)
  } else {
    await sql`analyze`.execute(db)
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db)
  }
}

/** First-time setup asks for a one-time code; automation sets it (TORGET_SETUP_CODE). */
const BENCH_SETUP_CODE = 'BENCH-SETUP-CODE'

export interface BenchServer {
  base: string
  cookie: string
  userId: string
  libraryId: string
  stop(): Promise<void>
}

/** `torget serve` on loopback, set up with one library; `roles` as for --role. */
export async function startServer(
  database: TestDatabase,
  roles = 'web,worker',
): Promise<BenchServer> {
  const port = 3900 + Math.floor(Math.random() * 90)
  const base = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawnTracked(
    process.execPath,
    [path.join(root, 'bin/torget.js'), 'serve', `--role=${roles}`],
    {
      env: {
        ...process.env,
        TORGET_DATA_DIR: database.dataDir,
        ...(database.url && { DATABASE_URL: database.url }),
        PORT: String(port),
        LOG_LEVEL: 'warn',
        TORGET_SETUP_CODE: BENCH_SETUP_CODE,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  const started = performance.now()
  for (;;) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) break
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 30_000) {
      await stopChild(child)
      throw new Error('server did not become ready in 30 s')
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  const setup = await fetch(`${base}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Astrid Admin',
      email: 'astrid@bibliotek.test',
      password: 'ett-langt-losenord',
      libraryName: 'Stadsbiblioteket',
      setupCode: BENCH_SETUP_CODE,
    }),
  })
  if (setup.status !== 201) {
    await stopChild(child)
    throw new Error(`setup failed: ${setup.status}`)
  }
  const body = (await setup.json()) as {
    user: { id: string }
    memberships: { libraryId: string }[]
  }
  return {
    base,
    cookie: setup.headers.get('set-cookie')!.split(';')[0]!,
    userId: body.user.id,
    libraryId: body.memberships[0]!.libraryId,
    stop: () => stopChild(child),
  }
}

/** The library's three accounts (two on Bluesky, one on Mastodon), stored as connected channels. */
export async function seedChannels(
  db: Db,
  libraryId: string,
  userId: string,
  now = new Date().toISOString(),
) {
  const channels: ChannelRow[] = []
  for (const [network, handle] of [
    ['bluesky', 'stadsbiblioteket.bsky.social'],
    ['mastodon', 'stadsbiblioteket@mastodon.nu'],
    ['bluesky', 'barnbiblioteket.bsky.social'],
  ] as const) {
    const row: ChannelRow = {
      id: newId(),
      library_id: libraryId,
      network,
      account_remote_id: `bench:${handle}`,
      handle,
      display_name: handle,
      profile_url: '',
      credentials: 'not-used',
      limits: JSON.stringify(BLUESKY_LIMITS),
      health: 'ok',
      health_code: null,
      checked_at: now,
      created_by: userId,
      created_at: now,
      deleted_at: null,
    }
    await db.insertInto('channels').values(row).execute()
    channels.push(row)
  }
  return channels
}
