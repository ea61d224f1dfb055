// 10,000 publications due in the same minute, handed to a loopback HTTP
// endpoint that answers at once. Prints the lag from each one's due time to
// the adapter's call (p50/p99/max), the time until all were handed over, and
// duplicates — on SQLite and, when it answers, PostgreSQL. Targets (2 cores):
// p99 < 1 s, all within 10 s, zero duplicates.
//
// Two shapes of "the same minute": `minute` spreads the due times evenly over
// one minute (p99 and the last one's lag are the targets), `burst` makes all
// of them due in the same second, the worst case (all handed over within
// 10 s is the target; p99 then only says how long the queue took).
// BENCH_SCENARIOS=burst,minute and BENCH_PUBLICATIONS=10000 choose.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { BLUESKY_LIMITS } from '../core/composer/limits.js'
import type { ChannelAdapter } from '../server/adapters/channels/channel-adapter.js'
import { loadConfig } from '../server/config/config.js'
import type { Dialect } from '../server/db/database.js'
import { createLogger } from '../server/logger.js'
import { type PublicationRow, newPublicationRow } from '../server/repos/publications-repo.js'
import type { PostsTable } from '../server/db/schema/posts.js'
import type { Insertable } from 'kysely'
import { newId } from '../server/security/tokens.js'
import { createTestDatabase, postgresAvailable } from '../server/test/databases.js'
import { buildTorget } from '../server/wiring.js'

const COUNT = Number(process.env.BENCH_PUBLICATIONS ?? 10_000)

