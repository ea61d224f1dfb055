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
import autocannon from 'autocannon'
import SQLite from 'better-sqlite3'
let RAW: SQLite.Database | undefined
import { sql } from 'kysely'
import { type InboxRuleInput, inboxRuleSchema } from '../core/inbox/rules.js'
import { type InteractionKind, isInboxKind } from '../core/channels/networks.js'
import type { Interaction } from '../server/adapters/channels/interactions.js'
import type { Db, Dialect } from '../server/db/database.js'
import { createLogger } from '../server/logger.js'
import type { ChannelRow } from '../server/repos/channels-repo.js'
import { createStore } from '../server/repos/index.js'
import { derivedSecretBox } from '../server/security/secret-box.js'
import { newId } from '../server/security/tokens.js'
import { inboxRules } from '../server/services/inbox/inbox-rules.js'
import {
  READ_LIMIT,
  ingestService,
  interactionRow,
} from '../server/services/inbox/ingest-service.js'
import { createTestDatabase, postgresAvailable } from '../server/test/databases.js'
import { analyze, bulkInsert, dropIndexes, seedChannels, startServer } from './lib/bench-db.js'
import { check, failIfMissed } from './support.js'

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8)
const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000)
const INGEST = Number(process.env.BENCH_INGEST ?? 100_000)
const MEMBERS = 20
const AUTHORS = 100_000
const DAY = 86_400_000

const line = (label: string, value: string, target = '', ok?: boolean) =>
  console.log(
    `  ${label.padEnd(40)} ${value.padStart(14)}   ${target ? `target ${target.padEnd(9)}` : ''.padEnd(16)} ${ok === undefined ? '' : check(label, ok)}`,
  )

// mulberry32: deterministic, so two runs load the same library.
let seed = 7
function random() {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
}
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!

const REPLIES = [
  'Har ni öppet på söndag?',
  'Tack för tipset, den var fantastisk!',
  'Varför är självbetjäningen stängd igen? Tredje gången den här veckan.',
  'Kan man reservera den här boken någonstans?',
  'Min son älskade sagostunden, tack!',
  'Hur lånar man e-böcker i appen? Jag hittar inte inloggningen.',
  'Vilka öppettider gäller under sommaren?',
  'Bästa biblioteket i stan ❤️',
  '👏👏👏',
  'Får man ta med fika till läxhjälpen?',
  'Jag har fått en påminnelse för en bok jag redan lämnat tillbaka, vem kan jag prata med?',
  'Ni borde köpa in fler ljudböcker på arabiska och somaliska.',
  'Sjukt dålig service i informationsdisken idag, ingen brydde sig.',
  'Finns det platser kvar till författarkvällen?',
  'Grymt initiativ!',
  'Var kan jag läsa mer om evenemanget?',
] as const
const FIRST = ['Anna', 'Erik', 'Fatima', 'Johan', 'Maria', 'Ahmed', 'Sara', 'Lars', 'Elin', 'Omar']
const LAST = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Hassan', 'Lindqvist', 'Berg']
const KINDS: readonly [InteractionKind, number][] = [
  ['like', 0.45],
  ['repost', 0.12],
  ['follow', 0.05],
  ['reply', 0.25],
  ['mention', 0.08],
  ['quote', 0.05],
]
function pickKind(): InteractionKind {
  let r = random()
  for (const [kind, share] of KINDS) if ((r -= share) < 0) return kind
  return 'like'
}

interface BenchChannel {
  row: ChannelRow
  posts: string[]
}

/** Someone who answers libraries; a few write often, most once or twice (skewed draw). */
function author(channel: BenchChannel) {
  const n = Math.floor(AUTHORS * random() ** 1.5)
  const name = `${FIRST[n % FIRST.length]} ${LAST[n % LAST.length]}`
  if (channel.row.network === 'bluesky') {
    const handle = `läsare${n}.bsky.social`.replace('ä', 'a')
    return {
      remoteId: `did:plc:bench${n.toString(36).padStart(8, '0')}`,
      handle,
      displayName: name,
      profileUrl: `https://bsky.app/profile/${handle}`,
      ...(n % 3 !== 0 && { avatarUrl: `https://cdn.bsky.app/img/avatar/plain/${n}.jpg` }),
    }
  }
  return {
    remoteId: String(100_000 + n),
    handle: `lasare${n}@mastodon.nu`,
    displayName: name,
    profileUrl: `https://mastodon.nu/@lasare${n}`,
  }
}

