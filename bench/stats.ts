// Statistics at the size of a regional installation, on SQLite and PostgreSQL. Traffic goes to
// loopback only, bounded in count and time; the bench stops by itself.
//
// Load: BENCH_LIBRARIES (default 100) libraries with three channels each, BENCH_POSTS (default
// 100,000) published posts and BENCH_EVENTS (default 10,000,000) interactions over two years,
// stored in bulk as ingest stores them (interactions, their inbox items, one ingest_events row per
// read of 500), with a daily follower count per channel.
// 1. `event ingest rate`: the rollup consumer (server/services/stats/rollup-service.ts) takes in
//    every ingest batch from the start, in-process, as the worker does: interactions/s.
// 2. `dashboard p95`: a separate `torget serve` answers GET /stats (everything the Statistik page
//    asks for) for one library and the last 90 days under autocannon at BENCH_CONNECTIONS (8)
//    connections for BENCH_DURATION (10) s. Target: ≤ 50 ms.
// 3. `ladder rebuild`: the ladder's consumer sums the same events, then one library's nightly
//    rebuild (rebuildLadder, server/services/ladder/) is timed. Target: ≤ 1 s.
// 4. `stats rebuild, one library`, and `peak memory` of the bench process (the load and the
//    consumer; the server's own is the api benchmark's).
//
// Small, to check it works: BENCH_EVENTS=200000 BENCH_POSTS=5000 BENCH_LIBRARIES=10
// BENCH_DURATION=3 npm run bench -- stats. BENCH_DIALECTS (default sqlite,postgres).
// The full size on the shared two-core machine (load 1-6): SQLite about 15 minutes (8 of them
// the load), PostgreSQL 21-26 (8-12 the load, 6-7 the consumer, 6-7 the ladder's summing).
import os from 'node:os'
import autocannon from 'autocannon'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import type { InteractionKind } from '../core/channels/networks.js'
import { addDays, utcToZoned, zonedToUtc } from '../core/time/zoned.js'
import type { StatsDashboard } from '../core/schemas/stats.js'
import type { Db, Dialect } from '../server/db/database.js'
import { createLogger } from '../server/logger.js'
import type { ChannelRow } from '../server/repos/channels-repo.js'
import { createStore } from '../server/repos/index.js'
import { statsRollupStore } from '../server/repos/stats-rollup-repo.js'
import { newId } from '../server/security/tokens.js'
import { interactionRow } from '../server/services/inbox/ingest-service.js'
import { ladderActivity } from '../server/services/ladder/ladder-activity.js'
import { rebuildLadder } from '../server/services/ladder/ladder-rebuild.js'
import { rollupService } from '../server/services/stats/rollup-service.js'
import { createTestDatabase, postgresAvailable } from '../server/test/databases.js'
import { analyze, bulkInsert, dropIndexes, seedChannels, startServer } from './lib/bench-db.js'
import { check, failIfMissed } from './support.js'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000)
const POSTS = Number(process.env.BENCH_POSTS ?? 100_000)
const LIBRARIES = Number(process.env.BENCH_LIBRARIES ?? 100)
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8)
const FRESH_PERIODS = 40
// The full size takes tens of minutes a dialect: bounded, and it says how far it has come.
const MAX_MINUTES = Number(process.env.BENCH_MAX_MINUTES ?? 75)
let startedAt = performance.now()
let toldAt = performance.now()

/** Stops the run once it is over its time; every minute or so, says where it is. */
function progress(what: () => string) {
  const now = performance.now()
  if (now - startedAt > MAX_MINUTES * 60_000)
    throw new Error(`stopped after ${MAX_MINUTES} minutes (BENCH_MAX_MINUTES a dialect), ${what()}`)
  if (now - toldAt < 60_000) return
  toldAt = now
  console.log(`    … ${what()} (${Math.round((now - startedAt) / 1000)} s)`)
}
const DAY = 86_400_000
const HISTORY_DAYS = 730
const TZ = 'Europe/Stockholm'
const READ = 500
const LOADED = ['interactions', 'inbox_items', 'posts', 'publications', 'account_metrics']

const line = (label: string, value: string, target = '', ok?: boolean) =>
  console.log(
    `  ${label.padEnd(40)} ${value.padStart(16)}   ${target ? `target ${target.padEnd(9)}` : ''.padEnd(16)} ${ok === undefined ? '' : check(label, ok)}`,
  )

// mulberry32: deterministic, so two runs load the same installation.
let seed = 11
function random() {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
}
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!

/** Of every 100 interactions: mostly likes, then follows, reposts, replies, mentions, quotes. */
const KINDS: readonly InteractionKind[] = [
  ...Array<InteractionKind>(55).fill('like'),
  ...Array<InteractionKind>(12).fill('repost'),
  ...Array<InteractionKind>(10).fill('follow'),
  ...Array<InteractionKind>(10).fill('reply'),
  ...Array<InteractionKind>(5).fill('comment'),
  ...Array<InteractionKind>(5).fill('mention'),
  ...Array<InteractionKind>(3).fill('quote'),
]

