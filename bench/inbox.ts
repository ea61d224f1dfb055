// The inbox at the size of a busy library system, on SQLite and PostgreSQL. Traffic goes to
// loopback only, bounded in count and time; the bench stops by itself.
//
// 1. Ingest: BENCH_INGEST (default 100,000) interactions — replies, mentions, quotes, likes,
//    reposts and follows from many authors on three channels — go through the real write path,
//    ingestService(...).recordBatch, in reads of READ_LIMIT (500), with the library's automatic
//    rules. Target: ≥ 50,000 interactions/s. The library already holds its inbox (below), so
//    the indexes are as deep as they will be in use.
// 2. Duplicates: the same interactions are read again twice (once in the same reads, once with
//    the reads' edges moved, as after a crash mid-flood). Target: no row beyond the unique ones.
// 3. List: with 1,000,000 inbox items in the library (seeded in bulk, plus those ingested;
//    two years, most done, some open, three channels, 20 members, tags), a separate
//    `torget serve` answers GET /inbox/items under load from autocannon, the requests rotating
//    through the filters people use (open, a channel, mine, a tag, the next page).
//    Target: p99 < 50 ms at 8 connections.
//
// BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (default 8), BENCH_ITEMS (default
// 1,000,000), BENCH_INGEST (default 100,000), BENCH_DIALECTS (default sqlite,postgres).
import os from 'node:os'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { isInboxKind } from '../core/channels/networks.js'
import type { Db, Dialect } from '../server/db/database.js'
import { createLogger } from '../server/logger.js'
import { createStore } from '../server/repos/index.js'
import { derivedSecretBox } from '../server/security/secret-box.js'
import { inboxRules } from '../server/services/inbox/inbox-rules.js'
import { READ_LIMIT, ingestService } from '../server/services/inbox/ingest-service.js'
import { createTestDatabase, postgresAvailable } from '../server/test/databases.js'
import { analyze, dropIndexes, startServer } from './lib/bench-db.js'
import { cpuMeter } from './lib/cpu-time.js'
import {
  type Read,
  floodOfReads,
  seedItems,
  seedLibrary,
  shiftedReads,
} from './lib/inbox-library.js'
import { line, listBench } from './lib/inbox-list.js'
import { failIfMissed } from './support.js'

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8)
const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000)
const INGEST = Number(process.env.BENCH_INGEST ?? 100_000)

const LOADED = ['interactions', 'inbox_items', 'inbox_item_tags']
const ANALYZED = [...LOADED, 'inbox_activity']

async function ingest(db: Db, dialect: Dialect, reads: readonly Read[]) {
  const store = createStore(db)
  const service = ingestService({
    store,
    adapters: {},
    box: derivedSecretBox('torget-bench', 'channel-credentials'),
    rules: inboxRules({ store }),
    logger: createLogger('warn'),
  })
  const lastActivity = new Map<string, string | null>()
  const batchMs: number[] = []
  let fresh = 0
  let items = 0
  const cpu = await cpuMeter(db, dialect)
  const started = performance.now()
  for (const [i, read] of reads.entries()) {
    const t0 = performance.now()
    const result = await service.recordBatch(read.channel.row, read.interactions, {
      cursor: `bench-${i}`,
      more: i < reads.length - 1,
      previousActivityAt: lastActivity.get(read.channel.row.id) ?? null,
    })
    batchMs.push(performance.now() - t0)
    lastActivity.set(read.channel.row.id, new Date().toISOString())
    fresh += result.interactions
    items += result.items
  }
  const seconds = (performance.now() - started) / 1000
  const used = await cpu.stop()
  batchMs.sort((a, b) => a - b)
  return {
    seconds,
    cpuS: (used.processMs + used.databaseMs) / 1000,
    fresh,
    items,
    p50: batchMs[Math.floor(batchMs.length / 2)]!,
    p99: batchMs[Math.floor(batchMs.length * 0.99)]!,
  }
}

async function counts(db: Db, libraryId: string) {
  const n = async (
    table: 'interactions' | 'inbox_items' | 'ingest_events' | 'inbox_item_tags' | 'inbox_activity',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('library_id', '=', libraryId)
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    interactions: await n('interactions'),
    items: await n('inbox_items'),
    events: await n('ingest_events'),
    tags: await n('inbox_item_tags'),
    activity: await n('inbox_activity'),
  }
}

