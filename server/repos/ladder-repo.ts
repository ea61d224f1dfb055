import { CompiledQuery, type RawBuilder, type Selectable, sql } from 'kysely'
import { CONTRIBUTING_KINDS, ENDORSING_KINDS } from '../../core/ladder/rules.js'
import type { Db } from '../db/database.js'
import { isPostgres } from '../db/dialect.js'
import type { AudienceMembersTable, LadderSettingsTable } from '../db/schema/ladder.js'
import { ERASED_AUTHOR_PREFIX } from './personal-data-repo.js'

export type AudienceMemberRow = Selectable<AudienceMembersTable>
export type LadderSettingsRow = Selectable<LadderSettingsTable>

/** What one account did, summed per window: the input of the ladder's rules. */
export interface AccountFacts {
  channel_id: string
  author_remote_id: string
  handle: string
  first_at: string
  last_at: string
  followed_at: string | null
  /** Per window asked for, in order: likes and reposts, and replies, comments, quotes, mentions. */
  endorsements: number[]
  contributions: number[]
}

export interface LadderScope {
  libraryId: string
  channelIds: readonly string[]
  /** The library's own accounts: what they do is not audience. */
  ownAccounts: readonly string[]
  /** Only these accounts (one person's view); all when absent. */
  authors?: readonly string[]
}

const SQLITE_PARAMETERS = 30_000

const list = (values: readonly string[]) =>
  sql.join(values.map((v) => sql`${v}`)) as RawBuilder<unknown>

/**
 * The interactions of the library's audience with the moment each happened:
 * the network's time, unless it claims a time after Torget received it (a
 * clock or an app that dates a post ahead would otherwise stay in every
 * window). Pseudonymised (erased) authors and the library's own accounts are
 * no one's audience.
 */
function audience(scope: LadderScope, kinds?: readonly string[]) {
  return sql`select i.channel_id, i.author_remote_id, i.author_handle, i.kind, i.parent_remote_id,
      case when i.remote_created_at < i.received_at then i.remote_created_at else i.received_at end
        as happened_at
    from interactions i
    where i.channel_id in (${list(scope.channelIds)})
      ${kinds ? sql`and i.kind in (${list(kinds)})` : sql``}
      and i.author_remote_id not like ${`${ERASED_AUTHOR_PREFIX}%`}
      and i.author_remote_id not in (${list(scope.ownAccounts)})
      ${scope.authors?.length ? sql`and i.author_remote_id in (${list(scope.authors)})` : sql``}`
}