interface Post {
  channel: ChannelRow
  remoteId: string
  at: number
}

let RAW: SQLite.Database | undefined
let remoteCounter = 0

/** One library's two years: posts, their publications, the channels' follower counts. */
async function seedLibrary(db: Db, libraryId: string, userId: string, posts: number, end: number) {
  const channels = await seedChannels(
    db,
    libraryId,
    userId,
    new Date(end - HISTORY_DAYS * DAY).toISOString(),
  )
  const list: Post[] = []
  const postRows: object[] = []
  const publicationRows: object[] = []
  for (let i = 0; i < posts; i++) {
    const channel = pick(channels)
    // Office hours and evenings, Stockholm, spread over the two years.
    const day = Math.floor((end - HISTORY_DAYS * DAY * random()) / DAY) * DAY
    const at =
      day + (6 + Math.floor(random() * 14)) * 3_600_000 + Math.floor(random() * 60) * 60_000
    const iso = new Date(at).toISOString()
    const id = newId()
    const remoteId = `bench:${channel.id}:${i}`
    postRows.push({
      id,
      library_id: libraryId,
      author_id: userId,
      text: random() < 0.3 ? 'Vilken bok läser du i helgen?' : 'Sagostund på lördag kl. 11.',
      variants: '{}',
      language: 'sv',
      state: 'published',
      scheduled_at: iso,
      version: 3,
      planned_at: null,
      assignee_id: null,
      audience: null,
      tags: '[]',
      campaign_id: null,
      calendar_at: iso,
      approved_by: userId,
      approved_at: iso,
      reply_to_item_id: null,
      paid_boost: random() < 0.05 ? 1 : 0,
      created_at: iso,
      updated_at: iso,
    })
    publicationRows.push({
      id: newId(),
      library_id: libraryId,
      post_id: id,
      channel_id: channel.id,
      state: 'published',
      due_at: iso,
      attempts: 1,
      remote_id: remoteId,
      remote_url: `https://bench.test/${i}`,
      error_kind: null,
      error_code: null,
      error_message: null,
      attempt_started_at: iso,
      published_at: iso,
      first_attempt_at: iso,
      retrying_since: null,
      updated_at: iso,
    })
    list.push({ channel, remoteId, at })
  }
  const metrics: object[] = []
  // The library's own days: around midnight, two instants a day apart can share a local date.
  const today = utcToZoned(new Date(end), TZ).date
  for (const channel of channels) {
    let followers = 500 + Math.floor(random() * 2_000)
    for (let d = HISTORY_DAYS; d >= 0; d--) {
      followers += Math.floor(random() * 7) - 2
      const day = addDays(today, -d)
      metrics.push({
        channel_id: channel.id,
        library_id: libraryId,
        day,
        sampled_at: new Date(Math.min(end, zonedToUtc(day, '12:00', TZ).getTime())).toISOString(),
        followers,
        following: 100,
        posts: 0,
      })
    }
  }
  await bulkInsert(db, RAW, {
    posts: postRows,
    publications: publicationRows,
    account_metrics: metrics,
  })
  return { channels, posts: list.sort((a, b) => a.at - b.at) }
}

