// Stegen for one library at the size the statistics issue names: BENCH_LADDER_EVENTS (default
// 100,000) interactions from BENCH_LADDER_AUTHORS (default 20,000) accounts over a year on three
// channels, beside as many in a second library, written with ingest's outbox (ingest_events) in
// reads of 500. Times, on SQLite and PostgreSQL:
//   ladder activity summed  the consumer reading the outbox after ingest (interactions/s)
//   ladder first rebuild    the first ever (it also closes last month from the history)
//   ladder rebuild          the nightly case, a day later          target ≤ 1 s
//   ladder month closed     the first night of a new month         target ≤ 1 s
// BENCH_DIALECTS (default sqlite,postgres). The statistics bench (bench/stats.ts) times the
// same function, rebuildLadder in server/services/ladder/ladder-rebuild.ts, as `ladder rebuild`.
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { BLUESKY_LIMITS } from '../core/composer/limits.js'
import type { InteractionKind } from '../core/channels/networks.js'
import type { Db, Dialect } from '../server/db/database.js'
import type { InteractionsTable } from '../server/db/schema/inbox.js'
import { createStore } from '../server/repos/index.js'
import { newId } from '../server/security/tokens.js'
import { ladderActivity } from '../server/services/ladder/ladder-activity.js'
import { rebuildLadder } from '../server/services/ladder/ladder-rebuild.js'
import { createTestDatabase, postgresAvailable } from '../server/test/databases.js'
import { check, failIfMissed } from './support.js'

const EVENTS = Number(process.env.BENCH_LADDER_EVENTS ?? 100_000)
const AUTHORS = Number(process.env.BENCH_LADDER_AUTHORS ?? 20_000)
const DAY = 86_400_000
const NOW = new Date('2027-05-20T02:00:00.000Z')

const line = (label: string, value: string, target = '', ok?: boolean) =>
  console.log(
    `  ${label.padEnd(28)} ${value.padStart(12)}   ${target ? `target ${target.padEnd(8)}` : ''.padEnd(15)} ${ok === undefined ? '' : check(label, ok)}`,
  )

let seed = 11
function random() {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

// As a library's audience acts: mostly likes, some answers, a few speak of it unprompted.
const KINDS: [InteractionKind, number][] = [
  ['like', 0.5],
  ['repost', 0.12],
  ['follow', 0.1],
  ['reply', 0.16],
  ['mention', 0.06],
  ['quote', 0.06],
]
function kind(): InteractionKind {
  let r = random()
  for (const [k, w] of KINDS) if ((r -= w) < 0) return k
  return 'like'
}

async function library(db: Db, userId: string, name: string) {
  const id = newId()
  const at = NOW.toISOString()
  await db
    .insertInto('libraries')
    .values({ id, name, time_zone: 'Europe/Stockholm', locale: 'sv', created_at: at })
    .execute()
  const channels: string[] = []
  for (const handle of ['a.bsky.social', 'b@mastodon.nu', 'c.bsky.social']) {
    const channel = newId()
    await db
      .insertInto('channels')
      .values({
        id: channel,
        library_id: id,
        network: handle.includes('@') ? 'mastodon' : 'bluesky',
        account_remote_id: `bench:${name}:${handle}`,
        handle,
        display_name: handle,
        profile_url: '',
        credentials: 'not-used',
        limits: JSON.stringify(BLUESKY_LIMITS),
        health: 'ok',
        health_code: null,
        checked_at: at,
        created_by: userId,
        created_at: at,
        deleted_at: null,
      })
      .execute()
    channels.push(channel)
  }
  return { id, channels }
}

function interactions(libraryId: string, channels: string[]): InteractionsTable[] {
  const rows: InteractionsTable[] = []
  for (let i = 0; i < EVENTS; i++) {
    // Skewed: a few accounts act often, most once or twice.
    const author = Math.floor(AUTHORS * random() ** 2)
    const at = new Date(NOW.getTime() - random() * 365 * DAY).toISOString()
    const k = kind()
    rows.push({
      id: newId(),
      library_id: libraryId,
      channel_id: channels[author % channels.length]!,
      kind: k,
      remote_id: `r:${libraryId}:${i}`,
      author_remote_id: `did:bench:${author}`,
      author_handle: `p${author}.bsky.social`,
      author_name: `P ${author}`,
      author_url: '',
      author_avatar: null,
      text: k === 'like' || k === 'repost' || k === 'follow' ? '' : 'Tack för tipset!',
      original_text: null,
      url: '',
      subject_remote_id: null,
      parent_remote_id: k === 'reply' ? `post:${i % 500}` : null,
      root_remote_id: null,
      reply_target: null,
      remote_created_at: at,
      received_at: at,
      edited_at: null,
      remote_deleted_at: null,
      unavailable_at: null,
      rechecked_at: null,
      media: null,
      remote_key: `r:${libraryId}:${i}`,
    })
  }
  return rows
}

/** Ingest's outbox: one event per read of 500, in the order they were read. */
function events(rows: InteractionsTable[]) {
  const out = []
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500)
    out.push({
      library_id: part[0]!.library_id,
      channel_id: part[0]!.channel_id,
      at: NOW.toISOString(),
      interactions: part.length,
      inbox_items: 0,
      payload: JSON.stringify({ ids: part.map((r) => r.id) }),
    })
  }
  return out
}