function loopbackEndpoint() {
  const received = new Map<string, number>()
  let duplicates = 0
  const server = http.createServer((req, res) => {
    const id = req.url!.slice(1)
    if (received.has(id)) duplicates++
    else received.set(id, Date.now())
    res.end(JSON.stringify({ id }))
  })
  server.keepAliveTimeout = 60_000
  return {
    received,
    duplicates: () => duplicates,
    listen: () =>
      new Promise<string>((r) =>
        server.listen(0, '127.0.0.1', () =>
          r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

function httpAdapter(base: string): ChannelAdapter {
  const account = {
    remoteId: 'did:bench',
    handle: 'bench.test',
    displayName: 'Bench',
    profileUrl: 'https://bench.test',
  }
  return {
    network: 'bluesky',
    connect: async () => ({ account, credentials: { token: 'x' }, limits: BLUESKY_LIMITS }),
    verify: async () => ({ account, limits: BLUESKY_LIMITS }),
    async publish(_c, post) {
      const res = await fetch(`${base}/${post.publicationId}`, { method: 'POST', body: post.text })
      return { remoteId: (await res.json()).id, url: `${base}/${post.publicationId}` }
    },
    lookup: async () => undefined,
    delete: async () => {},
  }
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

type Scenario = 'burst' | 'minute'
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'burst,minute')
  .split(',')
  .map((s) => s.trim()) as Scenario[]

async function run(dialect: Dialect, scenario: Scenario) {
  const endpoint = loopbackEndpoint()
  const base = await endpoint.listen()
  const database = await createTestDatabase(dialect)
  const config = loadConfig({
    TORGET_DATA_DIR: database.dataDir,
    ...(database.url && { DATABASE_URL: database.url }),
    LOG_LEVEL: 'error',
    ...(process.env.TORGET_PUBLISH_CONCURRENCY && {
      TORGET_PUBLISH_CONCURRENCY: process.env.TORGET_PUBLISH_CONCURRENCY,
    }),
  })
  const torget = await buildTorget(config, createLogger('error'), {
    adapters: { bluesky: httpAdapter(base) },
  })
  const { store } = torget.services
  const db = torget.database.db
  const now = new Date().toISOString()
  const libraryId = newId()
  const userId = newId()
  const channelId = newId()
  await store.repos.users.insert({
    id: userId,
    email: 'bench@bench.test',
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
  await store.repos.channels.insert({
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
  // The worker starts only after seeding, which must end before the first due time.
  const start = Date.now() + 5_000 + COUNT * (dialect === 'postgres' ? 1 : 0.5)
  const spreadMs = scenario === 'minute' ? 60_000 : 0
  const dueOf = new Map<string, number>()
  const seedStart = performance.now()
  for (let batch = 0; batch < COUNT; batch += 500) {
    const posts: Insertable<PostsTable>[] = []
    const publications: PublicationRow[] = []
    for (let i = batch; i < Math.min(COUNT, batch + 500); i++) {
      const dueMs = Math.floor(start + (i * spreadMs) / COUNT)
      const due = new Date(dueMs).toISOString()
      const postId = newId()
      const id = newId()
      dueOf.set(id, dueMs)
      posts.push({
        id: postId,
        library_id: libraryId,
        author_id: userId,
        text: `Inlägg ${i}`,
        variants: '{}',
        state: 'scheduled',
        scheduled_at: due,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      publications.push(
        newPublicationRow({ id, libraryId, postId, channelId, state: 'pending', dueAt: due, now }),
      )
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('posts').values(posts).execute()
      await trx.insertInto('publications').values(publications).execute()
    })
  }
  const seedMs = performance.now() - seedStart
  if (Date.now() > start - 1000)
    throw new Error(
      `seeding took ${Math.round(seedMs)} ms, longer than the lead time; lower BENCH_PUBLICATIONS`,
    )
  await torget.startWorker()
  const lastDue = Math.max(...dueOf.values())
  const deadline = lastDue + 120_000
  while (endpoint.received.size < COUNT && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50))
  const lags = [...endpoint.received].map(([id, t]) => t - dueOf.get(id)!).sort((a, b) => a - b)
  const handedOverAfterLastDue = Math.max(...endpoint.received.values()) - lastDue
  // Outcomes are written in batches just after the calls; give the last batch a moment.
  let recorded = 0
  for (let i = 0; i < 100 && recorded < COUNT; i++) {
    await new Promise((r) => setTimeout(r, 100))
    const row = await db
      .selectFrom('publications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('library_id', '=', libraryId)
      .where('state', '=', 'published')
      .executeTakeFirstOrThrow()
    recorded = Number(row.n)
  }
  const line = (label: string, value: string, target = '', ok?: boolean) =>
    console.log(
      `  ${label.padEnd(34)} ${value.padStart(10)}   ${target ? `target ${target.padEnd(8)}` : ''.padEnd(15)} ${ok === undefined ? '' : ok ? 'ok' : 'MISSED'}`,
    )
  console.log(
    `\n${dialect}, ${scenario}: ${COUNT} publications due ${scenario === 'minute' ? 'spread over one minute' : 'in the same second'} (seeded in ${Math.round(seedMs)} ms, ${config.publishConcurrency} in flight at once)`,
  )
  line('handed over', `${endpoint.received.size}`, `${COUNT}`, endpoint.received.size === COUNT)
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
    `${handedOverAfterLastDue} ms`,
    '< 10000',
    endpoint.received.size === COUNT && handedOverAfterLastDue < 10_000,
  )
  if (scenario === 'burst')
    line('throughput', `${Math.round(COUNT / Math.max(0.001, handedOverAfterLastDue / 1000))}/s`)
  line('duplicates', `${endpoint.duplicates()}`, '0', endpoint.duplicates() === 0)
  line('recorded as published', `${recorded}`, `${COUNT}`, recorded === COUNT)
  await torget.close()
  await database.drop()
  await endpoint.close()
}

console.log(`Torget publish benchmark — ${COUNT} publications, loopback adapter`)
const dialects: Dialect[] = ['sqlite']
if (process.env.BENCH_SQLITE_ONLY) console.log('postgres: skipped (BENCH_SQLITE_ONLY is set)')
else if (await postgresAvailable()) dialects.push('postgres')
else console.log('postgres: not reachable at 127.0.0.1:5432; skipped')
for (const dialect of dialects) for (const scenario of SCENARIOS) await run(dialect, scenario)
