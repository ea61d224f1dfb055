// The public-records archive (issue 11, Figures). Traffic goes to loopback only, bounded in
// count and time; the databases are dropped at the end.
//
// 1. `export rate` — a delivery package of entries with one 20 kB image each, at
//    BENCH_EXPORT_SMALL (10,000) and BENCH_EXPORT_LARGE (100,000) entries, loaded into a
//    SQLite archive and exported as `torget archive export` does (its own thread reading the
//    database), each in a child process of its own (bench/lib/archive-export.ts), with its
//    peak memory. Target: memory flat as the period grows (the larger peak within 1.5× of the
//    smaller).
// Then on SQLite and PostgreSQL, in a library whose archive holds BENCH_ARCHIVE_ENTRIES
// (1,000,000) entries over two years — bulk-loaded, built by the archive's own appendEntries,
// indexed for search by migration 018's triggers:
// 2. `capture rate` — BENCH_CAPTURE (100,000) replies and mentions, written as ingest writes
//    them (interactions, an ingest event per read of 500), drained by the capture job
//    (archiveCaptureService.captureDue, as the worker runs it) into item_received entries.
// 3. `search p99` — a separate `torget serve` (bin/torget.js; web role only, so its worker captures nothing
//    meanwhile) answers GET /archive/entries?q=… from BENCH_CONNECTIONS (8) connections for
//    BENCH_DURATION (10) s, the requests rotating through common and rare words, two words,
//    and words with a channel, a period or a person. Target: p99 < 100 ms.
// BENCH_DIALECTS (default sqlite,postgres); BENCH_EXPORT=0 skips the export;
// BENCH_EXPORT_NODE_FLAGS gives the export's children node flags (bench/lib/archive-export.ts).
import os from 'node:os'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import type { Db, Dialect } from '../server/db/database.js'
import { createLogger } from '../server/logger.js'
import { createStore } from '../server/repos/index.js'
import { archiveCaptureService } from '../server/services/archive/capture-service.js'
import {
  type TestDatabase,
  createTestDatabase,
  postgresAvailable,
} from '../server/test/databases.js'
import { loadEntries, seedChannels, seedIngested } from './lib/archive-load.js'
import { runArchiveExport } from './lib/archive-export.js'
import { searchLoad } from './lib/archive-search.js'
import { analyze, dropIndexes, startServer } from './lib/bench-db.js'
import { check, failIfMissed } from './support.js'

const ENTRIES = Number(process.env.BENCH_ARCHIVE_ENTRIES ?? 1_000_000)
const CAPTURE = Math.min(ENTRIES, Number(process.env.BENCH_CAPTURE ?? 100_000))
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8)
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10)
const TABLES = ['archive_entries', 'interactions', 'ingest_events']

const line = (label: string, value: string, target = '', ok?: boolean) =>
  console.log(
    `  ${label.padEnd(34)} ${value.padStart(16)}   ${target ? `target ${target.padEnd(9)}` : ''.padEnd(16)} ${ok === undefined ? '' : check(label, ok)}`,
  )

console.log(`Torget archive benchmark — ${os.cpus().length} cores`)

if (process.env.BENCH_EXPORT !== '0') {
  const small = await runArchiveExport(Number(process.env.BENCH_EXPORT_SMALL ?? 10_000))
  const large = await runArchiveExport(Number(process.env.BENCH_EXPORT_LARGE ?? 100_000))
  const flat = check('export memory flat', large.peakRssMb <= small.peakRssMb * 1.5)
  console.log('row            entries   items/s    MB/s   size MB   peak RSS MB')
  for (const run of [small, large])
    console.log(
      `export rate  ${String(run.entries).padStart(9)} ${run.itemsPerSecond.toFixed(0).padStart(9)} ${run.megabytesPerSecond.toFixed(1).padStart(7)} ${(run.bytes / 1e6).toFixed(0).padStart(9)} ${run.peakRssMb.toFixed(0).padStart(13)}`,
    )
  console.log(
    `memory flat (larger peak ≤ 1.5 × smaller peak): ${flat}${process.env.BENCH_EXPORT_NODE_FLAGS ? ` (node ${process.env.BENCH_EXPORT_NODE_FLAGS})` : ''}`,
  )
}