async function dialectBench(dialect: Dialect) {
  const database = await createTestDatabase(dialect)
  const { db } = database
  // Web only: the worker's readers of ingest events (archive, statistics, ladder) would take
  // turns at SQLite's one write lock with the ingest measured here; their own benches time them.
  const server = await startServer(database, 'web')
  try {
    // A bulk load of a million rows wants more than SQLite's default 2 MB page cache.
    const raw = dialect === 'sqlite' ? new SQLite(database.sqlitePath) : undefined
    raw?.pragma('cache_size = -262144')
    raw?.pragma('synchronous = NORMAL')
    raw?.pragma('busy_timeout = 5000')
    const library = await seedLibrary(db, server.libraryId, server.userId)
    const reads = floodOfReads(library, INGEST)
    const all = reads.flatMap((r) => r.interactions)
    const unique = new Set(all.map((x) => `${x.kind}\u0000${x.remoteId}`)).size
    const uniqueItems = new Set(all.filter((x) => isInboxKind(x.kind)).map((x) => x.remoteId)).size
    const seeded = Math.max(0, ITEMS - uniqueItems)
    const seedStart = performance.now()
    const indexes = await dropIndexes(db, dialect, LOADED)
    await seedItems(db, raw, library, seeded)
    raw?.close()
    for (const index of indexes) await sql.raw(index).execute(db)
    await analyze(db, dialect, ANALYZED)
    const seedS = (performance.now() - seedStart) / 1000

    const before = await counts(db, library.id)
    const first = await ingest(db, dialect, reads)
    const afterFirst = await counts(db, library.id)
    const again = await ingest(db, dialect, reads)
    const shifted = await ingest(db, dialect, shiftedReads(reads))
    const after = await counts(db, library.id)
    const duplicates =
      after.interactions - before.interactions - unique + (after.items - before.items - uniqueItems)

    console.log(
      `\n${dialect}: ${seeded.toLocaleString('en')} inbox items loaded in bulk in ${seedS.toFixed(1)} s; ${INGEST.toLocaleString('en')} interactions in ${reads.length} reads of ${READ_LIMIT} (${uniqueItems.toLocaleString('en')} become items; ${afterFirst.tags - before.tags} tags, ${afterFirst.activity - before.activity} rule actions)`,
    )
    const rate = first.fresh / first.seconds
    line('ingest rate', `${Math.round(rate).toLocaleString('en')}/s`, '≥ 50,000/s', rate >= 50_000)
    // What the same work costs in CPU seconds (this process and the database's): the wall
    // clock on a shared machine also counts the neighbours.
    line(
      'ingest rate on CPU time',
      `${Math.round(first.fresh / first.cpuS).toLocaleString('en')}/s`,
    )
    line(
      'ingest, one read of 500: p50 / p99',
      `${first.p50.toFixed(1)} / ${first.p99.toFixed(1)} ms`,
    )
    line(
      'read again twice: rate; new rows',
      `${Math.round((2 * INGEST) / (again.seconds + shifted.seconds)).toLocaleString('en')}/s; ${again.fresh + shifted.fresh}`,
    )
    line(
      'duplicates',
      `${duplicates} (+${after.events - afterFirst.events} events)`,
      '0',
      duplicates === 0 && after.events === afterFirst.events && first.fresh === unique,
    )

    await analyze(db, dialect, ANALYZED)
    await listBench(server, library, after.items, CONNECTIONS, DURATION_S)
  } finally {
    await server.stop()
    if (process.env.BENCH_KEEP) console.log(`kept ${database.sqlitePath} ${database.url ?? ''}`)
    else await database.drop()
  }
}

console.log(
  `Torget inbox benchmark — ${os.cpus().length} cores; ${ITEMS.toLocaleString('en')} items; ${CONNECTIONS} connections for ${DURATION_S} s per dialect`,
)
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',')
if (DIALECTS.includes('sqlite')) await dialectBench('sqlite')
if (DIALECTS.includes('postgres')) {
  if (await postgresAvailable()) await dialectBench('postgres')
  else console.log('\npostgres: skipped (no server at TORGET_TEST_PG_URL)')
}
failIfMissed()
