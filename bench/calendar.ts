// The calendar, at the size of a busy library system. Traffic goes to loopback only, bounded in
// time and count; the bench stops by itself.
//
// 1. API: a library holding 100,000 posts spread over three years (two back, one ahead:
//    published and failed behind, scheduled, planned drafts, in review and approved ahead,
//    1,000 undated drafts), seeded straight into a fresh database of each dialect. A separate
//    `torget serve` process answers GET /calendar for the current month's grid (up to six
//    weeks, the request the month view makes, every item of it) under load from autocannon.
//    Target: p99 < 50 ms, on full answers. A row apart shows the same request revalidated
//    with its ETag, as a browser that holds the month asks again (304, no body).
// 2. Browser: a library with 2,000 posts in one month, its month view opened in Chromium.
//    "Interactive" is measured with the page's own performance marks: from `calendar-data`
//    (the answer has arrived and is parsed) to `calendar-interactive` (React has committed the
//    grid, a frame has been painted and the main thread is free for input). Navigation to
//    interactive is shown beside it. Target: data to interactive < 300 ms.
//
// BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (default 8), BENCH_POSTS (default 100000),
// BENCH_PARTS (default sqlite,postgres,browser).
import type { ChildProcess } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { type Insertable, sql } from 'kysely'
import { chromium } from 'playwright-core'
import { BLUESKY_LIMITS } from '../core/composer/limits.js'
import { addDays, utcToZoned } from '../core/time/zoned.js'
import type { Db, Dialect } from '../server/db/database.js'
import type { PostsTable } from '../server/db/schema/posts.js'
import type { PublicationsTable } from '../server/db/schema/publications.js'
import { newId } from '../server/security/tokens.js'
import {
  type TestDatabase,
  createTestDatabase,
  postgresAvailable,
} from '../server/test/databases.js'
import { check, failIfMissed, spawnTracked, stopChild } from './support.js'

const root = path.resolve(import.meta.dirname, '..')
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8)
const POSTS = Number(process.env.BENCH_POSTS ?? 100_000)
const UNPLANNED = 1_000
const MONTH_POSTS = 2_000
const BROWSER_RUNS = 5
const TZ = 'Europe/Stockholm'
const DAY = 86_400_000

const line = (label: string, value: string, target = '', ok?: boolean) =>
  console.log(
    `  ${label.padEnd(40)} ${value.padStart(12)}   ${target ? `target ${target.padEnd(9)}` : ''.padEnd(16)} ${ok === undefined ? '' : check(label, ok)}`,
  )

/** The month grid the month view asks for: whole weeks, Monday first, around the month. */
function monthGrid(anyDay: string) {
  const first = `${anyDay.slice(0, 8)}01`
  const last = addDays(`${addDays(first, 32).slice(0, 8)}01`, -1)
  const weekday = (d: string) => (new Date(`${d}T12:00:00Z`).getUTCDay() + 6) % 7
  return {
    from: addDays(first, -weekday(first)),
    to: addDays(last, 6 - weekday(last)),
    first,
    last,
  }
}

// A deterministic generator, so two runs seed the same library.
// mulberry32: small, and even enough that every day gets its share.
let seed = 42
function random() {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
}
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!

const TEXTS = [
  'Sagostund på lördag kl. 11 för barn 3–6 år. Välkomna till barnavdelningen! #Sagostund',
  'Veckans boktips: en roman om en familj i Norrland, om tystnad och om att hitta hem igen. Finns att låna nu.',
  'Läxhjälp varje onsdag 15–17 i studierummet. Ingen anmälan, bara att komma. Ta med det du jobbar med!',
  'Författarsamtal i kväll kl. 18 i hörsalen: om att skriva för unga läsare. Fri entré, begränsat antal platser.',
  'Biblioteket har stängt på fredag på grund av personalutbildning. Lämna tillbaka böcker i inkastet vid entrén.',
  'Digital hjälp: vi visar hur du laddar ner e-böcker och ljudböcker till mobilen. Tisdagar kl. 10–12.',
] as const
const TAGS = ['Sagostund', 'Boktips', 'Läxhjälp', 'Evenemang', 'Öppettider', 'Digitalt'] as const