/** `count` interactions of one library, in the reads of 500 ingest wrote them in. */
async function seedInteractions(
  db: Db,
  libraryId: string,
  library: Awaited<ReturnType<typeof seedLibrary>>,
  count: number,
  end: number,
) {
  const CHUNK = 20_000
  const first = end - HISTORY_DAYS * DAY
  const span = end - first
  let latest = 0
  for (let start = 0; start < count; start += CHUNK) {
    const rows: ReturnType<typeof interactionRow>[] = []
    const items: object[] = []
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const kind = pick(KINDS)
      // In the order they happened, as ingest reads them: the two years from first to last.
      const at = Math.min(end - 60_000, first + (span * (i + random())) / count)
      // About one of the library's latest posts, mostly published a day or two before.
      const about = kind !== 'follow' && kind !== 'mention' && library.posts.length > 0
      while (latest + 1 < library.posts.length && library.posts[latest + 1]!.at <= at) latest++
      const back = Math.min(latest, Math.floor(-Math.log(1 - random()) * 3))
      const post = about && library.posts[0]!.at <= at ? library.posts[latest - back] : undefined
      const channel = post?.channel ?? pick(library.channels)
      remoteCounter++
      const row = interactionRow(
        channel,
        {
          kind,
          remoteId: `r${remoteCounter}`,
          author: {
            remoteId: `did:bench:${Math.floor(random() * 50_000)}`,
            handle: 'someone.bench',
            displayName: 'Någon',
            profileUrl: '',
          },
          text: kind === 'like' || kind === 'repost' || kind === 'follow' ? '' : 'Tack!',
          url: '',
          createdAt: new Date(at).toISOString(),
          ...(post && { subjectRemoteId: post.remoteId }),
        },
        new Date(at + 120_000).toISOString(),
        at,
      )
      rows.push(row)
      if (kind === 'reply' || kind === 'comment' || kind === 'mention' || kind === 'quote') {
        const answered = random() < 0.7
        items.push({
          id: row.id,
          library_id: libraryId,
          channel_id: channel.id,
          kind,
          state: answered ? 'done' : 'new',
          assignee_id: null,
          flagged: 0,
          has_question: 0,
          author_remote_id: row.author_remote_id,
          search_text: 'tack!',
          received_at: row.received_at,
          due_at: null,
          first_response_at: answered
            ? new Date(Date.parse(row.received_at) + 3_600_000 * 8 * random()).toISOString()
            : null,
          first_responder_id: null,
          closed_at: null,
          moderated_at: null,
          version: 1,
          updated_at: row.received_at,
        })
      }
    }
    rows.sort((a, b) => a.received_at.localeCompare(b.received_at))
    await bulkInsert(db, RAW, { interactions: rows, inbox_items: items })
    const events = []
    for (const [channelId, list] of Map.groupBy(rows, (r) => r.channel_id))
      for (let i = 0; i < list.length; i += READ) {
        const read = list.slice(i, i + READ)
        events.push({
          library_id: libraryId,
          channel_id: channelId,
          at: read.at(-1)!.received_at,
          interactions: read.length,
          inbox_items: 0,
          payload: JSON.stringify({ ids: read.map((r) => r.id) }),
        })
      }
    for (let i = 0; i < events.length; i += 500)
      await db
        .insertInto('ingest_events')
        .values(events.slice(i, i + 500))
        .execute()
  }
}