let serial = 0
/** One interaction as an adapter reads it. */
function interaction(channel: BenchChannel, createdAt: number): Interaction {
  const kind = pickKind()
  const who = author(channel)
  const n = (serial++).toString(36)
  // People answer what the library posted lately: the subject is one of the posts of the days before.
  const age = Math.max(0, Date.now() - createdAt)
  const newest = Math.floor((channel.posts.length - 1) * (1 - Math.min(1, age / (730 * DAY))))
  const subject = channel.posts[Math.max(0, newest - Math.floor(20 * random() * random()))]!
  const bluesky = channel.row.network === 'bluesky'
  const remoteId = bluesky
    ? `at://${who.remoteId}/app.bsky.${kind === 'follow' ? 'graph.follow' : kind === 'like' ? 'feed.like' : kind === 'repost' ? 'feed.repost' : 'feed.post'}/3k${n}`
    : `9${n}`
  const inbox = isInboxKind(kind)
  return {
    kind,
    remoteId,
    author: who,
    text: inbox ? `${kind === 'mention' ? '@stadsbiblioteket ' : ''}${pick(REPLIES)}` : '',
    url: inbox
      ? bluesky
        ? `https://bsky.app/profile/${who.handle}/post/3k${n}`
        : `https://mastodon.nu/@x/${n}`
      : '',
    createdAt: new Date(createdAt).toISOString(),
    ...(kind !== 'follow' && { subjectRemoteId: subject }),
    ...(kind === 'reply' && { parentRemoteId: subject, rootRemoteId: subject }),
    ...(inbox && {
      replyTarget: bluesky
        ? { uri: remoteId, cid: `bafyrei${n}`, rootUri: subject, rootCid: `bafyreiroot${n}` }
        : { statusId: remoteId },
    }),
  }
}

const LOADED = ['interactions', 'inbox_items', 'inbox_item_tags']
const ANALYZED = [...LOADED, 'inbox_activity']

interface Library {
  id: string
  userId: string
  members: string[]
  channels: BenchChannel[]
  tags: { id: string; name: string }[]
}