async function seedPosts(
  db: Db,
  libraryId: string,
  authorId: string,
  channelIds: string[],
  count: number,
  window: { from: number; to: number },
  undated: number,
) {
  const now = Date.now()
  const stamp = new Date(now).toISOString()
  const total = count + undated
  for (let batch = 0; batch < total; batch += 500) {
    const posts: Insertable<PostsTable>[] = []
    const publications: PublicationsTable[] = []
    for (let i = batch; i < Math.min(total, batch + 500); i++) {
      const id = newId()
      const dated = i < count
      const at = dated ? window.from + random() * (window.to - window.from) : now
      // Office hours in Stockholm, minute precision, like real plans.
      const day = Math.floor(at / DAY) * DAY
      const when = new Date(
        day + (6 + Math.floor(random() * 12)) * 3_600_000 + Math.floor(random() * 60) * 60_000,
      )
      const iso = when.toISOString()
      const past = when.getTime() < now
      const roll = random()
      const state = !dated
        ? 'draft'
        : past
          ? roll < 0.95
            ? 'published'
            : 'failed'
          : roll < 0.35
            ? 'scheduled'
            : roll < 0.75
              ? 'draft'
              : roll < 0.9
                ? 'in_review'
                : 'approved'
      const scheduled = state === 'published' || state === 'failed' || state === 'scheduled'
      posts.push({
        id,
        library_id: libraryId,
        author_id: authorId,
        text: pick(TEXTS),
        variants: '{}',
        state,
        scheduled_at: scheduled ? iso : null,
        planned_at: dated && !scheduled ? iso : null,
        tags: JSON.stringify([pick(TAGS)]),
        version: 1,
        created_at: stamp,
        updated_at: stamp,
      })
      const channels = channelIds.slice(0, 1 + Math.floor(random() * channelIds.length))
      for (const channelId of channels) {
        const pubState =
          state === 'published'
            ? 'published'
            : state === 'failed'
              ? 'failed'
              : state === 'scheduled'
                ? 'pending'
                : 'draft'
        publications.push({
          id: newId(),
          library_id: libraryId,
          post_id: id,
          channel_id: channelId,
          state: pubState,
          due_at: iso,
          attempts: pubState === 'draft' || pubState === 'pending' ? 0 : 1,
          remote_id: null,
          remote_url: null,
          error_kind: null,
          error_code: null,
          error_message: null,
          attempt_started_at: null,
          published_at:
            pubState === 'published'
              ? new Date(when.getTime() + Math.floor(random() * 90_000)).toISOString()
              : null,
          retrying_since: null,
          first_attempt_at: null,
          updated_at: stamp,
        })
      }
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('posts').values(posts).execute()
      await trx.insertInto('publications').values(publications).execute()
    })
  }
}

async function seedChannels(db: Db, libraryId: string, userId: string): Promise<string[]> {
  const now = new Date().toISOString()
  const ids: string[] = []
  for (const [network, handle] of [
    ['bluesky', 'stadsbiblioteket.bsky.social'],
    ['mastodon', 'stadsbiblioteket@mastodon.nu'],
    ['bluesky', 'barnbiblioteket.bsky.social'],
  ] as const) {
    const id = newId()
    ids.push(id)
    await db
      .insertInto('channels')
      .values({
        id,
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
      })
      .execute()
  }
  return ids
}

/** First-time setup asks for a one-time code; automation sets it (TORGET_SETUP_CODE). */
const BENCH_SETUP_CODE = 'BENCH-SETUP-CODE'