async function load(db: Db, dialect: Dialect, file: string, rows: InteractionsTable[]) {
  const outbox = events(rows)
  if (dialect === 'postgres') {
    for (const [table, all] of [
      ['interactions', rows],
      ['ingest_events', outbox],
    ] as const)
      for (let i = 0; i < all.length; i += 10_000)
        await sql`insert into ${sql.table(table)} (${sql.join(Object.keys(all[0]!).map((c) => sql.ref(c)))})
          select ${sql.join(Object.keys(all[0]!).map((c) => sql.ref(c)))}
          from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(all.slice(i, i + 10_000))}::json)`.execute(
          db,
        )
    await sql`vacuum analyze interactions`.execute(db)
    return
  }
  const raw = new SQLite(file)
  raw.transaction(() => {
    for (const [table, all] of [
      ['interactions', rows],
      ['ingest_events', outbox],
    ] as const) {
      const columns = Object.keys(all[0]!)
      const insert = raw.prepare(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      )
      for (const row of all) insert.run(Object.values(row))
    }
  })()
  raw.exec('analyze')
  raw.close()
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const result = await work()
  return [result, performance.now() - start]
}

async function run(dialect: Dialect) {
  const database = await createTestDatabase(dialect)
  try {
    const db = database.db
    const userId = newId()
    await db
      .insertInto('users')
      .values({
        id: userId,
        email: 'bench@bibliotek.test',
        name: 'Bench',
        password_hash: 'x',
        locale: 'sv',
        is_instance_admin: 0,
        created_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
      })
      .execute()
    const ours = await library(db, userId, 'Stadsbiblioteket')
    const theirs = await library(db, userId, 'Grannbiblioteket')
    await load(db, dialect, database.sqlitePath, [
      ...interactions(ours.id, ours.channels),
      ...interactions(theirs.id, theirs.channels),
    ])
    const store = createStore(db)
    console.log(`\n${dialect}: ${EVENTS} interactions in the library, ${EVENTS} beside it`)
    const consumer = ladderActivity({ store, clock: { now: () => NOW } })
    const [, summedMs] = await timed(async () => {
      while ((await consumer.step(200)) > 0);
    })
    line('ladder activity summed', `${Math.round((2 * EVENTS) / (summedMs / 1000))}/s`)
    const [first, firstMs] = await timed(() => rebuildLadder(store, ours.id, NOW))
    line('ladder first rebuild', `${Math.round(firstMs)} ms`)
    line('  members placed', String(first.members))
    const [, nightlyMs] = await timed(() =>
      rebuildLadder(store, ours.id, new Date(NOW.getTime() + DAY)),
    )
    line('ladder rebuild', `${Math.round(nightlyMs)} ms`, '≤ 1000 ms', nightlyMs <= 1000)
    const [closed, closedMs] = await timed(() =>
      rebuildLadder(store, ours.id, new Date('2027-06-01T02:00:00.000Z')),
    )
    line('ladder month closed', `${Math.round(closedMs)} ms`, '≤ 1000 ms', closedMs <= 1000)
    line('  members rewritten', String(closed.written))
  } finally {
    await database.drop()
  }
}

const dialects = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as Dialect[]
for (const dialect of dialects) {
  if (dialect === 'postgres' && !(await postgresAvailable())) continue
  await run(dialect)
}
failIfMissed()