/** The ladder's tables: members under pseudonyms, the rules, and each month's counts and movements. */
export function ladderRepo(db: Db) {
  const pg = isPostgres(db)
  return {
    settings(libraryId: string) {
      return db
        .selectFrom('ladder_settings')
        .selectAll()
        .where('library_id', '=', libraryId)
        .executeTakeFirst()
    },
    /** The settings row, held until the transaction ends (PostgreSQL; SQLite has one writer). */
    lockSettings(libraryId: string) {
      let q = db.selectFrom('ladder_settings').selectAll().where('library_id', '=', libraryId)
      if (pg) q = q.forUpdate()
      return q.executeTakeFirst()
    },
    async createSettings(row: LadderSettingsRow) {
      await db
        .insertInto('ladder_settings')
        .values(row)
        .onConflict((oc) => oc.column('library_id').doNothing())
        .execute()
    },
    async saveRules(libraryId: string, rules: string, userId: string, at: string) {
      await db
        .updateTable('ladder_settings')
        .set((eb) => ({
          rules,
          updated_by: userId,
          updated_at: at,
          generation: eb('generation', '+', 1),
        }))
        .where('library_id', '=', libraryId)
        .execute()
    },
    /** Tells a rebuild in progress that people changed (it computes again). */
    async bumpGeneration(libraryId: string) {
      await db
        .updateTable('ladder_settings')
        .set((eb) => ({ generation: eb('generation', '+', 1) }))
        .where('library_id', '=', libraryId)
        .execute()
    },
    async markRebuilt(libraryId: string, month: string, at: string) {
      await db
        .updateTable('ladder_settings')
        .set({ month, rebuilt_at: at })
        .where('library_id', '=', libraryId)
        .execute()
    },
    liveChannels(libraryId: string) {
      return db
        .selectFrom('channels')
        .select(['id', 'network', 'handle', 'account_remote_id'])
        .where('library_id', '=', libraryId)
        .where('deleted_at', 'is', null)
        .execute()
    },
    /** Libraries with a channel: the nightly rebuild's list. */
    async librariesWithChannels(): Promise<string[]> {
      const rows = await db
        .selectFrom('channels')
        .select('library_id')
        .distinct()
        .where('deleted_at', 'is', null)
        .execute()
      return rows.map((r) => r.library_id)
    },

    /**
     * One pass over the library's interactions between `since` and `until`:
     * per account its first and last moment, its first follow, and how many
     * endorsing and contributing acts fell in each window.
     */
    async facts(
      scope: LadderScope,
      since: string,
      until: string,
      windows: readonly { from: string; to: string }[],
    ): Promise<AccountFacts[]> {
      if (scope.channelIds.length === 0) return []
      const sums = windows.flatMap((w, n) => [
        sql`sum(case when kind in (${list(ENDORSING_KINDS)}) and happened_at >= ${w.from}
          and happened_at < ${w.to} then 1 else 0 end) as ${sql.ref(`e${n}`)}`,
        sql`sum(case when kind in (${list(CONTRIBUTING_KINDS)}) and happened_at >= ${w.from}
          and happened_at < ${w.to} then 1 else 0 end) as ${sql.ref(`c${n}`)}`,
      ])
      const result = await sql<Record<string, string | number | null>>`
        select channel_id, author_remote_id, max(author_handle) as handle,
          min(happened_at) as first_at, max(happened_at) as last_at,
          min(case when kind = 'follow' then happened_at end) as followed_at,
          ${sql.join(sums)}
        from (${audience(scope)}) x
        where happened_at >= ${since} and happened_at < ${until}
        group by channel_id, author_remote_id`.execute(db)
      return result.rows.map((r) => ({
        channel_id: String(r.channel_id),
        author_remote_id: String(r.author_remote_id),
        handle: String(r.handle),
        first_at: String(r.first_at),
        last_at: String(r.last_at),
        followed_at: r.followed_at === null ? null : String(r.followed_at),
        endorsements: windows.map((_, n) => Number(r[`e${n}`] ?? 0)),
        contributions: windows.map((_, n) => Number(r[`c${n}`] ?? 0)),
      }))
    },
    /** Mentions and quotes made on the author's own initiative (not answers to the library's posts). */
    async unprompted(scope: LadderScope, from: string, to: string) {
      if (scope.channelIds.length === 0) return []
      const result = await sql<{
        channel_id: string
        author_remote_id: string
        happened_at: string
      }>`
        select channel_id, author_remote_id, happened_at
        from (${audience(scope, ['mention', 'quote'])}) x
        where happened_at >= ${from} and happened_at < ${to}
          and not (kind = 'quote' and parent_remote_id is not null and exists (
            select 1 from publications p
            where p.channel_id = x.channel_id and p.remote_id = x.parent_remote_id))`.execute(db)
      return result.rows
    },

    members(libraryId: string) {
      return db
        .selectFrom('audience_members')
        .selectAll()
        .where('library_id', '=', libraryId)
        .execute()
    },
    member(libraryId: string, id: string) {
      return db
        .selectFrom('audience_members')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
    },
    /** Writes members as given: new ones inserted, known ones (same pseudonym) replaced. */
    async upsertMembers(rows: readonly AudienceMemberRow[]) {
      if (rows.length === 0) return
      const columns = Object.keys(rows[0]!) as (keyof AudienceMemberRow)[]
      const names = columns.map((c) => `"${c}"`).join(', ')
      const update = columns
        // Staff set leading; a rebuild never writes it back (it may have read it before a change).
        .filter((c) => !['library_id', 'id', 'lead', 'lead_since'].includes(c))
        .map((c) => `"${c}" = excluded."${c}"`)
        .join(', ')
      const tail = `on conflict (library_id, id) do update set ${update}`
      // Built as text, not as a Kysely tree: a first rebuild writes tens of thousands of rows.
      if (pg) {
        const text = `insert into audience_members (${names}) select ${names}
          from json_populate_recordset(null::audience_members, $1::json) ${tail}`
        await db.executeQuery(CompiledQuery.raw(text, [JSON.stringify(rows)]))
        return
      }
      const size = Math.floor(SQLITE_PARAMETERS / columns.length)
      for (let i = 0; i < rows.length; i += size) {
        const part = rows.slice(i, i + size)
        const row = `(${columns.map(() => '?').join(', ')})`
        const text = `insert into audience_members (${names}) values ${Array(part.length).fill(row).join(', ')} ${tail}`
        await db.executeQuery(
          CompiledQuery.raw(
            text,
            part.flatMap((r) => columns.map((c) => r[c])),
          ),
        )
      }
    },
    /** Removes members last seen before `before`, or of a channel the library no longer has. */
    async removeMembers(libraryId: string, before: string, channelIds: readonly string[]) {
      const result = await db
        .deleteFrom('audience_members')
        .where('library_id', '=', libraryId)
        .where((eb) =>
          eb.or([
            eb('last_seen_at', '<', before),
            ...(channelIds.length ? [eb('channel_id', 'not in', [...channelIds])] : []),
          ]),
        )
        .executeTakeFirst()
      return Number(result.numDeletedRows)
    },
    /** Those who own and lead, oldest acquaintance first. */
    ambassadors(libraryId: string, limit: number) {
      return db
        .selectFrom('audience_members')
        .select(['id', 'channel_id', 'level', 'first_seen_at'])
        .where('library_id', '=', libraryId)
        .where('level', 'in', ['own', 'lead'])
        .orderBy('first_seen_at')
        .orderBy('id')
        .limit(limit)
        .execute()
    },
    /** Per channel, the members Torget saw start following. */
    seenFollowing(libraryId: string) {
      return db
        .selectFrom('audience_members')
        .select(['channel_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('library_id', '=', libraryId)
        .where('followed_at', 'is not', null)
        .groupBy('channel_id')
        .execute()
    },
    async setLead(libraryId: string, id: string, lead: boolean, at: string) {
      await db
        .updateTable('audience_members')
        .set({ lead: lead ? 1 : 0, lead_since: lead ? at : null, updated_at: at })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },

    /** Replaces one month's counts and movements with what a rebuild found. */
    async replaceMonth(
      libraryId: string,
      month: string,
      cells: readonly { from: string; to: string; members: number }[],
      moved: readonly { memberId: string; from: string | null; to: string | null }[],
      at: string,
    ) {
      await db
        .deleteFrom('ladder_months')
        .where('library_id', '=', libraryId)
        .where('month', '=', month)
        .execute()
      await db
        .deleteFrom('ladder_movements')
        .where('library_id', '=', libraryId)
        .where('month', '=', month)
        .execute()
      if (cells.length)
        await db
          .insertInto('ladder_months')
          .values(
            cells.map((c) => ({
              library_id: libraryId,
              month,
              from_level: c.from,
              to_level: c.to,
              members: c.members,
              computed_at: at,
            })),
          )
          .execute()
      for (let i = 0; i < moved.length; i += 1_000)
        await db
          .insertInto('ladder_movements')
          .values(
            moved.slice(i, i + 1_000).map((m) => ({
              library_id: libraryId,
              month,
              member_id: m.memberId,
              from_level: m.from,
              to_level: m.to,
            })),
          )
          .execute()
    },
    monthCells(libraryId: string, months: readonly string[]) {
      return db
        .selectFrom('ladder_months')
        .select(['month', 'from_level', 'to_level', 'members', 'computed_at'])
        .where('library_id', '=', libraryId)
        .where('month', 'in', [...months])
        .execute()
    },
    movements(libraryId: string, month: string) {
      return db
        .selectFrom('ladder_movements as m')
        .innerJoin('audience_members as a', (j) =>
          j.onRef('a.library_id', '=', 'm.library_id').onRef('a.id', '=', 'm.member_id'),
        )
        .select(['m.member_id', 'm.from_level', 'm.to_level', 'a.channel_id'])
        .where('m.library_id', '=', libraryId)
        .where('m.month', '=', month)
        .orderBy('m.member_id')
        .execute()
    },
    movementsOf(libraryId: string, memberId: string) {
      return db
        .selectFrom('ladder_movements')
        .select(['month', 'from_level', 'to_level'])
        .where('library_id', '=', libraryId)
        .where('member_id', '=', memberId)
        .orderBy('month')
        .execute()
    },

    /** A member's interactions since `from`, newest first: what placed them. */
    actions(channelId: string, authorRemoteId: string, limit: number) {
      return db
        .selectFrom('interactions as i')
        .select([
          'i.kind',
          'i.author_handle',
          'i.author_name',
          'i.author_url',
          'i.text',
          'i.url',
          'i.remote_created_at',
          'i.received_at',
          (eb) =>
            eb
              .exists(
                eb
                  .selectFrom('publications as p')
                  .select('p.id')
                  .whereRef('p.channel_id', '=', 'i.channel_id')
                  .whereRef('p.remote_id', '=', 'i.parent_remote_id'),
              )
              .as('answers_library'),
        ])
        .where('i.channel_id', '=', channelId)
        .where('i.author_remote_id', '=', authorRemoteId)
        .orderBy('i.received_at', 'desc')
        .orderBy('i.id', 'desc')
        .limit(limit)
        .execute()
    },
    /** Each channel's latest follower count up to a day (YYYY-MM-DD), as its network gave it. */
    async followers(libraryId: string, channelIds: readonly string[], until: string) {
      if (channelIds.length === 0) return []
      return db
        .selectFrom('account_metrics as m')
        .select(['m.channel_id', 'm.followers', 'm.day'])
        .where('m.library_id', '=', libraryId)
        .where('m.channel_id', 'in', [...channelIds])
        .where('m.followers', 'is not', null)
        .where((eb) =>
          eb(
            'm.day',
            '=',
            eb
              .selectFrom('account_metrics as l')
              .select((f) => f.fn.max('l.day').as('day'))
              .whereRef('l.channel_id', '=', 'm.channel_id')
              .where('l.followers', 'is not', null)
              .where('l.day', '<=', until),
          ),
        )
        .execute()
    },

    /** The ladder rows of an account, by its ids on the networks or its handles. */
    byAccount(libraryId: string, remoteIds: readonly string[], handles: readonly string[]) {
      if (remoteIds.length === 0 && handles.length === 0) return Promise.resolve([])
      return db
        .selectFrom('audience_members')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where((eb) =>
          eb.or([
            ...(remoteIds.length ? [eb('author_remote_id', 'in', [...remoteIds])] : []),
            ...(handles.length ? [eb('handle', 'in', [...handles])] : []),
          ]),
        )
        .orderBy('first_seen_at')
        .execute()
    },
    /** Pseudonyms the ladder must never place again (erased on request). */
    async erase(libraryId: string, ids: readonly string[], at: string) {
      if (ids.length === 0) return
      await db
        .insertInto('ladder_erased')
        .values(ids.map((id) => ({ library_id: libraryId, member_id: id, erased_at: at })))
        .onConflict((oc) => oc.columns(['library_id', 'member_id']).doNothing())
        .execute()
    },
    async erased(libraryId: string): Promise<Set<string>> {
      const rows = await db
        .selectFrom('ladder_erased')
        .select('member_id')
        .where('library_id', '=', libraryId)
        .execute()
      return new Set(rows.map((r) => r.member_id))
    },
    /** Deletes the members (their movements go with them); the months' counts hold no one. */
    async forget(libraryId: string, ids: readonly string[]) {
      if (ids.length === 0) return 0
      const result = await db
        .deleteFrom('audience_members')
        .where('library_id', '=', libraryId)
        .where('id', 'in', [...ids])
        .executeTakeFirst()
      return Number(result.numDeletedRows)
    },
  }
}
export type LadderRepo = ReturnType<typeof ladderRepo>
