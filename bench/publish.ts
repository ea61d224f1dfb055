// The lag from a publication's due time to its hand-over to the network.
//
// The large runs hand over to a loopback stand-in, not a network: an HTTP
// endpoint in this process that answers at once, so they measure Torget (the
// claim, the batch, the write) and nothing else. Scenarios (BENCH_SCENARIOS):
//   burst     BENCH_PUBLICATIONS (10,000) due in the same second: all handed over within 10 s.
//   minute    the same spread over one minute: p99 < 1 s, the last within 10 s of its due time.
//   recovery  500 due at the start of an outage of BENCH_OUTAGE_SECONDS (60) in which the
//             stand-in answers 503, 429, slowly, or acts and loses its answer: every one
//             handed over once, the last within 60 s of the outage's end.
//   pds       BENCH_PDS_PUBLICATIONS (200) due over 20 s to a real PDS on loopback
//             (@atproto/dev-env): the real hand-over lag, every record there once.
// Each runs on SQLite and, when it answers, PostgreSQL. Zero duplicates everywhere.
// A missed target makes the exit code non-zero.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Insertable } from 'kysely'
import { BLUESKY_LIMITS } from '../core/composer/limits.js'
import { ChannelError, type ChannelAdapter } from '../server/adapters/channels/channel-adapter.js'
import { loadConfig } from '../server/config/config.js'
import type { Dialect } from '../server/db/database.js'
import type { PostsTable } from '../server/db/schema/posts.js'
import { createLogger } from '../server/logger.js'
import { type PublicationRow, newPublicationRow } from '../server/repos/publications-repo.js'
import { newId } from '../server/security/tokens.js'
import { authorize } from '../server/services/access.js'
import { type BlueskyNetwork, startBlueskyNetwork } from '../server/test/bluesky.js'
import { createTestDatabase, postgresAvailable } from '../server/test/databases.js'
import { type Torget, buildTorget } from '../server/wiring.js'
import { check, cleanupOnExit, failIfMissed } from './support.js'

