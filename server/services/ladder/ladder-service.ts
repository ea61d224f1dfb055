import { DomainError } from '../../../core/errors.js'
import { LADDER_LEVELS, type LadderLevel, asLevel, levelRank } from '../../../core/ladder/levels.js'
import { addMonths, localDay, monthOf } from '../../../core/ladder/months.js'
import {
  type LadderRules,
  distinctWeeks,
  isUnprompted,
  rulesOrDefault,
  windowDays,
} from '../../../core/ladder/rules.js'
import { type Network, interactionKindSchema } from '../../../core/channels/networks.js'
import { can } from '../../../core/roles.js'
import type {
  LadderMonthSummary,
  LadderOverview,
  LadderPerson,
} from '../../../core/schemas/ladder.js'
import type { Clock } from '../../clock.js'
import type { Repos, StoreOf } from '../../repos/index.js'
import type { AudienceMemberRow } from '../../repos/ladder-repo.js'
import type { LibraryAccess } from '../access.js'
import { auditIn } from '../audit-service.js'
import { ladderActivity } from './ladder-activity.js'
import { ladderSettings, rebuildLadder } from './ladder-rebuild.js'

type LadderRepos = Pick<
  Repos,
  | 'ladder'
  | 'ladderActivity'
  | 'libraries'
  | 'archiveWeeding'
  | 'audit'
  | 'users'
  | 'archive'
  | 'archiveSources'
>

const MOVED_UP_SHOWN = 100
const AMBASSADORS_SHOWN = 200
const WRITINGS_SHOWN = 100

/**
 * Stegen: the engagement ladder read and looked after. Everyone with
 * statistics sees counts and codes; only `stats.people` opens a person or
 * marks who leads, and both are written in the audit log.
 */
