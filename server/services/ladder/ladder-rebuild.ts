import crypto from 'node:crypto'
import { DomainError } from '../../../core/errors.js'
import { type LadderLevel, asLevel } from '../../../core/ladder/levels.js'
import {
  addMonths,
  localDay,
  monthOf,
  monthStart,
  monthsBefore,
  monthsBetween,
} from '../../../core/ladder/months.js'
import { earnedLevel, rulesOrDefault, windowDays } from '../../../core/ladder/rules.js'
import { addDays } from '../../../core/time/zoned.js'
import type { Repos, StoreOf } from '../../repos/index.js'
import type { AudienceMemberRow, LadderSettingsRow } from '../../repos/ladder-repo.js'

/** The activity consumer's name among the outbox positions (archive_positions). */
export const LADDER_CONSUMER = 'ladder:ingest_events'

/** A month's closing more than this far back starts afresh (a worker off for over a year). */
const MAX_MONTHS_CLOSED = 13

export interface RebuildResult {
  month: string
  members: number
  written: number
  removed: number
  monthsClosed: string[]
}

/** The library's settings, made with the default rules and a fresh pseudonym key the first time. */
export async function ladderSettings(
  repos: Pick<Repos, 'ladder'>,
  libraryId: string,
  now: Date,
): Promise<LadderSettingsRow> {
  const found = await repos.ladder.settings(libraryId)
  if (found) return found
  await repos.ladder.createSettings({
    library_id: libraryId,
    rules: JSON.stringify(rulesOrDefault(null)),
    pseudonym_key: crypto.randomBytes(32).toString('base64'),
    month: null,
    rebuilt_at: null,
    generation: 0,
    placed_seq: null,
    placed_rules: null,
    updated_by: null,
    updated_at: now.toISOString(),
  })
  return (await repos.ladder.settings(libraryId))!
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const pads = new Map<string, [Buffer, Buffer]>()

/**
 * HMAC-SHA256 (RFC 2104) from two one-shot hashes with the key's pads kept:
 * a first rebuild names tens of thousands of accounts, and a Hmac object
 * per name costs three times as much.
 */
function hmac(key: string, message: string): Buffer {
  let pad = pads.get(key)
  if (!pad) {
    const k = Buffer.from(key, 'base64')
    const inner = Buffer.alloc(64, 0x36)
    const outer = Buffer.alloc(64, 0x5c)
    for (let i = 0; i < k.length; i++) {
      inner[i]! ^= k[i]!
      outer[i]! ^= k[i]!
    }
    pad = [inner, outer]
    pads.set(key, pad)
  }
  const inner = crypto.hash('sha256', Buffer.concat([pad[0], Buffer.from(message)]), 'buffer')
  return crypto.hash('sha256', Buffer.concat([pad[1], inner]), 'buffer')
}

/**
 * A person's code on the ladder: an HMAC of the channel and the account
 * under the library's own key, 60 bits in Crockford's base 32. Stable from
 * rebuild to rebuild; without the key no one can tell whose it is.
 */
export function pseudonymOf(key: string, channelId: string, authorRemoteId: string): string {
  const mac = hmac(key, `${channelId}\u0000${authorRemoteId}`)
  // 60 bits as two 30-bit halves (numbers, not BigInt).
  const high = mac.readUInt32BE(0) >>> 2
  const low = (((mac.readUInt32BE(3) & 0x3ffffff) << 4) | (mac[7]! >>> 4)) & 0x3fffffff
  let out = ''
  for (const half of [high, low])
    for (let i = 5; i >= 0; i--) out += CROCKFORD[(half >>> (i * 5)) & 31]
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`
}

/**
 * Erasure of an account (GDPR art. 17): its ladder rows go, and its
 * pseudonyms are kept so its public records, which stay in the archive,
 * never place it on the ladder again. Run in the erasure's transaction.
 */
export async function eraseFromLadder(
  repos: Pick<Repos, 'ladder' | 'ladderActivity'>,
  libraryId: string,
  accounts: readonly { channelId: string; remoteId: string }[],
  now: Date,
): Promise<string[]> {
  // Held until the erasure commits: a consumer summing a batch meanwhile waits, then sees them erased.
  await repos.ladderActivity.lockPosition(LADDER_CONSUMER, now.toISOString())
  const settings = await ladderSettings(repos, libraryId, now)
  const ids = [
    ...new Set(accounts.map((a) => pseudonymOf(settings.pseudonym_key, a.channelId, a.remoteId))),
  ]
  await repos.ladder.erase(libraryId, ids, now.toISOString())
  await repos.ladder.forget(libraryId, ids)
  await repos.ladderActivity.forget(libraryId, accounts)
  // A rebuild under way read the person before this; it must not write them back.
  await repos.ladder.bumpGeneration(libraryId)
  return ids
}

class Stale extends Error {}

/**
 * Places every member of the library's audience on the ladder as of `now`,
 * from what each account did per day (ladder_activity, kept by the ingest
 * consumer in ladder-activity.ts), and writes this month's counts and
 * movements, closing the months that ended since the last rebuild. The days
 * are summed by the database; the rules run on one row per account; only
 * members whose row changed are written. Deterministic: run twice, it writes
 * the same.
 *
 * A night after a night reads only the people whose step can have changed
 * since: accounts with a day the consumer added to since (ladder_activity.seq),
 * or a day one of the windows took in or let go, and those who lead or led
 * (staff may have changed them). Anyone else has the same days in every
 * window, so the same step. A month closed then counts the members as stored,
 * with those placed replaced by what they were placed at. The first rebuild,
 * new rules, a clock set back and `everyone` place every member;
 * ladder-nightly.test.ts holds the two to the same result.
 */
export async function rebuildLadder(
  store: StoreOf<'ladder' | 'ladderActivity' | 'libraries' | 'archiveWeeding'>,
  libraryId: string,
  now: Date,
  options: { everyone?: boolean } = {},
): Promise<RebuildResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await rebuildOnce(store, libraryId, now, options.everyone ?? false)
    } catch (error) {
      if (!(error instanceof Stale) || attempt >= 3) throw error
    }
  }
}

async function rebuildOnce(
  store: StoreOf<'ladder' | 'ladderActivity' | 'libraries' | 'archiveWeeding'>,
  libraryId: string,
  now: Date,
  everyone: boolean,
): Promise<RebuildResult> {
  const repos = store.repos
  const library = await repos.libraries.findById(libraryId)
  if (!library) throw new DomainError('library_not_found')
  const zone = library.time_zone
  const settings = await ladderSettings(repos, libraryId, now)
  const rules = rulesOrDefault(JSON.parse(settings.rules))
  const current = monthOf(now, zone)

  // The moments that need levels: the first month's start (only when starting afresh), the end
  // of each month closed now, and now. Each is a window of the library's days ending before it.
  let first = settings.month ?? addMonths(current, -1)
  let fresh = settings.month === null
  if (first > current) first = current
  if (monthsBetween(first, current).length > MAX_MONTHS_CLOSED) {
    first = addMonths(current, -MAX_MONTHS_CLOSED)
    fresh = true
  }
  const closing = monthsBetween(first, current)
  const points = [
    ...(fresh && closing.length ? [monthStart(first, zone)] : []),
    ...closing.map((m) => monthStart(addMonths(m, 1), zone)),
    new Date(now.getTime() + 1),
  ].map((p) => ({
    at: p.toISOString(),
    window: windowDays(localDay(p.getTime() - 1, zone), rules),
  }))
  const today = points.at(-1)!.window.to
  const cutoff = monthsBefore(now, rules.retentionMonths).toISOString()

  // Read before the days: a batch the consumer adds meanwhile is news to the next night too.
  const placedSeq = await repos.ladderActivity.position(LADDER_CONSUMER)
  // Likes, reposts and follows no longer than the archive keeps them per person, when the
  // library set that; before anyone is placed, so they count no more from tonight.
  const retentionDays = (await repos.archiveWeeding.settings(libraryId))?.interaction_retention_days
  if (retentionDays != null)
    await repos.ladderActivity.forgetCounts(
      libraryId,
      localDay(now.getTime() - retentionDays * DAY_MS, zone),
      placedSeq + 1,
    )

  const live = new Set((await repos.ladder.liveChannels(libraryId)).map((c) => c.id))
  // A clock set back is no night after the last: everyone, as are new rules.
  const after =
    !everyone &&
    !fresh &&
    settings.rebuilt_at !== null &&
    settings.rebuilt_at <= now.toISOString() &&
    settings.placed_seq !== null &&
    settings.placed_rules === settings.rules
      ? windowDays(localDay(settings.rebuilt_at, zone), rules)
      : null
  const facts = await repos.ladderActivity.facts(
    libraryId,
    today,
    points.map((p) => p.window),
    after === null
      ? undefined
      : {
          after: settings.placed_seq!,
          days: [
            { from: after.from, to: addDays(points.at(-1)!.window.from, -1) },
            { from: addDays(after.to, 1), to: today },
          ],
        },
  )
  const members =
    after === null
      ? await repos.ladder.members(libraryId)
      : await repos.ladder.membersToPlace(libraryId, facts)
  const existing = new Map(members.map((m) => [accountKey(m.channel_id, m.author_remote_id), m]))
  const byFacts = new Map(facts.map((f) => [accountKey(f.channel_id, f.author_remote_id), f]))
  const erased = await repos.ladder.erased(libraryId)
  const nowIso = now.toISOString()

  const rows: AudienceMemberRow[] = []
  const closed = closing.map(() => [] as Transition[])
  // The stored members these stand for in the months closed (see `unplaced`).
  const replaced: AudienceMemberRow[] = []
  const base = fresh && closing.length ? 1 : 0
  for (const key of new Set([...existing.keys(), ...byFacts.keys()])) {
    const member = existing.get(key)
    const fact = byFacts.get(key)
    const channelId = fact?.channel_id ?? member!.channel_id
    if (!live.has(channelId)) continue
    const lastSeen = latest(member?.last_seen_at, fact?.last_at)!
    if (lastSeen < cutoff) continue
    const id = member?.id ?? pseudonymOf(settings.pseudonym_key, channelId, fact!.author_remote_id)
    if (erased.has(id)) continue
    if (member && member.last_seen_at >= cutoff) replaced.push(member)
    const followedAt = earliestOf(member?.followed_at ?? null, fact?.followed_at ?? null)
    const levels = points.map((p, i) => {
      const earned = earnedLevel(
        {
          follows: followedAt !== null && followedAt < p.at,
          endorsements: fact?.endorsements[i] ?? 0,
          contributions: fact?.contributions[i] ?? 0,
          unpromptedWeeks: fact?.unpromptedWeeks[i] ?? 0,
        },
        rules,
      )
      const lead = member?.lead === 1 && (member.lead_since === null || member.lead_since < p.at)
      return { level: lead ? ('lead' as const) : earned, earned }
    })
    let from = base ? levels[0]!.level : asLevel(member?.month_start_level ?? null)
    closing.forEach((_, j) => {
      const to = levels[base + j]!.level
      closed[j]!.push({ id, from, to })
      from = to
    })
    const nowLevel = levels.at(-1)!
    const row: AudienceMemberRow = {
      library_id: libraryId,
      id,
      channel_id: channelId,
      author_remote_id: fact?.author_remote_id ?? member!.author_remote_id,
      handle: fact?.handle ?? member!.handle,
      level: nowLevel.level,
      earned_level: nowLevel.earned,
      month_start_level: from,
      lead: member?.lead ?? 0,
      lead_since: member?.lead_since ?? null,
      followed_at: followedAt,
      first_seen_at: earliestOf(member?.first_seen_at ?? null, fact?.first_at ?? null)!,
      last_seen_at: lastSeen,
      updated_at: member?.updated_at ?? nowIso,
    }
    if (!member || changed(member, row)) rows.push({ ...row, updated_at: nowIso })
  }

  // The days the ladder keeps: enough for this month's windows.
  const keepFrom = addDays(localDay(monthStart(current, zone), zone), -rules.windowDays)

  return store.transaction(async (tx) => {
    const locked = await tx.ladder.lockSettings(libraryId)
    // Another rebuild since this one read the settings: what it placed is not what this read.
    if (
      locked?.month !== settings.month ||
      locked.generation !== settings.generation ||
      locked.rebuilt_at !== settings.rebuilt_at
    )
      throw new Stale()
    const removed = await tx.ladder.removeMembers(libraryId, cutoff)
    if (after !== null && closing.length) {
      const [cells, moved] = await unplaced(tx.ladder, libraryId, replaced)
      // Everyone else starts the month where they stood; those placed are written below.
      await tx.ladder.startMonth(libraryId, nowIso)
      await tx.ladder.upsertMembers(rows)
      for (const [j, month] of closing.entries())
        await tx.ladder.replaceMonth(
          libraryId,
          month,
          ...summarise(closed[j]!, j === 0 ? cells : atRest(cells), j === 0 ? moved : []),
          nowIso,
        )
    } else {
      await tx.ladder.upsertMembers(rows)
      for (const [j, month] of closing.entries())
        await tx.ladder.replaceMonth(libraryId, month, ...summarise(closed[j]!), nowIso)
    }
    const members = await tx.ladder.countMonth(libraryId, current, nowIso)
    await tx.ladder.markRebuilt(libraryId, {
      month: current,
      at: nowIso,
      seq: placedSeq,
      rules: settings.rules,
    })
    await tx.ladderActivity.trim(libraryId, keepFrom)
    return {
      month: current,
      members,
      written: rows.length,
      removed,
      monthsClosed: closing,
    }
  })
}

const DAY_MS = 86_400_000

interface Transition {
  id: string
  from: LadderLevel | null
  to: LadderLevel | null
}

type Cells = Map<string, { from: string; to: string; members: number }>
type Moved = { memberId: string; from: LadderLevel | null; to: LadderLevel | null }

/**
 * The month's cells (from → to, '' for no step) and its movements, from each
 * member's two levels, added to those of the members not placed (`unplaced`).
 */
function summarise(
  transitions: readonly Transition[],
  cells: Cells = new Map(),
  moved: readonly Moved[] = [],
) {
  const out: Cells = new Map([...cells].map(([k, c]) => [k, { ...c }]))
  const movements = [...moved]
  for (const t of transitions) {
    if (t.from === null && t.to === null) continue
    const key = `${t.from ?? ''}>${t.to ?? ''}`
    const cell = out.get(key)
    if (cell) cell.members++
    else out.set(key, { from: t.from ?? '', to: t.to ?? '', members: 1 })
    if (t.from !== t.to) movements.push({ memberId: t.id, from: t.from, to: t.to })
  }
  return [[...out.values()].filter((c) => c.members > 0), movements] as const
}

/**
 * The month closed by the members not placed tonight: as stored, each went
 * from its month's start to where it stands (the members placed, `replaced`
 * as they were stored, are taken out).
 */
async function unplaced(
  ladder: Repos['ladder'],
  libraryId: string,
  replaced: readonly AudienceMemberRow[],
): Promise<[Cells, Moved[]]> {
  const cells: Cells = new Map()
  const add = (from: string | null, to: string | null, n: number) => {
    if (from === null && to === null) return
    const key = `${from ?? ''}>${to ?? ''}`
    const cell = cells.get(key) ?? { from: from ?? '', to: to ?? '', members: 0 }
    cell.members += n
    cells.set(key, cell)
  }
  for (const g of await ladder.stepCounts(libraryId)) add(g.month_start_level, g.level, Number(g.n))
  for (const m of replaced) add(m.month_start_level, m.level, -1)
  const ids = new Set(replaced.map((m) => m.id))
  const moved = (await ladder.movers(libraryId))
    .filter((m) => !ids.has(m.id))
    .map((m) => ({
      memberId: m.id,
      from: asLevel(m.month_start_level),
      to: asLevel(m.level),
    }))
  return [cells, moved]
}

/** A later month closed at once, for the members not placed: they stayed where they stood. */
function atRest(cells: Cells): Cells {
  const out: Cells = new Map()
  for (const c of cells.values()) {
    if (c.to === '') continue
    const key = `${c.to}>${c.to}`
    const cell = out.get(key) ?? { from: c.to, to: c.to, members: 0 }
    cell.members += c.members
    out.set(key, cell)
  }
  return out
}

function changed(a: AudienceMemberRow, b: AudienceMemberRow): boolean {
  return (Object.keys(b) as (keyof AudienceMemberRow)[]).some(
    (k) => k !== 'updated_at' && a[k] !== b[k],
  )
}

const accountKey = (channelId: string, authorRemoteId: string) =>
  `${channelId}\u0000${authorRemoteId}`

function earliestOf(a: string | null, b: string | null): string | null {
  if (a === null) return b
  if (b === null) return a
  return a < b ? a : b
}

function latest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  return a > b ? a : b
}