async function dialectBench(dialect: Dialect) {
  startedAt = toldAt = performance.now()
  const database = await createTestDatabase(dialect)
  const { db } = database
  // The web role alone: the bench runs the consumer itself, so no worker competes with it.
  const server = await startServer(database, 'web')
  try {
    if (dialect === 'sqlite') {
      RAW = new SQLite(database.sqlitePath)
      RAW.pragma('cache_size = -262144')
      RAW.pragma('synchronous = NORMAL')
    } else RAW = undefined
    const end = Date.now()
    const loadStart = performance.now()
    const indexes = await dropIndexes(db, dialect, LOADED)
    const libraries: string[] = [server.libraryId]
    for (let i = 1; i < LIBRARIES; i++) {
      const id = newId()
      await db
        .insertInto('libraries')
        .values({
          id,
          name: `Bibliotek ${i}`,
          time_zone: TZ,
          locale: 'sv',
          created_at: new Date(end).toISOString(),
        })
        .execute()
      libraries.push(id)
    }
    for (const [n, libraryId] of libraries.entries()) {
      const share = (total: number) =>
        Math.floor(total / LIBRARIES) + (n < total % LIBRARIES ? 1 : 0)
      const library = await seedLibrary(db, libraryId, server.userId, share(POSTS), end)
      await seedInteractions(db, libraryId, library, share(EVENTS), end)
      progress(() => `${n + 1} of ${LIBRARIES} libraries loaded`)
    }
    for (const index of indexes) await sql.raw(index).execute(db)
    await analyze(db, dialect, [...LOADED, 'ingest_events'])
    const loadS = (performance.now() - loadStart) / 1000
    console.log(
      `\n${dialect}: ${EVENTS.toLocaleString('en')} interactions and ${POSTS.toLocaleString('en')} posts in ${LIBRARIES} libraries loaded in ${loadS.toFixed(1)} s`,
    )

    const rollups = rollupService({ store: statsRollupStore(db), logger: createLogger('warn') })
    const started = performance.now()
    let batches = 0
    for (let n; (n = await rollups.consume()) > 0;) {
      batches += n
      progress(() => `${batches.toLocaleString('en')} ingest batches counted`)
    }
    const seconds = (performance.now() - started) / 1000
    const rate = EVENTS / seconds
    line('event ingest rate', `${Math.round(rate).toLocaleString('en')}/s`)
    console.log(`    (${batches.toLocaleString('en')} ingest batches in ${seconds.toFixed(1)} s)`)
    await analyze(db, dialect, ['stats_daily', 'stats_hourly', 'stats_post_daily'])

    const today = utcToZoned(new Date(end), TZ).date
    const path = `/api/v1/libraries/${server.libraryId}/stats?from=${addDays(today, -89)}&to=${today}`
    const headers = { cookie: server.cookie }
    // The socket setup used sat idle through the load and the consumer; the server may have closed it.
    await fetch(`${server.base}/readyz`).catch(() => undefined)
    const first = await fetch(`${server.base}${path}`, { headers })
    const body = (await first.json()) as StatsDashboard
    if (first.status !== 200) {
      console.log(`  GET ${path} → ${first.status} ${JSON.stringify(body)}`)
      line('dashboard p95', 'no answer', '≤ 50 ms', false)
    } else {
      await autocannon({
        url: `${server.base}${path}`,
        connections: CONNECTIONS,
        duration: 2,
        headers,
      })
      const { result: loaded, p95 } = await load(`${server.base}${path}`, headers)
      console.log(
        `    (one library, 90 days: ${body.totals.postsPublished} posts, ${body.totals.likes.toLocaleString('en')} likes; ${loaded.requests.average.toFixed(0)} req/s, p50 ${loaded.latency.p50} ms)`,
      )
      line('dashboard p95', `${p95} ms`, '≤ 50 ms', p95 <= 50)
      // The same page for periods no one has opened yet: the figures are made, not kept.
      const fresh: number[] = []
      for (let back = 1; back <= FRESH_PERIODS; back++) {
        const to = addDays(today, -back)
        const started = performance.now()
        const res = await fetch(
          `${server.base}/api/v1/libraries/${server.libraryId}/stats?from=${addDays(to, -89)}&to=${to}`,
          { headers },
        )
        await res.arrayBuffer()
        fresh.push(performance.now() - started)
      }
      fresh.sort((a, b) => a - b)
      const at = (q: number) => fresh[Math.max(0, Math.ceil(fresh.length * q) - 1)]!.toFixed(1)
      console.log(
        `    (a period not opened before, one at a time: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms over ${FRESH_PERIODS})`,
      )
      line(
        'errors / non-2xx',
        `${loaded.errors} / ${loaded.non2xx}`,
        '0 / 0',
        loaded.errors + loaded.non2xx === 0,
      )
    }

    // The ladder (bench/ladder.ts has its own figures): its consumer sums the same events, its
    // first rebuild places everyone, and the nightly one, a day later, is the one timed.
    const ladderStore = createStore(db)
    const ladderStart = performance.now()
    const summing = ladderActivity({ store: ladderStore, clock: { now: () => new Date(end) } })
    while ((await summing.step(200)) > 0) progress(() => 'the ladder summing')
    const summedS = (performance.now() - ladderStart) / 1000
    console.log(
      `    (ladder: ${Math.round(EVENTS / summedS).toLocaleString('en')} interactions/s summed)`,
    )
    await rebuildLadder(ladderStore, server.libraryId, new Date(end))
    const nightly = performance.now()
    await rebuildLadder(ladderStore, server.libraryId, new Date(end + DAY))
    const ladderMs = performance.now() - nightly
    line('ladder rebuild', `${Math.round(ladderMs)} ms`, '≤ 1 s', ladderMs <= 1000)

    const rebuildStart = performance.now()
    await rollups.rebuildLibrary(server.libraryId)
    line(
      'stats rebuild, one library',
      `${((performance.now() - rebuildStart) / 1000).toFixed(2)} s`,
    )
    // The bench process: the bulk load and the rollup consumer, run here as the worker runs it.
    line('peak memory', `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`)
  } finally {
    RAW?.close()
    RAW = undefined
    await server.stop()
    if (process.env.BENCH_KEEP) console.log(`kept ${database.sqlitePath} ${database.url ?? ''}`)
    else await database.drop()
  }
}

/** The load, with every response's time kept: autocannon itself reports p90 and p97.5, not p95. */
function load(url: string, headers: Record<string, string>) {
  const times: number[] = []
  return new Promise<{ result: autocannon.Result; p95: number }>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: CONNECTIONS, duration: DURATION_S, headers },
      (error: unknown, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)))
        times.sort((a, b) => a - b)
        const p95 = times[Math.max(0, Math.ceil(times.length * 0.95) - 1)] ?? Number.NaN
        resolve({ result, p95: Math.round(p95 * 10) / 10 })
      },
    )
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms))
  })
}

console.log(
  `Torget statistics benchmark — ${os.cpus().length} cores; ${EVENTS.toLocaleString('en')} interactions, ${POSTS.toLocaleString('en')} posts, ${LIBRARIES} libraries; ${CONNECTIONS} connections for ${DURATION_S} s per dialect`,
)
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',')
if (DIALECTS.includes('sqlite')) await dialectBench('sqlite')
if (DIALECTS.includes('postgres')) {
  if (await postgresAvailable()) await dialectBench('postgres')
  else console.log('\npostgres: skipped (no server at TORGET_TEST_PG_URL)')
}
failIfMissed()
