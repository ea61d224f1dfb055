// The library of `npm run bench -- inbox` (bench/inbox.ts): members, channels, tags and rules,
// two years of inbox loaded in bulk, and floods of interactions as the adapters read them.
import type SQLite from 'better-sqlite3'
import { type InteractionKind, isInboxKind } from '../../core/channels/networks.js'
import { type InboxRuleInput, inboxRuleSchema } from '../../core/inbox/rules.js'
import type { Interaction } from '../../server/adapters/channels/interactions.js'
import type { Db } from '../../server/db/database.js'
import type { ChannelRow } from '../../server/repos/channels-repo.js'
import { newId } from '../../server/security/tokens.js'
import { READ_LIMIT, interactionRow } from '../../server/services/inbox/ingest-service.js'
import { bulkInsert, seedChannels } from './bench-db.js'

const MEMBERS = 20
const AUTHORS = 100_000
const DAY = 86_400_000

// mulberry32: deterministic, so two runs load the same library.
let seed = 7
export function random() {
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

export interface BenchChannel {
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
export function interaction(channel: BenchChannel, createdAt: number): Interaction {
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

export interface Library {
  id: string
  userId: string
  members: string[]
  channels: BenchChannel[]
  tags: { id: string; name: string }[]
}

export async function seedLibrary(db: Db, libraryId: string, userId: string): Promise<Library> {
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
export async function seedItems(
  db: Db,
  raw: SQLite.Database | undefined,
  library: Library,
  count: number,
) {
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
    await bulkInsert(db, raw, {
      interactions,
      inbox_items: items,
      inbox_item_tags: tags,
    })
  }
}

export interface Read {
  channel: BenchChannel
  interactions: Interaction[]
}

/** What the adapters read in the last hour: full reads of READ_LIMIT, the channels in turn. */
export function floodOfReads(library: Library, total: number): Read[] {
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
export function shiftedReads(reads: readonly Read[]): Read[] {
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