const COUNT = Number(process.env.BENCH_PUBLICATIONS ?? 10_000)
const RECOVERY_COUNT = Number(process.env.BENCH_RECOVERY_PUBLICATIONS ?? 500)
const OUTAGE_MS = Number(process.env.BENCH_OUTAGE_SECONDS ?? 60) * 1000
const PDS_COUNT = Number(process.env.BENCH_PDS_PUBLICATIONS ?? 200)
type Scenario = 'burst' | 'minute' | 'recovery' | 'pds'
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'burst,minute,recovery,pds')
  .split(',')
  .map((s) => s.trim()) as Scenario[]

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The stand-in network. While `faulty`, it fails as a proxy in front of a troubled network would. */
function loopbackEndpoint() {
  const received = new Map<string, number>()
  let duplicates = 0
  let faulty = false
  let faults = 0
  const accept = (id: string) => {
    if (received.has(id)) duplicates++
    else received.set(id, Date.now())
  }
  const server = http.createServer((req, res) => {
    const id = req.url!.slice(1)
    if (faulty) {
      faults++
      const r = Math.random()
      if (r < 0.4) return res.writeHead(503).end()
      if (r < 0.6) return res.writeHead(429, { 'retry-after': '5' }).end()
      if (r < 0.8) return void setTimeout(() => res.writeHead(503).end(), 3_000)
      // The network acted, and its answer was lost on the way back.
      if (req.method === 'POST') accept(id)
      return void req.socket.destroy()
    }
    if (req.method === 'GET') {
      if (!received.has(id)) return res.writeHead(404).end()
      return res.end(JSON.stringify({ id }))
    }
    accept(id)
    res.end(JSON.stringify({ id }))
  })
  server.keepAliveTimeout = 60_000
  return {
    received,
    duplicates: () => duplicates,
    faults: () => faults,
    setFaulty: (on: boolean) => {
      faulty = on
    },
    listen: () =>
      new Promise<string>((r) =>
        server.listen(0, '127.0.0.1', () =>
          r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((r) => server.close(() => r()))
    },
  }
}

/** An adapter for the stand-in, sorting its answers as the real adapters sort a network's. */
function httpAdapter(base: string): ChannelAdapter {
  const account = {
    remoteId: 'did:bench',
    handle: 'bench.test',
    displayName: 'Bench',
    profileUrl: 'https://bench.test',
  }
  async function call(url: string, init: RequestInit): Promise<Response> {
    let res: Response
    try {
      res = await fetch(url, init)
    } catch (error) {
      throw new ChannelError('unknown', 'network_unreachable', 'no answer', undefined, {
        cause: error,
      })
    }
    if (res.status === 429)
      throw new ChannelError(
        'transient',
        'rate_limited',
        '429',
        Number(res.headers.get('retry-after')) * 1000,
      )
    if (res.status >= 500) throw new ChannelError('transient', 'server_error', String(res.status))
    return res
  }
  return {
    network: 'bluesky',
    connect: async () => ({ account, credentials: { token: 'x' }, limits: BLUESKY_LIMITS }),
    verify: async () => ({ account, limits: BLUESKY_LIMITS }),
    async publish(_c, post) {
      const res = await call(`${base}/${post.publicationId}`, { method: 'POST', body: post.text })
      return { remoteId: (await res.json()).id, url: `${base}/${post.publicationId}` }
    },
    async lookup(_c, post) {
      const res = await call(`${base}/${post.publicationId}`, { method: 'GET' })
      if (res.status === 404) return undefined
      return { remoteId: post.publicationId, url: `${base}/${post.publicationId}` }
    },
    delete: async () => {},
  }
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/** The run whose rows are printed, so that a missed target is named with it. */
let run = ''

function line(label: string, value: string, target = '', ok?: boolean) {
  const verdict = ok === undefined ? '' : check(`${run}: ${label}`, ok)
  console.log(
    `  ${label.padEnd(34)} ${value.padStart(10)}   ${target ? `target ${target.padEnd(8)}` : ''.padEnd(15)} ${verdict}`,
  )
}

async function startTorget(dialect: Dialect, adapter?: ChannelAdapter) {
  const database = await createTestDatabase(dialect)
  const config = loadConfig({
    TORGET_DATA_DIR: database.dataDir,
    ...(database.url && { DATABASE_URL: database.url }),
    LOG_LEVEL: 'error',
    // The real PDS listens on loopback, which Torget refuses unless allowed.
    TORGET_FETCH_ALLOW_PRIVATE: '127.0.0.0/8,::1/128',
    ...(process.env.TORGET_PUBLISH_CONCURRENCY && {
      TORGET_PUBLISH_CONCURRENCY: process.env.TORGET_PUBLISH_CONCURRENCY,
    }),
  })
  const torget = await buildTorget(
    config,
    createLogger('error'),
    adapter ? { adapters: { bluesky: adapter } } : {},
  )
  return { torget, config, database }
}

async function seedLibrary(torget: Torget) {
  const { store } = torget.services
  const now = new Date().toISOString()
  const libraryId = newId()
  const userId = newId()
  await store.repos.users.insert({
    id: userId,
    email: `bench-${userId}@bench.test`,
    name: 'Bench',
    passwordHash: 'x',
    locale: 'sv',
    isInstanceAdmin: false,
    now,
  })
  await store.repos.libraries.insert({
    id: libraryId,
    name: 'Bench',
    timeZone: 'Europe/Stockholm',
    locale: 'sv',
    now,
  })
  await store.repos.memberships.insert({ libraryId, userId, role: 'admin', now })
  return { libraryId, userId }
}

async function loopbackChannel(torget: Torget, libraryId: string, userId: string) {
  const now = new Date().toISOString()
  const channelId = newId()
  await torget.services.store.repos.channels.insert({
    id: channelId,
    library_id: libraryId,
    network: 'bluesky',
    account_remote_id: 'did:bench',
    handle: 'bench.test',
    display_name: 'Bench',
    profile_url: '',
    credentials: torget.services.box.seal('{"token":"x"}', channelId),
    limits: JSON.stringify(BLUESKY_LIMITS),
    health: 'ok',
    health_code: null,
    checked_at: now,
    created_by: userId,
    created_at: now,
    deleted_at: null,
  })
  return channelId
}

/** Scheduled posts, one publication each, due at the given times; returns each publication's due time. */
async function seedPublications(
  torget: Torget,
  ids: { libraryId: string; userId: string; channelId: string },
  dueTimes: number[],
  text: (i: number) => string,
) {
  const now = new Date().toISOString()
  const dueOf = new Map<string, number>()
  for (let batch = 0; batch < dueTimes.length; batch += 500) {
    const posts: Insertable<PostsTable>[] = []
    const publications: PublicationRow[] = []
    for (let i = batch; i < Math.min(dueTimes.length, batch + 500); i++) {
      const due = new Date(dueTimes[i]!).toISOString()
      const postId = newId()
      const id = newId()
      dueOf.set(id, dueTimes[i]!)
      posts.push({
        id: postId,
        library_id: ids.libraryId,
        author_id: ids.userId,
        text: text(i),
        variants: '{}',
        state: 'scheduled',
        scheduled_at: due,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      publications.push(
        newPublicationRow({
          id,
          libraryId: ids.libraryId,
          postId,
          channelId: ids.channelId,
          state: 'pending',
          dueAt: due,
          now,
        }),
      )
    }
    await torget.database.db.transaction().execute(async (trx) => {
      await trx.insertInto('posts').values(posts).execute()
      await trx.insertInto('publications').values(publications).execute()
    })
  }
  return dueOf
}

async function publishedCount(torget: Torget, libraryId: string): Promise<number> {
  const row = await torget.database.db
    .selectFrom('publications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('library_id', '=', libraryId)
    .where('state', '=', 'published')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Outcomes are written in batches just after the calls; gives the last batch a moment. */
async function waitRecorded(torget: Torget, libraryId: string, count: number) {
  let recorded = 0
  for (let i = 0; i < 100 && recorded < count; i++) {
    recorded = await publishedCount(torget, libraryId)
    if (recorded < count) await sleep(100)
  }
  return recorded
}

async function loopbackRun(dialect: Dialect, scenario: 'burst' | 'minute' | 'recovery') {
  run = `${dialect}, ${scenario}`
  const endpoint = loopbackEndpoint()
  const base = await endpoint.listen()
  const { torget, config, database } = await startTorget(dialect, httpAdapter(base))
  try {
    const count = scenario === 'recovery' ? RECOVERY_COUNT : COUNT
    const ids = await seedLibrary(torget)
    const channelId = await loopbackChannel(torget, ids.libraryId, ids.userId)
    // The worker starts only after seeding, which must end before the first due time (with room
    // for a busy machine: seeding is not what is measured).
    const start = Date.now() + 5_000 + count * (dialect === 'postgres' ? 3 : 1)
    const spreadMs = { burst: 0, minute: 60_000, recovery: 10_000 }[scenario]
    const seedStart = performance.now()
    const dueOf = await seedPublications(
      torget,
      { ...ids, channelId },
      Array.from({ length: count }, (_, i) => Math.floor(start + (i * spreadMs) / count)),
      (i) => `Inlägg ${i}`,
    )
    const seedMs = performance.now() - seedStart
    if (Date.now() > start - 1000)
      throw new Error(
        `seeding took ${Math.round(seedMs)} ms, longer than the lead time; lower BENCH_PUBLICATIONS`,
      )
    await torget.startWorker()
    const lastDue = Math.max(...dueOf.values())
    let outageEnd = 0
    if (scenario === 'recovery') {
      await sleep(start - Date.now())
      endpoint.setFaulty(true)
      await sleep(OUTAGE_MS)
      endpoint.setFaulty(false)
      outageEnd = Date.now()
    }
    const deadline = Math.max(lastDue, outageEnd) + 180_000
    while (endpoint.received.size < count && Date.now() < deadline) await sleep(50)
    const recorded = await waitRecorded(torget, ids.libraryId, count)
    const handedOver = [...endpoint.received.values()]
    const lastHandOver = Math.max(...handedOver)

    const description = {
      burst: 'due in the same second',
      minute: 'due spread over one minute',
      recovery: `due over 10 s, at the start of a ${OUTAGE_MS / 1000} s outage`,
    }[scenario]
    console.log(
      `\n${dialect}, ${scenario}: ${count} publications ${description} (seeded in ${Math.round(seedMs)} ms, ${config.publishConcurrency} in flight at once)`,
    )
    line('handed over', `${endpoint.received.size}`, `${count}`, endpoint.received.size === count)
    if (scenario === 'recovery') {
      const recovery = Math.max(0, lastHandOver - outageEnd) / 1000
      line('answers refused during the outage', `${endpoint.faults()}`)
      line(
        'recovery after faults',
        `${recovery.toFixed(1)} s`,
        '< 60 s',
        endpoint.received.size === count && recovery < 60,
      )
    } else {
      const lags = [...endpoint.received].map(([id, t]) => t - dueOf.get(id)!).sort((a, b) => a - b)
      const afterLastDue = lastHandOver - lastDue
      line('lag p50', `${percentile(lags, 50)} ms`)
      line(
        'lag p99',
        `${percentile(lags, 99)} ms`,
        scenario === 'minute' ? '< 1000' : '',
        scenario === 'minute' ? percentile(lags, 99) < 1000 : undefined,
      )
      line('lag max', `${lags[lags.length - 1] ?? NaN} ms`)
      line(
        'all handed over, after last due',
        `${afterLastDue} ms`,
        '< 10000',
        endpoint.received.size === count && afterLastDue < 10_000,
      )
      if (scenario === 'burst')
        line('throughput', `${Math.round(count / Math.max(0.001, afterLastDue / 1000))}/s`)
    }
    line('duplicates', `${endpoint.duplicates()}`, '0', endpoint.duplicates() === 0)
    line('recorded as published', `${recorded}`, `${count}`, recorded === count)
  } finally {
    await torget.close()
    await database.drop()
    await endpoint.close()
  }
}

async function pdsRun(dialect: Dialect, network: BlueskyNetwork) {
  run = `${dialect}, pds`
  // Handles are short: a letter per dialect and the time.
  const account = await network.createAccount(`b${dialect[0]}${Date.now().toString(36).slice(-7)}`)
  const { torget, database } = await startTorget(dialect)
  try {
    const ids = await seedLibrary(torget)
    const manage = await authorize(
      torget.services.store.repos,
      ids.userId,
      ids.libraryId,
      'channels.manage',
    )
    const channel = await torget.services.channels.connect(manage, 'bluesky', {
      identifier: account.handle,
      appPassword: account.appPassword,
      service: network.pdsUrl,
    })
    const start = Date.now() + 3_000
    const texts = Array.from({ length: PDS_COUNT }, (_, i) => `Riktig PDS ${i + 1} av ${PDS_COUNT}`)
    const dueOf = await seedPublications(
      torget,
      { ...ids, channelId: channel.id },
      texts.map((_, i) => Math.floor(start + (i * 20_000) / PDS_COUNT)),
      (i) => texts[i]!,
    )
    await torget.startWorker()
    const lastDue = Math.max(...dueOf.values())
    const deadline = lastDue + 120_000
    let recorded = 0
    while (recorded < PDS_COUNT && Date.now() < deadline) {
      await sleep(250)
      recorded = await publishedCount(torget, ids.libraryId)
    }
    const rows = await torget.database.db
      .selectFrom('publications')
      .select(['id', 'published_at'])
      .where('library_id', '=', ids.libraryId)
      .where('state', '=', 'published')
      .execute()
    const handedOver = rows.map((r) => Date.parse(String(r.published_at)))
    const lags = rows.map((r, i) => handedOver[i]! - dueOf.get(r.id)!).sort((a, b) => a - b)
    const onPds: string[] = []
    let cursor: string | undefined
    do {
      const page = await account.agent.com.atproto.repo.listRecords({
        repo: account.did,
        collection: 'app.bsky.feed.post',
        limit: 100,
        cursor,
      })
      onPds.push(...page.data.records.map((r) => String((r.value as { text?: string }).text)))
      cursor = page.data.cursor
    } while (cursor)
    const duplicates = onPds.length - new Set(onPds).size
    const missing = texts.filter((t) => !onPds.includes(t)).length

    console.log(
      `\n${dialect}, pds: ${PDS_COUNT} publications due over 20 s to a real PDS on loopback (@atproto/dev-env)`,
    )
    line('recorded as published', `${recorded}`, `${PDS_COUNT}`, recorded === PDS_COUNT)
    line('lag p50 (due → PDS answered)', `${percentile(lags, 50)} ms`)
    line('lag p99', `${percentile(lags, 99)} ms`)
    line('lag max', `${lags[lags.length - 1] ?? NaN} ms`)
    line('all handed over, after last due', `${Math.max(...handedOver) - lastDue} ms`)
    line('records on the PDS', `${onPds.length}`, `${PDS_COUNT}`, missing === 0)
    line('duplicates', `${duplicates}`, '0', duplicates === 0)
  } finally {
    await torget.close()
    await database.drop()
  }
}

cleanupOnExit()
console.log(
  `Torget publish benchmark — scenarios ${SCENARIOS.join(', ')}. burst, minute and recovery hand over to a loopback stand-in (an HTTP endpoint in this process that answers at once), not a real network; pds hands over to a real PDS on loopback.`,
)
const dialects: Dialect[] = ['sqlite']
if (process.env.BENCH_SQLITE_ONLY) console.log('postgres: skipped (BENCH_SQLITE_ONLY is set)')
else if (await postgresAvailable()) dialects.push('postgres')
else console.log('postgres: not reachable at 127.0.0.1:5432; skipped')
const network = SCENARIOS.includes('pds') ? await startBlueskyNetwork() : undefined
try {
  for (const dialect of dialects)
    for (const scenario of SCENARIOS)
      if (scenario === 'pds') await pdsRun(dialect, network!)
      else await loopbackRun(dialect, scenario)
} finally {
  await network?.close()
}
failIfMissed()