async function startServer(database: TestDatabase) {
  const port = 3900 + Math.floor(Math.random() * 90)
  const base = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawnTracked(
    process.execPath,
    [path.join(root, 'bin/torget.js'), 'serve'],
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
    if (performance.now() - started > 30_000) throw new Error('server did not become ready in 30 s')
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
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status}`)
  const body = (await setup.json()) as {
    user: { id: string }
    csrfToken: string
    memberships: { libraryId: string }[]
  }
  return {
    base,
    cookie: setup.headers.get('set-cookie')!.split(';')[0]!,
    csrfToken: body.csrfToken,
    userId: body.user.id,
    libraryId: body.memberships[0]!.libraryId,
    stop: () => stopChild(child),
  }
}

async function apiBench(dialect: Dialect) {
  const database = await createTestDatabase(dialect)
  const server = await startServer(database)
  try {
    const channels = await seedChannels(database.db, server.libraryId, server.userId)
    const now = Date.now()
    const seedStart = performance.now()
    await seedPosts(
      database.db,
      server.libraryId,
      server.userId,
      channels,
      POSTS - UNPLANNED,
      { from: now - 730 * DAY, to: now + 365 * DAY },
      UNPLANNED,
    )
    // A library that grew to this size over three years has planner statistics (autovacuum,
    // SQLite's optimize pragma), and SQLite's write-ahead log has long been copied into the
    // database and started afresh; a bulk load this minute has neither until asked. (Left in
    // the log, the load's last 20 MB make the server look every page up there first: the
    // month view took twice as long.)
    if (dialect === 'postgres') {
      await sql`vacuum analyze posts`.execute(database.db)
      await sql`vacuum analyze publications`.execute(database.db)
    } else {
      await sql`analyze`.execute(database.db)
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db)
    }
    const seedMs = performance.now() - seedStart
    const grid = monthGrid(utcToZoned(new Date(), TZ).date)
    const all = `${server.base}/api/v1/libraries/${server.libraryId}/calendar?from=${grid.from}&to=${grid.to}`
    // What the month view asks: three posts a day and every day's count.
    const url = `${all}&perDay=3`
    const headers = { cookie: server.cookie }
    const sample = (await (await fetch(url, { headers })).json()) as {
      items: unknown[]
      counts: Record<string, number>
      unplanned: { total: number }
    }
    const inGrid = Object.values(sample.counts).reduce((a, b) => a + b, 0)
    const bytes = (await (await fetch(url, { headers })).arrayBuffer()).byteLength
    const whole = await autocannon({
      url: all,
      connections: 1,
      duration: Math.min(5, DURATION_S),
      headers,
    })
    await autocannon({ url, connections: CONNECTIONS, duration: 2, headers }) // warm-up
    const single = await autocannon({
      url,
      connections: 1,
      duration: Math.min(5, DURATION_S),
      headers,
    })
    const loaded = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers,
    })
    // A browser that holds this month asks with its tag and gets 304 without a body. The load
    // generator above sends no tag, so the target is judged on full answers; this is apart.
    const tag = (await fetch(url, { headers })).headers.get('etag') ?? ''
    const revalidated = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: Math.min(5, DURATION_S),
      headers: { ...headers, 'if-none-match': tag },
    })
    console.log(
      `\n${dialect}: ${POSTS.toLocaleString('en')} posts (seeded in ${(seedMs / 1000).toFixed(1)} s); month grid ${grid.from}…${grid.to} holds ${inGrid} posts; GET /calendar?perDay=3 → ${sample.items.length} items, counts for every day, ${sample.unplanned.total} undated (first 30 sent), ${(bytes / 1024).toFixed(0)} KB`,
    )
    line(
      `every post of the grid (list view): p50 / p99`,
      `${whole.latency.p50} / ${whole.latency.p99} ms`,
    )
    line('month view, 1 connection: p50 / p99', `${single.latency.p50} / ${single.latency.p99} ms`)
    line(`month view, ${CONNECTIONS} connections: req/s`, loaded.requests.average.toFixed(0))
    line(`month view, ${CONNECTIONS} connections: p50`, `${loaded.latency.p50} ms`)
    line(
      `month view, ${CONNECTIONS} connections: p99`,
      `${loaded.latency.p99} ms`,
      '< 50 ms',
      loaded.latency.p99 < 50,
    )
    line(
      `revalidated, 304, ${CONNECTIONS} conn.: req/s; p99`,
      `${revalidated.requests.average.toFixed(0)}; ${revalidated.latency.p99} ms`,
      'all 304',
      revalidated.errors === 0 && revalidated['3xx'] === revalidated.requests.total,
    )
    line(
      'errors / non-2xx',
      `${loaded.errors + single.errors + whole.errors} / ${loaded.non2xx + single.non2xx + whole.non2xx}`,
      '0 / 0',
      loaded.errors +
        loaded.non2xx +
        single.errors +
        single.non2xx +
        whole.errors +
        whole.non2xx ===
        0,
    )
  } finally {
    await server.stop()
    await database.drop()
  }
}

async function browserBench() {
  const database = await createTestDatabase('sqlite')
  const server = await startServer(database)
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  try {
    const channels = await seedChannels(database.db, server.libraryId, server.userId)
    const grid = monthGrid(addDays(utcToZoned(new Date(), TZ).date, 40))
    const from = Date.parse(`${grid.first}T00:00:00+01:00`)
    const to = Date.parse(`${grid.last}T20:00:00+01:00`)
    await seedPosts(
      database.db,
      server.libraryId,
      server.userId,
      channels,
      MONTH_POSTS,
      { from, to },
      50,
    )
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const [name, value] = server.cookie.split('=') as [string, string]
    await context.addCookies([{ name, value, url: server.base }])
    const page = await context.newPage()
    const address = `${server.base}/bibliotek/${server.libraryId}/planering?datum=${grid.first}`
    const runs: { dataToInteractive: number; navigationToInteractive: number }[] = []
    for (let run = 0; run < BROWSER_RUNS; run++) {
      await (run === 0 ? page.goto(address) : page.reload())
      await page.waitForFunction(
        () => performance.getEntriesByName('calendar-interactive').length > 0,
        null,
        {
          timeout: 30_000,
        },
      )
      runs.push(
        await page.evaluate(() => {
          const data = performance.getEntriesByName('calendar-data')[0]!.startTime
          const interactive = performance.getEntriesByName('calendar-interactive')[0]!.startTime
          return { dataToInteractive: interactive - data, navigationToInteractive: interactive }
        }),
      )
    }
    const entries = await page.locator('.cal-grid .cal-entry').count()
    const more = await page.locator('.cal-grid .cal-more').count()
    // Responsive: the first "+N till" opens its popover, timed from the click to the popover shown.
    const openStart = Date.now()
    await page.locator('.cal-grid .cal-more').first().click()
    await page.locator('.cal-popover').waitFor({ state: 'visible' })
    const openMs = Date.now() - openStart
    if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT })
    const sorted = (key: keyof (typeof runs)[number]) =>
      runs.map((r) => r[key]).sort((a, b) => a - b)
    const median = (list: number[]) => list[Math.floor(list.length / 2)]!
    const d2i = sorted('dataToInteractive')
    const n2i = sorted('navigationToInteractive')
    console.log(
      `\nChromium: month view of ${grid.first.slice(0, 7)} with ${MONTH_POSTS.toLocaleString('en')} posts (${entries} entries drawn, ${more} "+N till"), ${BROWSER_RUNS} loads`,
    )
    line(
      'data → interactive: median / max',
      `${median(d2i).toFixed(0)} / ${d2i.at(-1)!.toFixed(0)} ms`,
      '< 300 ms',
      d2i.at(-1)! < 300,
    )
    line(
      'navigation → interactive: median / max',
      `${median(n2i).toFixed(0)} / ${n2i.at(-1)!.toFixed(0)} ms`,
    )
    line('click "+N till" → popover shown', `${openMs} ms`)
  } finally {
    await browser.close()
    await server.stop()
    await database.drop()
  }
}

console.log(
  `Torget calendar benchmark — ${os.cpus().length} cores, ${CONNECTIONS} connections for ${DURATION_S} s per dialect`,
)
const PARTS = (process.env.BENCH_PARTS ?? 'sqlite,postgres,browser').split(',')
if (PARTS.includes('sqlite')) await apiBench('sqlite')
if (PARTS.includes('postgres')) {
  if (await postgresAvailable()) await apiBench('postgres')
  else console.log('\npostgres: skipped (no server at TORGET_TEST_PG_URL)')
}
if (PARTS.includes('browser')) await browserBench()
failIfMissed()
