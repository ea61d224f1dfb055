import { randomUUID } from 'node:crypto'
import type { ArchiveEntry, RecordClass } from '../../../core/archive/entry.js'
import { type KeptReason, describeKept } from '../../../core/archive/kept-reason.js'
import { governingRule, retainedUntil } from '../../../core/archive/retention.js'
import { isInboxKind } from '../../../core/channels/networks.js'
import { DomainError } from '../../../core/errors.js'
import type { Locale } from '../../../core/locale.js'
import { utcToZoned } from '../../../core/time/zoned.js'
import { auditIn } from '../audit-service.js'
import { eraseFromLadder } from '../ladder/ladder-rebuild.js'
import type { Clock } from '../../clock.js'
import { COUNTED_KINDS, ERASED_AUTHOR_PREFIX } from '../../repos/personal-data-repo.js'
import type { Repos, StoreOf } from '../../repos/index.js'
import type { LibraryAccess } from '../access.js'
import { toArchiveEntry } from './chain.js'
import { toRule } from './weeding-service.js'

type PersonalRepos = Pick<
  Repos,
  | 'archive'
  | 'archiveWeeding'
  | 'personalData'
  | 'libraries'
  | 'users'
  | 'memberships'
  | 'audit'
  | 'ladder'
  | 'ladderActivity'
  | 'reports'
>

export interface AccountQuery {
  remoteId?: string | undefined
  handle?: string | undefined
}

/**
 * Registerutdrag and erasure (GDPR art. 15 and 17) for a network account and
 * for a member. What Torget holds about an account: the archive entries it is
 * the person of, its interactions on every channel, the inbox items made of
 * them, and staff notes on those items or naming its handle. Public records
 * stay under the archive's rules (art. 17.3 b: a legal duty to keep them),
 * each with the reason; likes, reposts and follows, and received items whose
 * archived copy was weeded, are pseudonymised.
 */
