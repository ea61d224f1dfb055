// A library's archive at size for `npm run bench -- archive`: channels, received items as the
// network sent them (Swedish, a few words common, most rare), entries built by the archive's
// own appendEntries (a valid chain) and loaded in bulk, and interactions with their
// ingest_events for the capture job to drain.
import type SQLite from 'better-sqlite3'
import { GENESIS_HASH } from '../../core/archive/entry.js'
import type { Interaction } from '../../server/adapters/channels/interactions.js'
import type { Db } from '../../server/db/database.js'
import type { ChannelRow } from '../../server/repos/channels-repo.js'
import type { Repos } from '../../server/repos/index.js'
import { mediaOf } from '../../server/archive/package/fixtures.js'
import { newId } from '../../server/security/tokens.js'
import { type EntryDraft, appendEntries } from '../../server/services/archive/chain.js'
import { interactionRow } from '../../server/services/inbox/ingest-service.js'
import { bulkInsert } from './bench-db.js'

const DAY = 86_400_000
const CHUNK = 10_000
/** Interactions per ingest event: a full read (READ_LIMIT in ingest). */
const PER_EVENT = 500

// mulberry32: deterministic, so two runs load the same archive.
let seed = 11
export function random() {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
}
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!

export const SENTENCES = [
  'Har ni öppet på söndag?',
  'Tack för tipset, den var fantastisk!',
  'Varför är självbetjäningen stängd igen? Tredje gången den här veckan.',
  'Kan man reservera den här boken någonstans?',
  'Min son älskade sagostunden, tack!',
  'Hur lånar man e-böcker i appen? Jag hittar inte inloggningen.',
  'Vilka öppettider gäller under sommaren?',
  'Bästa biblioteket i stan',
  'Får man ta med fika till läxhjälpen?',
  'Jag har fått en påminnelse för en bok jag redan lämnat tillbaka, vem kan jag prata med?',
  'Ni borde köpa in fler ljudböcker på arabiska och somaliska.',
  'Sjukt dålig service i informationsdisken idag, ingen brydde sig.',
  'Finns det platser kvar till författarkvällen?',
  'Grymt initiativ!',
  'Var kan jag läsa mer om evenemanget?',
  'Blir det någon bokcirkel i höst?',
  'Skrivarverkstaden för unga var jättebra, kommer den tillbaka?',
  'Kan man skriva ut och kopiera på biblioteket?',
  'Tidningarna i läsesalongen är alltid gamla.',
  'Vi var på språkcafét i går och det var så trevligt.',
] as const
/** Words few items contain: an author, a title, an event, something that happened once. */
export const RARE = [
  'Strindberg',
  'Lagerlöf',
  'Pippi Långstrump',
  'Kulturnatten',
  'vattenskada',
  'mögel',
  'bokbussen',
  'Mumintrollen',
  'schackklubben',
  'Harry Potter',
  'digitalhjälpen',
  'talböcker',
  'Legibus',
  'hörslinga',
  'tidskriftsarkivet',
  'släktforskning',
] as const
const FIRST = ['Anna', 'Erik', 'Fatima', 'Johan', 'Maria', 'Ahmed', 'Sara', 'Lars', 'Elin', 'Omar']
const LAST = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Hassan', 'Lindqvist', 'Berg']
export const AUTHORS = 50_000

/** The handle of author `n` (bluesky or mastodon), as the person filter takes it. */
export const handleOf = (n: number, bluesky: boolean) =>
  bluesky ? `lasare${n}.bsky.social` : `lasare${n}@mastodon.nu`

/** A reply's text: one or two common sentences; one in fifty names something rare. */
function text(): string {
  let t: string = pick(SENTENCES)
  if (random() < 0.3) t += ` ${pick(SENTENCES)}`
  if (random() < 0.02) t += ` Har ni något om ${pick(RARE)}?`
  return t
}

export { seedChannels } from './bench-db.js'

let serial = 0
/** A reply or mention as an adapter reads it, from a skewed draw of authors. */
function interaction(channel: ChannelRow, createdAt: number): Interaction {
  const n = Math.floor(AUTHORS * random() ** 1.5)
  const bluesky = channel.network === 'bluesky'
  const handle = handleOf(n, bluesky)
  const id = (serial++).toString(36)
  const remoteId = bluesky ? `at://did:plc:bench${n}/app.bsky.feed.post/3k${id}` : `9${id}`
  const subject = bluesky
    ? `at://${channel.account_remote_id}/app.bsky.feed.post/3l${n % 300}`
    : `11${n % 300}`
  const kind = random() < 0.8 ? 'reply' : 'mention'
  return {
    kind,
    remoteId,
    author: {
      remoteId: bluesky ? `did:plc:bench${n}` : String(100_000 + n),
      handle,
      displayName: `${FIRST[n % FIRST.length]} ${LAST[n % LAST.length]}`,
      profileUrl: bluesky
        ? `https://bsky.app/profile/${handle}`
        : `https://mastodon.nu/@lasare${n}`,
    },
    text: `${kind === 'mention' ? '@stadsbiblioteket ' : ''}${text()}`,
    url: bluesky
      ? `https://bsky.app/profile/${handle}/post/3k${id}`
      : `https://mastodon.nu/@x/${id}`,
    createdAt: new Date(createdAt).toISOString(),
    subjectRemoteId: subject,
    ...(kind === 'reply' && { parentRemoteId: subject, rootRemoteId: subject }),
  }
}