async function seedLibrary(db: Db, libraryId: string, userId: string): Promise<Library> {
  const now = new Date().toISOString()
  const members = [userId]
  for (let i = 1; i < MEMBERS; i++) {
    const id = newId()
    members.push(id)
    await db
      .insertInto('users')
      .values({
        id,
        email: `medarbetare${i}@bibliotek.test`,
        name: `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`,
        password_hash: 'not-used',
        locale: 'sv',
        is_instance_admin: 0,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await db
      .insertInto('memberships')
      .values({
        library_id: libraryId,
        user_id: id,
        role: i < 4 ? 'editor' : 'responder',
        created_at: now,
      })
      .execute()
  }
  // The library's own posts people answer: a few hundred per channel over two years.
  const channels: BenchChannel[] = (await seedChannels(db, libraryId, userId, now)).map((row) => ({
    row,
    posts: Array.from({ length: 300 }, (_, i) =>
      row.network === 'bluesky'
        ? `at://${row.account_remote_id}/app.bsky.feed.post/3l${i}`
        : `11${i}`,
    ),
  }))
  // Every library starts with the default tags (migration 016); this one made a few of its own.
  for (const [i, name] of ['Evenemang', 'E-böcker', 'Lokaler'].entries())
    await db
      .insertInto('inbox_tags')
      .values({
        id: newId(),
        library_id: libraryId,
        name,
        name_key: name.toLowerCase(),
        position: 10 + i,
        created_at: now,
      })
      .execute()
  const tags = await db
    .selectFrom('inbox_tags')
    .select(['id', 'name'])
    .where('library_id', '=', libraryId)
    .orderBy('position')
    .execute()
  const tag = (name: string) => tags.find((t) => t.name === name)!.id
  const rules: InboxRuleInput[] = [
    {
      name: 'Frågor om öppettider',
      conditions: [{ type: 'words', phrases: ['öppettider', 'öppet'] }],
      actions: [
        { type: 'tag', tagId: tag('fråga') },
        { type: 'assign', memberId: members[1]! },
      ],
    },
    {
      name: 'Barnbiblioteket',
      conditions: [{ type: 'channel', channelIds: [channels[2]!.row.id] }],
      actions: [{ type: 'assign', memberId: members[2]! }],
    },
    {
      name: 'Beröm',
      conditions: [{ type: 'words', phrases: ['tack', 'älskade', 'bästa', 'grymt'] }],
      actions: [{ type: 'tag', tagId: tag('beröm') }],
    },
    {
      name: 'Klagomål till Ansvarig',
      conditions: [{ type: 'words', phrases: ['dålig service', 'stängd igen'] }],
      actions: [{ type: 'tag', tagId: tag('klagomål') }, { type: 'flag' }],
    },
    {
      name: 'Bara emoji',
      conditions: [{ type: 'only_emoji' }],
      actions: [{ type: 'mark_done' }],
    },
  ]
  for (const [i, rule] of rules.entries()) {
    const id = newId()
    inboxRuleSchema.parse({ id, enabled: true, ...rule })
    await db
      .insertInto('inbox_rules')
      .values({
        id,
        library_id: libraryId,
        position: i + 1,
        definition: JSON.stringify({ enabled: true, ...rule }),
        updated_by: userId,
        updated_at: now,
      })
      .execute()
  }
  return { id: libraryId, userId, members, channels, tags }
}

/**
 * Two years of inbox in bulk: most items done, those of the last month often still open,
 * a few old ones forgotten; about a third tagged.
 */
async function seedItems(db: Db, dialect: Dialect, library: Library, count: number) {
  const now = Date.now()
  const CHUNK = 10_000
  for (let start = 0; start < count; start += CHUNK) {
    const interactions: object[] = []
    const items: object[] = []
    const tags: object[] = []
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const channel = pick(library.channels)
      // In the order they arrived, as ingest wrote them.
      const received = now - 730 * DAY * (1 - (i + random()) / count)
      let x: Interaction
      do x = interaction(channel, received - 60_000 * random())
      while (!isInboxKind(x.kind))
      const receivedAt = new Date(received).toISOString()
      const row = interactionRow(channel.row, x, new Date(received).toISOString(), received)
      interactions.push(row)
      const recent = now - received < 30 * DAY
      const roll = random()
      const state = (recent ? roll < 0.6 : roll < 0.995)
        ? 'done'
        : pick(['new', 'new', 'assigned', 'answered'] as const)
      const assignee =
        state === 'new' ? null : state === 'done' && random() < 0.5 ? null : pick(library.members)
      const answered = state === 'answered' || (state === 'done' && random() < 0.7)
      const at = (ms: number) => new Date(received + ms).toISOString()
      items.push({
        id: row.id,
        library_id: library.id,
        channel_id: channel.row.id,
        kind: x.kind,
        state,
        assignee_id: assignee,
        flagged: random() < 0.01 ? 1 : 0,
        has_question: x.text.includes('?') ? 1 : 0,
        author_remote_id: x.author.remoteId,
        search_text: `${x.text}\n${x.author.handle}\n${x.author.displayName}`.toLowerCase(),
        received_at: receivedAt,
        due_at: at(DAY),
        first_response_at: answered ? at(3_600_000 * 8 * random()) : null,
        first_responder_id: answered ? pick(library.members) : null,
        closed_at: state === 'done' ? at(3_600_000 * 24 * random()) : null,
        moderated_at: null,
        version: state === 'new' ? 1 : 2 + Math.floor(random() * 3),
        updated_at: receivedAt,
      })
      const tagRoll = random()
      if (tagRoll < 0.35) {
        const first = pick(library.tags)
        tags.push({ item_id: row.id, tag_id: first.id, library_id: library.id })
        const second = pick(library.tags)
        if (tagRoll < 0.05 && second.id !== first.id)
          tags.push({ item_id: row.id, tag_id: second.id, library_id: library.id })
      }
    }
    await bulkInsert(db, dialect === 'sqlite' ? RAW : undefined, {
      interactions,
      inbox_items: items,
      inbox_item_tags: tags,
    })
  }
}

interface Read {
  channel: BenchChannel
  interactions: Interaction[]
}

/** What the adapters read in the last hour: full reads of READ_LIMIT, the channels in turn. */
function floodOfReads(library: Library, total: number): Read[] {
  const now = Date.now()
  const reads: Read[] = []
  for (let start = 0; start < total; start += READ_LIMIT) {
    const channel = library.channels[reads.length % library.channels.length]!
    const size = Math.min(READ_LIMIT, total - start)
    reads.push({
      channel,
      interactions: Array.from({ length: size }, () =>
        interaction(channel, now - 3_600_000 * random()),
      ),
    })
  }
  return reads
}

/** The same interactions read again with each read's edges moved by half a read, per channel. */
function shiftedReads(reads: readonly Read[]): Read[] {
  const out: Read[] = []
  for (const channel of new Set(reads.map((r) => r.channel))) {
    const all = reads.filter((r) => r.channel === channel).flatMap((r) => r.interactions)
    const edges = [0]
    for (let edge = READ_LIMIT / 2; edge < all.length; edge += READ_LIMIT) edges.push(edge)
    edges.push(all.length)
    for (let i = 0; i + 1 < edges.length; i++)
      out.push({ channel, interactions: all.slice(edges[i], edges[i + 1]) })
  }
  return out
}

async function ingest(db: Db, reads: readonly Read[]) {
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
  batchMs.sort((a, b) => a - b)
  return {
    seconds,
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
  const server = await startServer(database)
  try {
    // A bulk load of a million rows wants more than SQLite's default 2 MB page cache.
    if (dialect === 'sqlite') {
      RAW = new SQLite(database.sqlitePath)
      RAW.pragma('cache_size = -262144')
      RAW.pragma('synchronous = NORMAL')
    }
    const library = await seedLibrary(db, server.libraryId, server.userId)
    const reads = floodOfReads(library, INGEST)
    const all = reads.flatMap((r) => r.interactions)
    const unique = new Set(all.map((x) => `${x.kind}\u0000${x.remoteId}`)).size
    const uniqueItems = new Set(all.filter((x) => isInboxKind(x.kind)).map((x) => x.remoteId)).size
    const seeded = Math.max(0, ITEMS - uniqueItems)
    const seedStart = performance.now()
    const indexes = await dropIndexes(db, dialect, LOADED)
    await seedItems(db, dialect, library, seeded)
    for (const index of indexes) await sql.raw(index).execute(db)
    await analyze(db, dialect, ANALYZED)
    const seedS = (performance.now() - seedStart) / 1000

    const before = await counts(db, library.id)
    const first = await ingest(db, reads)
    const afterFirst = await counts(db, library.id)
    const again = await ingest(db, reads)
    const shifted = await ingest(db, shiftedReads(reads))
    const after = await counts(db, library.id)
    const duplicates =
      after.interactions - before.interactions - unique + (after.items - before.items - uniqueItems)

    console.log(
      `\n${dialect}: ${seeded.toLocaleString('en')} inbox items loaded in bulk in ${seedS.toFixed(1)} s; ${INGEST.toLocaleString('en')} interactions in ${reads.length} reads of ${READ_LIMIT} (${uniqueItems.toLocaleString('en')} become items; ${afterFirst.tags - before.tags} tags, ${afterFirst.activity - before.activity} rule actions)`,
    )
    const rate = first.fresh / first.seconds
    line('ingest rate', `${Math.round(rate).toLocaleString('en')}/s`, '≥ 50,000/s', rate >= 50_000)
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
    await listBench(server, library, after.items)
  } finally {
    await server.stop()
    if (process.env.BENCH_KEEP) console.log(`kept ${database.sqlitePath} ${database.url ?? ''}`)
    else await database.drop()
  }
}

async function listBench(
  server: Awaited<ReturnType<typeof startServer>>,
  library: Library,
  total: number,
) {
  const base = `/api/v1/libraries/${library.id}/inbox/items`
  const headers = { cookie: server.cookie }
  const [ch0, ch1, ch2] = library.channels.map((c) => c.row.id)
  const tag = library.tags.find((t) => t.name === 'fråga')!.id
  const filters = [
    'state=open',
    `state=open&channel=${ch0}`,
    'assignee=me',
    `tag=${tag}`,
    `channel=${ch2}`,
    `state=new&channel=${ch1}`,
  ]
  // The socket setup used sat idle through the load and the ingest; the server may have closed it.
  const first = await fetch(`${server.base}${base}?state=open`, { headers }).catch(() =>
    fetch(`${server.base}${base}?state=open`, { headers }),
  )
  if (first.status !== 200) {
    console.log(`  GET ${base} → ${first.status}`)
    line('inbox list p99', 'no route', '< 50 ms', false)
    return
  }
  const page = (await first.json()) as {
    items: unknown[]
    nextCursor: string | null
    counts: Record<string, number>
  }
  if (page.nextCursor) filters.push(`state=open&cursor=${page.nextCursor}`)
  // One request at a time first: what each filter costs on its own.
  const single: string[] = []
  let empty = 0
  for (const filter of filters) {
    const times: number[] = []
    let items = 0
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now()
      const res = await fetch(`${server.base}${base}?${filter}`, { headers })
      items = ((await res.json()) as { items: unknown[] }).items.length
      times.push(performance.now() - t0)
    }
    if (items === 0) empty++
    times.sort((a, b) => a - b)
    single.push(
      `${filter.split('=')[0]}${filter.includes('cursor') ? ' p.2' : ''} ${times[10]!.toFixed(1)}`,
    )
  }
  const requests = filters.map((f) => ({ method: 'GET' as const, path: `${base}?${f}` }))
  await autocannon({ url: server.base, requests, connections: CONNECTIONS, duration: 2, headers })
  const loaded = await autocannon({
    url: server.base,
    requests,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers,
  })
  console.log(
    `  ${total.toLocaleString('en')} items; open: ${JSON.stringify(page.counts)}; ${filters.length} filters in turn; one at a time, median ms: ${single.join(', ')}`,
  )
  line(`inbox list, ${CONNECTIONS} connections: req/s`, loaded.requests.average.toFixed(0))
  line(`inbox list, ${CONNECTIONS} connections: p50`, `${loaded.latency.p50} ms`)
  line('inbox list p99', `${loaded.latency.p99} ms`, '< 50 ms', loaded.latency.p99 < 50)
  line(
    'errors / non-2xx / empty pages',
    `${loaded.errors} / ${loaded.non2xx} / ${empty}`,
    '0 / 0 / 0',
    loaded.errors + loaded.non2xx + empty === 0,
  )
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