/** Runs the capture job until a round reads less than it may; entries appended per second. */
async function capture(db: Db, libraryId: string) {
  const service = archiveCaptureService({ store: createStore(db), logger: createLogger('warn') })
  const count = async () =>
    Number(
      (
        await db
          .selectFrom('archive_heads')
          .select('seq')
          .where('library_id', '=', libraryId)
          .executeTakeFirstOrThrow()
      ).seq,
    )
  const before = await count()
  const started = performance.now()
  let rounds = 0
  while ((await service.captureDue()).full) rounds++
  const seconds = (performance.now() - started) / 1000
  const appended = (await count()) - before
  return { appended, seconds, rounds: rounds + 1, rate: appended / seconds }
}

async function dialectBench(dialect: Dialect) {
  const database: TestDatabase = await createTestDatabase(dialect)
  const { db } = database
  const server = await startServer(database, 'web')
  let raw: SQLite.Database | undefined
  try {
    // A bulk load of a million rows wants more than SQLite's default 2 MB page cache.
    if (dialect === 'sqlite') {
      raw = new SQLite(database.sqlitePath)
      raw.pragma('cache_size = -262144')
      raw.pragma('synchronous = NORMAL')
    }
    const channels = await seedChannels(db, server.libraryId, server.userId)
    const loadStart = performance.now()
    const indexes = await dropIndexes(db, dialect, TABLES)
    // Before the hour whose replies capture then appends, so the chain stays in time order.
    await loadEntries(
      db,
      raw,
      server.libraryId,
      channels,
      ENTRIES - CAPTURE,
      Date.now() - 3_600_000,
    )
    await seedIngested(db, raw, channels, CAPTURE)
    for (const index of indexes) await sql.raw(index).execute(db)
    await analyze(db, dialect, TABLES)
    const loadS = (performance.now() - loadStart) / 1000
    console.log(
      `\n${dialect}: ${(ENTRIES - CAPTURE).toLocaleString('en')} entries and ${CAPTURE.toLocaleString('en')} interactions loaded in bulk in ${loadS.toFixed(1)} s`,
    )

    const captured = await capture(db, server.libraryId)
    line(
      'capture rate',
      `${Math.round(captured.rate).toLocaleString('en')}/s`,
      '',
      captured.appended === CAPTURE,
    )
    console.log(
      `  (${captured.appended.toLocaleString('en')} entries in ${captured.seconds.toFixed(1)} s, ${captured.rounds} rounds of the capture job; expected ${CAPTURE.toLocaleString('en')})`,
    )

    await analyze(db, dialect, TABLES)
    const search = await searchLoad(server, server.libraryId, channels, CONNECTIONS, DURATION_S)
    console.log(`  ${ENTRIES.toLocaleString('en')} entries; one at a time, median:`)
    for (const s of search.single) console.log(`    ${s}`)
    line(`search, ${CONNECTIONS} connections: req/s`, search.requestsPerSecond.toFixed(0))
    line('search p50', `${search.p50} ms`)
    line('search p99', `${search.p99} ms`, '< 100 ms', search.p99 < 100)
    line(
      'errors / non-2xx / empty results',
      `${search.errors} / ${search.non2xx} / ${search.empty}`,
      '0 / 0 / 0',
      search.errors + search.non2xx + search.empty === 0,
    )
  } finally {
    raw?.close()
    await server.stop()
    if (process.env.BENCH_KEEP) console.log(`kept ${database.sqlitePath} ${database.url ?? ''}`)
    else await database.drop()
  }
}

const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',')
if (DIALECTS.includes('sqlite')) await dialectBench('sqlite')
if (DIALECTS.includes('postgres')) {
  if (await postgresAvailable()) await dialectBench('postgres')
  else console.log('\npostgres: skipped (no server at TORGET_TEST_PG_URL)')
}
failIfMissed()