/** An item_received draft as capture-service's receivedDraft makes it. */
function receivedDraft(channel: ChannelRow, id: string, x: Interaction): EntryDraft {
  const author = {
    remoteId: x.author.remoteId,
    handle: x.author.handle,
    name: x.author.displayName,
  }
  return {
    kind: 'item_received',
    subject: `item:${id}`,
    captureKey: id,
    refersTo: null,
    channelId: channel.id,
    network: channel.network,
    remoteId: x.remoteId,
    url: x.url,
    threadRoot: x.rootRemoteId ?? x.subjectRemoteId ?? x.remoteId,
    occurredAt: x.createdAt,
    person: author,
    content: {
      kind: 'item_received',
      interactionId: id,
      itemKind: x.kind,
      text: x.text,
      author,
      subjectRemoteId: x.subjectRemoteId ?? null,
      rootRemoteId: x.rootRemoteId ?? null,
      parentRemoteId: x.parentRemoteId ?? null,
      media: [],
    },
  }
}

/**
 * `count` entries over the two years before `until`, oldest first, through appendEntries
 * (content checked, hashed and chained as in capture) into a collector instead of the
 * database, then loaded in bulk; the head is saved so capture continues the chain.
 */
export async function loadEntries(
  db: Db,
  raw: SQLite.Database | undefined,
  libraryId: string,
  channels: readonly ChannelRow[],
  count: number,
  until: number,
  /** An image for entry `i`, kept as the archive keeps media (the export's benchmark). */
  image?: (i: number) => Buffer,
) {
  const head = { seq: 0, hash: GENESIS_HASH }
  let rows: object[] = []
  const collector = {
    archive: {
      lockHead: async () => ({ ...head }),
      captured: async () => new Map<string, string>(),
      insertEntries: async (r: readonly object[]) => void rows.push(...r),
      setHead: async (_: string, seq: number, hash: string) =>
        void Object.assign(head, { seq, hash }),
    },
  } as unknown as Pick<Repos, 'archive'>
  const capturedAt = new Date(until).toISOString()
  for (let start = 0; start < count; start += CHUNK) {
    const drafts: EntryDraft[] = []
    const media: object[] = []
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const at = until - 730 * DAY * (1 - (i + random()) / count)
      const channel = pick(channels)
      const draft = receivedDraft(channel, newId(), interaction(channel, at))
      const bytes = image?.(i)
      if (bytes && draft.content.kind === 'item_received') {
        const described = mediaOf(bytes, `Bild ${i}`)
        draft.content.media = [described]
        media.push({
          library_id: libraryId,
          sha256: described.sha256,
          mime_type: described.mimeType,
          byte_size: bytes.length,
          data: bytes,
          stored_at: capturedAt,
        })
      }
      drafts.push(draft)
    }
    await appendEntries(collector, libraryId, drafts, capturedAt)
    // Newest first, as the archive's insertEntries writes a batch: SQLite's search index takes
    // its rowids, the time negated, ascending within a transaction (migration 054).
    await bulkInsert(db, raw, { archive_entries: rows.reverse(), archive_media: media })
    rows = []
  }
  await db
    .insertInto('archive_heads')
    .values({ library_id: libraryId, ...head })
    .execute()
}

/** What ingest wrote in the last hour: `count` interactions and an ingest event per read of 500. */
export async function seedIngested(
  db: Db,
  raw: SQLite.Database | undefined,
  channels: readonly ChannelRow[],
  count: number,
) {
  const now = Date.now()
  for (let start = 0; start < count; start += PER_EVENT) {
    const channel = channels[(start / PER_EVENT) % channels.length]!
    const rows = Array.from({ length: Math.min(PER_EVENT, count - start) }, () => {
      const ms = now - 3_600_000 * random()
      return interactionRow(channel, interaction(channel, ms), new Date(ms).toISOString(), ms)
    })
    await bulkInsert(db, raw, { interactions: rows })
    await db
      .insertInto('ingest_events')
      .values({
        library_id: channel.library_id,
        channel_id: channel.id,
        at: new Date(now).toISOString(),
        interactions: rows.length,
        inbox_items: rows.length,
        payload: JSON.stringify({ ids: rows.map((r) => r.id) }),
      })
      .execute()
  }
}
