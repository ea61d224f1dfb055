import crypto from 'node:crypto'
import { DomainError } from '../../../core/errors.js'
import type { LadderLevel } from '../../../core/ladder/levels.js'
import {
  addMonths,
  monthOf,
  monthStart,
  monthsBefore,
  monthsBetween,
} from '../../../core/ladder/months.js'
import {
  type LadderRules,
  distinctWeeks,
  earnedLevel,
  rulesOrDefault,
  windowStart,
} from '../../../core/ladder/rules.js'
import type { Repos, StoreOf } from '../../repos/index.js'
import type { AccountFacts, AudienceMemberRow, LadderSettingsRow } from '../../repos/ladder-repo.js'

type LadderRepos = Pick<Repos, 'ladder' | 'libraries'>

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
    updated_by: null,
    updated_at: now.toISOString(),
  })
  return (await repos.ladder.settings(libraryId))!
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A person's code on the ladder: an HMAC of the channel and the account
 * under the library's own key, 60 bits in Crockford's base 32. Stable from
 * rebuild to rebuild; without the key no one can tell whose it is.
 */
export function pseudonymOf(key: string, channelId: string, authorRemoteId: string): string {
  const mac = crypto
    .createHmac('sha256', Buffer.from(key, 'base64'))
    .update(`${channelId}\u0000${authorRemoteId}`)
    .digest()
  let bits = mac.readBigUInt64BE(0) >> 4n
  let out = ''
  for (let i = 0; i < 12; i++) {
    out = CROCKFORD[Number(bits & 31n)] + out
    bits >>= 5n
  }
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`
}

/**
 * Erasure of an account (GDPR art. 17): its ladder rows go, and its
 * pseudonyms are kept so its public records, which stay in the archive,
 * never place it on the ladder again. Run in the erasure's transaction.
 */
export async function eraseFromLadder(
  repos: Pick<Repos, 'ladder'>,
  libraryId: string,
  accounts: readonly { channelId: string; remoteId: string }[],
  now: Date,
): Promise<string[]> {
  const settings = await ladderSettings(repos, libraryId, now)
  const ids = [
    ...new Set(accounts.map((a) => pseudonymOf(settings.pseudonym_key, a.channelId, a.remoteId))),
  ]
  await repos.ladder.erase(libraryId, ids, now.toISOString())
  await repos.ladder.forget(libraryId, ids)
  // A rebuild under way read the person before this; it must not write them back.
  await repos.ladder.bumpGeneration(libraryId)
  return ids
}

class Stale extends Error {}

/**
 * Places every member of the library's audience on the ladder as of `now`,
 * from the interactions Torget holds, and writes this month's counts and
 * movements (closing the months that ended since the last rebuild). The
 * interactions are summed by the database in one pass; the rules run on one
 * row per account. Deterministic: run twice, it writes the same.
 */
export async function rebuildLadder(
  store: StoreOf<'ladder' | 'libraries'>,
  libraryId: string,
  now: Date,
): Promise<RebuildResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await rebuildOnce(store, libraryId, now)
    } catch (error) {
      if (!(error instanceof Stale) || attempt >= 3) throw error
    }
  }
}

async function rebuildOnce(
  store: StoreOf<'ladder' | 'libraries'>,
  libraryId: string,
  now: Date,
): Promise<RebuildResult> {
  const repos: LadderRepos = store.repos
  const library = await repos.libraries.findById(libraryId)
  if (!library) throw new DomainError('library_not_found')
  const zone = library.time_zone
  const settings = await ladderSettings(repos, libraryId, now)
  const rules = rulesOrDefault(JSON.parse(settings.rules))
  const current = monthOf(now, zone)

  // Which month starts need levels: the first month's (only when starting afresh), the end of
  // each month closed now, and now itself.
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
  ]
  const cutoff = monthsBefore(now, rules.retentionMonths)

  const channels = await repos.ladder.liveChannels(libraryId)
  const scope = {
    libraryId,
    channelIds: channels.map((c) => c.id),
    ownAccounts: channels.map((c) => c.account_remote_id),
  }
  const earliest = windowStart(points[0]!, rules)
  const since = earliest < cutoff ? earliest : cutoff
  const windows = points.map((p) => ({
    from: windowStart(p, rules).toISOString(),
    to: p.toISOString(),
  }))
  const facts = await repos.ladder.facts(
    scope,
    since.toISOString(),
    points.at(-1)!.toISOString(),
    windows,
  )
  const unprompted = new Map<string, string[]>()
  for (const u of await repos.ladder.unprompted(
    scope,
    earliest.toISOString(),
    points.at(-1)!.toISOString(),
  )) {
    const key = accountKey(u.channel_id, u.author_remote_id)
    const list = unprompted.get(key)
    if (list) list.push(u.happened_at)
    else unprompted.set(key, [u.happened_at])
  }
  const existing = new Map(
    (await repos.ladder.members(libraryId)).map((m) => [
      accountKey(m.channel_id, m.author_remote_id),
      m,
    ]),
  )
  const byFacts = new Map(facts.map((f) => [accountKey(f.channel_id, f.author_remote_id), f]))
  const erased = await repos.ladder.erased(libraryId)
  const live = new Set(scope.channelIds)
  const nowIso = now.toISOString()
  const cutoffIso = cutoff.toISOString()

  const rows: AudienceMemberRow[] = []
  const closed = closing.map(() => [] as Transition[])
  const thisMonth: Transition[] = []
  for (const key of new Set([...existing.keys(), ...byFacts.keys()])) {
    const member = existing.get(key)
    const fact = byFacts.get(key)
    const channelId = fact?.channel_id ?? member!.channel_id
    if (!live.has(channelId)) continue
    const lastSeen = latest(member?.last_seen_at, fact?.last_at)!
    if (lastSeen < cutoffIso) continue
    const followedAt = earliestOf(member?.followed_at ?? null, fact?.followed_at ?? null)
    const levels = points.map((p, i) =>
      levelAt(p, i, { fact, followedAt, member, weeks: unprompted.get(key), rules, zone }),
    )
    const nowLevel = levels.at(-1)!
    const base = fresh && closing.length ? 1 : 0
    let from = fresh && closing.length ? levels[0]!.level : (member?.month_start_level ?? null)
    const id = member?.id ?? pseudonymOf(settings.pseudonym_key, channelId, fact!.author_remote_id)
    if (erased.has(id)) continue
    closing.forEach((_, j) => {
      const to = levels[base + j]!.level
      closed[j]!.push({ id, from: from as LadderLevel | null, to })
      from = to
    })
    thisMonth.push({ id, from: from as LadderLevel | null, to: nowLevel.level })
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

  return store.transaction(async (tx) => {
    const locked = await tx.ladder.lockSettings(libraryId)
    if (locked?.month !== settings.month || locked.generation !== settings.generation)
      throw new Stale()
    const removed = await tx.ladder.removeMembers(libraryId, cutoffIso, scope.channelIds)
    await tx.ladder.upsertMembers(rows)
    for (const [j, month] of closing.entries())
      await tx.ladder.replaceMonth(libraryId, month, ...summarise(closed[j]!), nowIso)
    await tx.ladder.replaceMonth(libraryId, current, ...summarise(thisMonth), nowIso)
    await tx.ladder.markRebuilt(libraryId, current, nowIso)
    return {
      month: current,
      members: thisMonth.length,
      written: rows.length,
      removed,
      monthsClosed: closing,
    }
  })
}

interface Transition {
  id: string
  from: LadderLevel | null
  to: LadderLevel | null
}

function levelAt(
  point: Date,
  index: number,
  input: {
    fact: AccountFacts | undefined
    followedAt: string | null
    member: AudienceMemberRow | undefined
    weeks: string[] | undefined
    rules: LadderRules
    zone: string
  },
): { level: LadderLevel | null; earned: LadderLevel | null } {
  const at = point.toISOString()
  const from = windowStart(point, input.rules).toISOString()
  const earned = earnedLevel(
    {
      follows: input.followedAt !== null && input.followedAt < at,
      endorsements: input.fact?.endorsements[index] ?? 0,
      contributions: input.fact?.contributions[index] ?? 0,
      unpromptedWeeks: input.weeks
        ? distinctWeeks(
            input.weeks.filter((w) => w >= from && w < at),
            input.zone,
          )
        : 0,
    },
    input.rules,
  )
  const m = input.member
  const lead = m !== undefined && m.lead === 1 && (m.lead_since === null || m.lead_since < at)
  return { level: lead ? 'lead' : earned, earned }
}

/** The month's cells (from → to, '' for no step) and its movements, from each member's two levels. */
function summarise(transitions: readonly Transition[]) {
  const cells = new Map<string, { from: string; to: string; members: number }>()
  const moved: { memberId: string; from: LadderLevel | null; to: LadderLevel | null }[] = []
  for (const t of transitions) {
    if (t.from === null && t.to === null) continue
    const key = `${t.from ?? ''}>${t.to ?? ''}`
    const cell = cells.get(key)
    if (cell) cell.members++
    else cells.set(key, { from: t.from ?? '', to: t.to ?? '', members: 1 })
    if (t.from !== t.to) moved.push({ memberId: t.id, from: t.from, to: t.to })
  }
  return [[...cells.values()], moved] as const
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