export function personalDataService({
  store,
  clock,
}: {
  store: StoreOf<keyof PersonalRepos>
  clock: Clock
}) {
  async function context(repos: PersonalRepos, libraryId: string) {
    const library = await repos.libraries.findById(libraryId)
    if (!library) throw new DomainError('library_not_found')
    const rules = (await repos.archiveWeeding.rules(libraryId))
      .filter((r) => !r.retired_at)
      .map(toRule)
    const holds = (await repos.archiveWeeding.holds(libraryId)).filter((h) => !h.lifted_at)
    const day = (iso: string) => utcToZoned(iso, library.time_zone).date
    return { zone: library.time_zone, rules, holds, day }
  }
  type Context = Awaited<ReturnType<typeof context>>

  function keptFor(
    ctx: Context,
    facts: {
      channelId: string | null
      tagIds: string[]
      recordClass: RecordClass
      kind: ArchiveEntry['kind']
      occurredAt: string
      personRemoteId: string | null
      personHandle: string | null
    },
  ): KeptReason {
    const rule = governingRule(ctx.rules, facts)
    const holds = ctx.holds
      .filter(
        (h) =>
          (h.from_at === null || facts.occurredAt >= h.from_at) &&
          (h.to_at === null || facts.occurredAt < h.to_at) &&
          (h.channel_id === null || h.channel_id === facts.channelId) &&
          (h.person === null ||
            h.person === facts.personRemoteId ||
            h.person === facts.personHandle) &&
          (h.tag_id === null || facts.tagIds.includes(h.tag_id)),
      )
      .map((h) => h.reason)
    return {
      basis: 'public_record',
      recordClass: facts.recordClass,
      since: ctx.day(facts.occurredAt),
      rule: rule && { id: rule.id, name: rule.name },
      permanent: rule?.months === null,
      earliestWeeding:
        rule && rule.months !== null ? ctx.day(retainedUntil(facts.occurredAt, rule.months)) : null,
      holds,
    }
  }

  async function find(
    repos: PersonalRepos,
    libraryId: string,
    query: AccountQuery,
    locale: Locale,
  ) {
    if (!query.remoteId && !query.handle) throw new DomainError('personal_data_subject_missing')
    const ctx = await context(repos, libraryId)
    const remoteIds = new Set(query.remoteId ? [query.remoteId] : [])
    const handles = new Set(query.handle ? [query.handle.replace(/^@/, '')] : [])
    // One round of widening: an account found by its handle brings its ids on other channels, and back.
    let interactions = await repos.personalData.interactionsBy(
      libraryId,
      [...remoteIds],
      [...handles],
    )
    for (const i of interactions) {
      remoteIds.add(i.author_remote_id)
      handles.add(i.author_handle)
    }
    interactions = await repos.personalData.interactionsBy(libraryId, [...remoteIds], [...handles])
    const entries = (await repos.archive.byPerson(libraryId, [...remoteIds], [...handles])).map(
      toArchiveEntry,
    )
    const itemIds = interactions.filter((i) => isInboxKind(i.kind as never)).map((i) => i.id)
    // One after another: erasure runs this inside a transaction, on one connection.
    const items = await repos.personalData.inboxItems(libraryId, itemIds)
    const notes = await repos.personalData.notes(libraryId, itemIds, [...handles])
    const tags = await repos.archiveWeeding.tagsOfItems(libraryId, itemIds)
    const ladder = await repos.ladder.byAccount(libraryId, [...remoteIds], [...handles])
    const ladderDays = await repos.ladderActivity.byAccount(libraryId, [...remoteIds], [...handles])
    const received = new Map(
      entries.filter((e) => e.kind === 'item_received').map((e) => [e.subject.slice(5), e]),
    )
    const withReason = (reason: KeptReason) => ({ ...reason, text: describeKept(reason, locale) })
    return {
      remoteIds: [...remoteIds],
      handles: [...handles],
      archive: entries.map((entry) => {
        const itemId = entry.subject.startsWith('item:') ? entry.subject.slice(5) : ''
        return {
          entry,
          kept: withReason(
            keptFor(ctx, {
              ...entry,
              tagIds: tags.get(itemId) ?? [],
              personRemoteId: entry.person?.remoteId ?? null,
              personHandle: entry.person?.handle ?? null,
            }),
          ),
        }
      }),
      interactions: interactions.map((i) => {
        const archived = received.get(i.id)
        const publicRecord =
          isInboxKind(i.kind as never) && (!archived || archived.content !== null)
        return {
          id: i.id,
          channelId: i.channel_id,
          kind: i.kind,
          text: i.text,
          url: i.url,
          createdAt: i.remote_created_at,
          receivedAt: i.received_at,
          author: { remoteId: i.author_remote_id, handle: i.author_handle, name: i.author_name },
          archiveEntryId: archived?.id ?? null,
          kept: publicRecord
            ? withReason(
                keptFor(ctx, {
                  channelId: i.channel_id,
                  tagIds: tags.get(i.id) ?? [],
                  recordClass: 'inkommen',
                  kind: 'item_received',
                  occurredAt: i.remote_created_at,
                  personRemoteId: i.author_remote_id,
                  personHandle: i.author_handle,
                }),
              )
            : null,
        }
      }),
      inboxItems: items.map((i) => ({
        id: i.id,
        channelId: i.channel_id,
        kind: i.kind,
        state: i.state,
        receivedAt: i.received_at,
        closedAt: i.closed_at,
      })),
      // The engagement ladder's rows: no public record, so erased whole.
      ladder: ladder.map((m) => ({
        id: m.id,
        channelId: m.channel_id,
        remoteId: m.author_remote_id,
        level: m.level,
        lead: m.lead === 1,
        followedAt: m.followed_at,
        firstSeenAt: m.first_seen_at,
        lastSeenAt: m.last_seen_at,
      })),
      // What the ladder keeps of each day they acted (counts, for the window).
      ladderDays: ladderDays.map((d) => ({
        channelId: d.channel_id,
        remoteId: d.author_remote_id,
        day: d.day,
        follows: d.follows,
        endorsements: d.endorsements,
        contributions: d.contributions,
        unprompted: d.unprompted,
      })),
      notes: notes.map((n) => ({
        id: n.id,
        itemId: n.item_id,
        body: n.body,
        createdAt: n.created_at,
        kept: withReason({
          basis: 'staff_note',
          recordClass: null,
          since: null,
          rule: null,
          permanent: false,
          earliestWeeding: null,
          holds: [],
        }),
      })),
    }
  }

  const service = {
    /** Registerutdrag for a network account, across all the library's channels. */
    async account(access: LibraryAccess<'archive.manage'>, query: AccountQuery, locale: Locale) {
      const found = await find(store.repos, access.libraryId, query, locale)
      // Who took an extract, not whose: the log stays free of the person it concerns.
      await auditIn(store.repos, access, {
        action: 'export.personal_data',
        details: { subject: 'network_account', items: found.interactions.length },
      })
      return { generatedAt: clock.now().toISOString(), libraryId: access.libraryId, ...found }
    },

    /**
     * Erasure for a network account: what no archive duty covers is
     * pseudonymised in one transaction; the answer says what was and lists what
     * is kept, each with its reason.
     */
    async eraseAccount(
      access: LibraryAccess<'archive.manage'>,
      query: AccountQuery,
      locale: Locale,
    ) {
      return store.transaction(async (repos) => {
        const found = await find(repos, access.libraryId, query, locale)
        const erasable = found.interactions.filter(
          (i) =>
            (COUNTED_KINDS as readonly string[]).includes(i.kind) ||
            (isInboxKind(i.kind as never) && !i.kept),
        )
        const pseudonym = `${ERASED_AUTHOR_PREFIX}${randomUUID().slice(0, 8)}`
        const ids = erasable.map((i) => i.id)
        await repos.personalData.pseudonymise(access.libraryId, ids, pseudonym)
        // The inbox's search text holds the author's handle and name; they go too.
        const names = new Set(
          erasable
            .flatMap((i) => [i.author.handle, i.author.name])
            .filter(Boolean)
            .map((s) => s.toLowerCase()),
        )
        for (const row of await repos.personalData.searchText(access.libraryId, ids)) {
          let text = row.search_text
          for (const name of names) text = text.split(name).join(pseudonym)
          if (text !== row.search_text)
            await repos.personalData.replaceSearchText(access.libraryId, row.id, text)
        }
        await eraseFromLadder(
          repos,
          access.libraryId,
          [
            ...found.interactions.map((i) => ({
              channelId: i.channelId,
              remoteId: i.author.remoteId,
            })),
            ...found.ladder.map((m) => ({ channelId: m.channelId, remoteId: m.remoteId })),
            ...found.ladderDays,
          ],
          clock.now(),
        )
        await auditIn(repos, access, {
          action: 'archive.personal_data_erased',
          target: { type: 'network_account', id: pseudonym, label: pseudonym },
          details: { pseudonymised: erasable.length, ladderRemoved: found.ladder.length },
        })
        return {
          pseudonym,
          ladderRemoved: found.ladder.map((m) => ({ id: m.id, channelId: m.channelId })),
          pseudonymised: erasable.map((i) => ({ id: i.id, kind: i.kind, channelId: i.channelId })),
          kept: [
            ...found.archive.map((a) => ({
              type: 'archive_entry' as const,
              id: a.entry.id,
              kind: a.entry.kind,
              reason: a.kept,
            })),
            ...found.interactions
              .filter((i) => i.kept)
              .map((i) => ({
                type: 'interaction' as const,
                id: i.id,
                kind: i.kind,
                reason: i.kept!,
              })),
            ...found.notes.map((n) => ({
              type: 'note' as const,
              id: n.id,
              kind: 'note',
              reason: n.kept,
            })),
          ],
        }
      })
    },

    /** Registerutdrag for a member: the account, what they wrote and did, and the records naming them. */
    async member(access: LibraryAccess<'archive.manage'>, userId: string, locale: Locale) {
      const repos = store.repos
      const membership = await repos.memberships.find(access.libraryId, userId)
      const user = await repos.users.findById(userId)
      if (!membership || !user) throw new DomainError('member_not_found')
      const ctx = await context(repos, access.libraryId)
      const [activity, entries, recipients] = await Promise.all([
        repos.personalData.memberActivity(access.libraryId, userId),
        repos.archive.naming(access.libraryId, userId),
        repos.reports.recipientsWithEmail(access.libraryId, user.email),
      ])
      await auditIn(repos, access, {
        action: 'export.personal_data',
        target: { type: 'member', id: user.id, label: user.name },
        details: { subject: 'member' },
      })
      return {
        generatedAt: clock.now().toISOString(),
        libraryId: access.libraryId,
        member: { id: user.id, name: user.name, email: user.email, role: membership.role },
        ...activity,
        // The monthly report's address list names people too (Rapporter → Mottagare).
        reportRecipients: recipients.map((r) => ({
          name: r.name,
          email: r.email,
          addedAt: r.created_at,
          lastSentAt: r.last_sent_at,
          bouncedAt: r.bounced_at,
          bounceReason: r.bounce_reason,
        })),
        archive: entries.map(toArchiveEntry).map((entry) => {
          const reason = keptFor(ctx, {
            ...entry,
            tagIds: [],
            personRemoteId: null,
            personHandle: null,
          })
          return { entry, kept: { ...reason, text: describeKept(reason, locale) } }
        }),
      }
    },
  }
  return service
}
export type PersonalDataService = ReturnType<typeof personalDataService>

