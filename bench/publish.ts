// 10,000 publications due in the same minute, handed to a loopback HTTP
// endpoint that answers at once. Prints the lag from due time to the
// adapter's call (p50/p99/max), the time until all were handed over, and
// duplicates — on SQLite and, when it answers, PostgreSQL. Targets (2 cores):
// p99 < 1 s, all within 10 s, zero duplicates.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { BLUESKY_LIMITS } from '../core/composer/limits.js'
import type { ChannelAdapter } from '../server/adapters/channels/channel-adapter.js'
import { loadConfig } from '../server/config/config.js'
import type { Dialect } from '../server/db/database.js'
import { createLogger } from '../server/logger.js'
import { newPublicationRow } from '../server/repos/publications-repo.js'
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

async function run(dialect: Dialect) {
  const endpoint = loopbackEndpoint()
  const base = await endpoint.listen()
  const database = await createTestDatabase(dialect)
  const config = loadConfig({
    TORGET_DATA_DIR: database.dataDir,
    ...(database.url && { DATABASE_URL: database.url }),
    LOG_LEVEL: 'error',
    ...(process.env.TORGET_WORKER_CONCURRENCY && {
      TORGET_WORKER_CONCURRENCY: process.env.TORGET_WORKER_CONCURRENCY,
    }),
  })
  const torget = await buildTorget(config, createLogger('error'), {
    adapters: { bluesky: httpAdapter(base) },
  })
  const { store } = torget.services
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
  // Seeding (and queueing a job each) must finish before the due time; PostgreSQL's round trips take longer.
  const leadMs = 15_000 + COUNT * (dialect === 'postgres' ? 12 : 4)
  const dueAt = new Date(Date.now() + leadMs)
  dueAt.setMilliseconds(0)
  const due = dueAt.toISOString()
  const ids: string[] = []
  const seedStart = performance.now()
  for (let batch = 0; batch < COUNT; batch += 500) {
    await store.transaction(async (repos) => {
      for (let i = batch; i < Math.min(COUNT, batch + 500); i++) {
        const postId = newId()
        const id = newId()
        ids.push(id)
        await repos.posts.insert({
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
        await repos.publications.insert(
          newPublicationRow({
            id,
            libraryId,
            postId,
            channelId,
            state: 'pending',
            dueAt: due,
            now,
          }),
        )
      }
    })
  }
  for (const id of ids)
    await torget.queue.send(
      torget.jobs.publish,
      { libraryId, publicationId: id },
      { key: `publish:${id}:${due}`, runAt: dueAt },
    )
  const seedMs = performance.now() - seedStart
  if (Date.now() > dueAt.getTime() - 2000)
    throw new Error(
      `seeding took ${Math.round(seedMs)} ms, longer than the lead time; lower BENCH_PUBLICATIONS`,
    )
  await torget.startWorker()
  const deadline = dueAt.getTime() + 120_000
  while (endpoint.received.size < COUNT && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100))
  const lags = [...endpoint.received.values()].map((t) => t - dueAt.getTime()).sort((a, b) => a - b)
  const last = lags[lags.length - 1] ?? NaN
  await new Promise((r) => setTimeout(r, 1000))
  const published = await store.repos.publications.forPosts(libraryId, [])
  void published
  const line = (label: string, value: string, target: string, ok: boolean) =>
    console.log(
      `  ${label.padEnd(32)} ${value.padStart(10)}   target ${target.padEnd(8)} ${ok ? 'ok' : 'MISSED'}`,
    )
  console.log(
    `\n${dialect}: ${COUNT} publications due at ${due} (seeded in ${Math.round(seedMs)} ms)`,
  )
  line('handed over', `${endpoint.received.size}`, `${COUNT}`, endpoint.received.size === COUNT)
  line('lag p50', `${percentile(lags, 50)} ms`, '', true)
  line('lag p99', `${percentile(lags, 99)} ms`, '< 1000', percentile(lags, 99) < 1000)
  line('lag max', `${last} ms`, '', true)
  line('all handed over after due', `${last} ms`, '< 10000', last < 10_000)
  line('duplicates', `${endpoint.duplicates()}`, '0', endpoint.duplicates() === 0)
  await torget.close()
  await database.drop()
  await endpoint.close()
}

console.log(
  `Torget publish benchmark — ${COUNT} publications due in the same second, loopback adapter`,
)
await run('sqlite')
if (process.env.BENCH_SQLITE_ONLY) console.log('\npostgres: skipped (BENCH_SQLITE_ONLY is set)')
else if (await postgresAvailable()) await run('postgres')
else console.log('\npostgres: not reachable at 127.0.0.1:5432; skipped')