export function ladderService({
  store,
  clock,
}: {
  store: StoreOf<keyof LadderRepos>
  clock: Clock
}) {
  const rebuild = (libraryId: string) => rebuildLadder(store, libraryId, clock.now())
  const activity = ladderActivity({ store, clock })
  const ACTIVITY_BATCH = 200

  async function channelsOf(libraryId: string) {
    const live = await store.repos.ladder.liveChannels(libraryId)
    return new Map(
      live.map((c) => [c.id, { id: c.id, network: c.network as Network, handle: c.handle }]),
    )
  }

  async function overview(
    access: LibraryAccess<'stats.read' | 'stats.people'>,
  ): Promise<LadderOverview> {
    const { libraryId } = access
    const repos = store.repos
    const library = await repos.libraries.findById(libraryId)
    if (!library) throw new DomainError('library_not_found')
    const settings = await repos.ladder.settings(libraryId)
    const rules = rulesOrDefault(settings ? JSON.parse(settings.rules) : null)
    const month = settings?.month ?? monthOf(clock.now(), library.time_zone)
    const previousMonth = addMonths(month, -1)
    const cells = await repos.ladder.monthCells(libraryId, [month, previousMonth])
    const of = (m: string) => cells.filter((c) => c.month === m)
    const sums = (rows: typeof cells, side: 'from_level' | 'to_level', level: string) =>
      rows.filter((c) => c[side] === level).reduce((n, c) => n + c.members, 0)
    const last = of(previousMonth)

    const channels = await channelsOf(libraryId)
    const movements = await repos.ladder.movements(libraryId, month)
    const up = movements
      .filter((m) => channels.has(m.channel_id))
      .map((m) => ({ ...m, from: asLevel(m.from_level), to: asLevel(m.to_level) }))
      .filter((m) => m.to !== null && levelRank(m.to) > levelRank(m.from))
      .sort((a, b) => levelRank(b.to) - levelRank(a.to) || a.member_id.localeCompare(b.member_id))
    const ambassadors = await repos.ladder.ambassadors(libraryId, AMBASSADORS_SHOWN)
    const archive = await repos.archiveWeeding.settings(libraryId)

    return {
      month,
      previousMonth,
      rebuiltAt: settings?.rebuilt_at ?? null,
      rules,
      levels: LADDER_LEVELS.map((level) => ({
        level,
        thisMonth: sums(of(month), 'to_level', level),
        // The month's start is last month's end; the earlier month's own row says the same.
        lastMonth: !settings?.rebuilt_at
          ? null
          : last.length
            ? sums(last, 'to_level', level)
            : sums(of(month), 'from_level', level),
      })),
      observers: await observers(libraryId, [...channels.keys()], month),
      thisMonth: summary(of(month)),
      lastMonth: settings?.rebuilt_at ? summary(last) : null,
      movedUp: up.slice(0, MOVED_UP_SHOWN).map((m) => ({
        member: m.member_id,
        channel: channels.get(m.channel_id)!,
        from: m.from,
        to: m.to!,
      })),
      movedUpTotal: up.length,
      ambassadors: ambassadors
        .filter((a) => channels.has(a.channel_id))
        .map((a) => ({
          member: a.id,
          channel: channels.get(a.channel_id)!,
          level: a.level as 'own' | 'lead',
          firstSeenAt: a.first_seen_at,
        })),
      interactionRetentionDays: archive?.interaction_retention_days ?? null,
      canOpenPeople: can(access.role, 'stats.people'),
    }
  }

  /**
   * Observers cannot be counted per person on these networks. What can be said
   * honestly: the networks' own follower counts, and how many of those
   * followers Torget never saw follow (they followed before it listened).
   */
  async function observers(libraryId: string, channelIds: string[], month: string) {
    const day = `${addMonths(month, 1)}-01`
    const counted = (await store.repos.ladder.followers(libraryId, channelIds, day)).filter(
      (f) => f.day < day,
    )
    const seen = new Map(
      (await store.repos.ladder.seenFollowing(libraryId)).map((s) => [s.channel_id, Number(s.n)]),
    )
    const followersSeen = [...seen.values()].reduce((a, b) => a + b, 0)
    if (counted.length === 0)
      return { networkFollowers: null, followersSeen, followersUnseen: null }
    return {
      networkFollowers: counted.reduce((n, c) => n + (c.followers ?? 0), 0),
      followersSeen,
      followersUnseen: counted.reduce(
        (n, c) => n + Math.max(0, (c.followers ?? 0) - (seen.get(c.channel_id) ?? 0)),
        0,
      ),
    }
  }

  async function personView(libraryId: string, member: AudienceMemberRow): Promise<LadderPerson> {
    const repos = store.repos
    const library = await repos.libraries.findById(libraryId)
    const settings = await repos.ladder.settings(libraryId)
    const rules: LadderRules = rulesOrDefault(settings ? JSON.parse(settings.rules) : null)
    const live = await repos.ladder.liveChannels(libraryId)
    const channel = live.find((c) => c.id === member.channel_id)
    if (!library || !channel) throw new DomainError('ladder_member_not_found')
    const window = windowDays(localDay(clock.now(), library.time_zone), rules)
    const inWindow = (day: string) => day >= window.from && day <= window.to
    const [writings, days] = await Promise.all([
      repos.ladder.writings(libraryId, member.channel_id, member.author_remote_id, WRITINGS_SHOWN),
      repos.ladderActivity.days(libraryId, member.channel_id, member.author_remote_id),
    ])
    const counted = days.filter((d) => inWindow(d.day))
    const latest = writings[0]
    return {
      member: member.id,
      level: asLevel(member.level),
      earnedLevel: asLevel(member.earned_level),
      lead: member.lead === 1,
      leadSince: member.lead_since,
      channel: { id: channel.id, network: channel.network as Network, handle: channel.handle },
      account: {
        remoteId: member.author_remote_id,
        handle: latest?.author_handle ?? member.handle,
        name: latest?.author_name ?? '',
        profileUrl: latest?.author_url ?? '',
      },
      firstSeenAt: member.first_seen_at,
      lastSeenAt: member.last_seen_at,
      followedAt: member.followed_at,
      facts: {
        endorsements: counted.reduce((n, d) => n + d.endorsements, 0),
        contributions: counted.reduce((n, d) => n + d.contributions, 0),
        unpromptedWeeks: distinctWeeks(counted.filter((d) => d.unprompted > 0).map((d) => d.day)),
      },
      writings: writings.flatMap((r) => {
        const kind = interactionKindSchema.safeParse(r.kind)
        if (!kind.success) return []
        const at = r.remote_created_at < r.received_at ? r.remote_created_at : r.received_at
        return [
          {
            kind: kind.data,
            at,
            url: r.url,
            text: r.text,
            counts: inWindow(localDay(at, library.time_zone)),
            unprompted: isUnprompted(kind.data, Boolean(r.answers_library)),
          },
        ]
      }),
      days: days.map((d) => ({
        day: d.day,
        follows: d.follows,
        endorsements: d.endorsements,
        contributions: d.contributions,
        unprompted: d.unprompted,
        counts: inWindow(d.day),
      })),
      movements: (await repos.ladder.movementsOf(libraryId, member.id)).map((m) => ({
        month: m.month,
        from: asLevel(m.from_level),
        to: asLevel(m.to_level),
      })),
    }
  }

  async function findMember(libraryId: string, memberId: string) {
    const member = await store.repos.ladder.member(libraryId, memberId)
    if (!member) throw new DomainError('ladder_member_not_found')
    return member
  }

  return {
    overview,
    /** For the nightly job and the bench: places the library's audience as of now. */
    rebuild,
    async rebuildNow(access: LibraryAccess<'stats.people'>) {
      await rebuild(access.libraryId)
      return overview(access)
    },
    librariesToRebuild: () => store.repos.ladder.librariesWithChannels(),
    /** Sums one batch of what ingest wrote; true when the batch was full (more is waiting). */
    async sumActivity(): Promise<boolean> {
      return (await activity.step(ACTIVITY_BATCH)) >= ACTIVITY_BATCH
    },
    /** Sums everything ingest wrote so far (the nightly sweep, tests). */
    async catchUp(): Promise<void> {
      while ((await activity.step(ACTIVITY_BATCH)) >= ACTIVITY_BATCH);
    },

    /** One person, by name and deed; the opening is logged with their code, not their name. */
    async person(access: LibraryAccess<'stats.people'>, memberId: string) {
      const member = await findMember(access.libraryId, memberId)
      const view = await personView(access.libraryId, member)
      await auditIn(store.repos, access, {
        action: 'ladder.person_opened',
        target: { type: 'audience_member', id: member.id, label: member.id },
      })
      return view
    },

    async setLead(access: LibraryAccess<'stats.people'>, memberId: string, lead: boolean) {
      const at = clock.now().toISOString()
      await store.transaction(async (repos) => {
        const member = await repos.ladder.member(access.libraryId, memberId)
        if (!member) throw new DomainError('ladder_member_not_found')
        if ((member.lead === 1) === lead) return
        await repos.ladder.setLead(access.libraryId, memberId, lead, at)
        await repos.ladder.bumpGeneration(access.libraryId)
        await auditIn(repos, access, {
          action: lead ? 'ladder.lead_set' : 'ladder.lead_unset',
          target: { type: 'audience_member', id: memberId, label: memberId },
        })
      })
      await rebuild(access.libraryId)
      return personView(access.libraryId, await findMember(access.libraryId, memberId))
    },

    async saveRules(access: LibraryAccess<'stats.people'>, rules: LadderRules) {
      const now = clock.now()
      await store.transaction(async (repos) => {
        const before = rulesOrDefault(
          JSON.parse((await ladderSettings(repos, access.libraryId, now)).rules),
        )
        await repos.ladder.saveRules(
          access.libraryId,
          JSON.stringify(rules),
          access.userId,
          now.toISOString(),
        )
        await auditIn(repos, access, {
          action: 'ladder.rules_changed',
          details: Object.fromEntries(
            (Object.keys(rules) as (keyof LadderRules)[])
              .filter((k) => rules[k] !== before[k])
              .map((k) => [k, rules[k]]),
          ),
        })
      })
      await rebuild(access.libraryId)
      return overview(access)
    },
  }
}
export type LadderService = ReturnType<typeof ladderService>

function summary(cells: readonly { from_level: string; to_level: string; members: number }[]) {
  const out: LadderMonthSummary = { joined: 0, up: 0, down: 0, left: 0 }
  for (const c of cells) {
    if (c.from_level === c.to_level) continue
    if (c.from_level === '') out.joined += c.members
    else if (c.to_level === '') out.left += c.members
    else if (levelRank(c.to_level as LadderLevel) > levelRank(c.from_level as LadderLevel))
      out.up += c.members
    else out.down += c.members
  }
  return out
}