type AccountExtract = Awaited<ReturnType<PersonalDataService['account']>>

/** The extract as plain text a person can read: one block per thing held, with why it is kept. */
export function accountExtractText(extract: AccountExtract, locale: Locale): string {
  const sv = locale === 'sv'
  const lines = [
    sv ? 'Registerutdrag' : 'Extract of personal data',
    `${sv ? 'Konto' : 'Account'}: ${[...extract.handles, ...extract.remoteIds].join(', ')}`,
    `${sv ? 'Upprättat' : 'Made'}: ${extract.generatedAt}`,
    '',
    `${sv ? 'Arkiverade allmänna handlingar' : 'Archived public records'} (${extract.archive.length})`,
  ]
  for (const { entry, kept } of extract.archive) {
    const text = entry.content && 'text' in entry.content ? entry.content.text : ''
    lines.push(`- ${entry.occurredAt} ${entry.kind} ${entry.url ?? ''}`.trimEnd())
    if (text) lines.push(`  ${text.replace(/\s+/g, ' ')}`)
    lines.push(`  ${kept.text}`)
  }
  lines.push('', `${sv ? 'Interaktioner' : 'Interactions'} (${extract.interactions.length})`)
  for (const i of extract.interactions) {
    lines.push(`- ${i.createdAt} ${i.kind} ${i.url}`.trimEnd())
    if (i.text) lines.push(`  ${i.text.replace(/\s+/g, ' ')}`)
    if (i.kept) lines.push(`  ${i.kept.text}`)
  }
  lines.push(
    '',
    `${sv ? 'Engagemangstrappan (Stegen)' : 'Engagement ladder'} (${extract.ladder.length})`,
  )
  for (const m of extract.ladder)
    lines.push(
      `- ${m.id}: ${m.level ?? (sv ? 'inget steg' : 'no step')}${m.lead ? (sv ? ', markerad att leda' : ', marked as leading') : ''}`,
      `  ${sv ? 'Först sedd' : 'First seen'} ${m.firstSeenAt}, ${sv ? 'senast sedd' : 'last seen'} ${m.lastSeenAt}${m.followedAt ? `, ${sv ? 'följer sedan' : 'following since'} ${m.followedAt}` : ''}`,
    )
  for (const d of extract.ladderDays)
    lines.push(
      `- ${d.day}: ${sv ? 'följningar' : 'follows'} ${d.follows}, ${sv ? 'gillningar och delningar' : 'likes and reposts'} ${d.endorsements}, ${sv ? 'svar, citat och omnämnanden' : 'replies, quotes and mentions'} ${d.contributions}`,
    )
  lines.push('', `${sv ? 'Anteckningar' : 'Notes'} (${extract.notes.length})`)
  for (const n of extract.notes)
    lines.push(`- ${n.createdAt} ${n.body.replace(/\s+/g, ' ')}`, `  ${n.kept.text}`)
  return `${lines.join('\n')}\n`
}
