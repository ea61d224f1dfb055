import { CompiledQuery, type Selectable, sql } from 'kysely'
import type { Db } from '../db/database.js'
import { isPostgres } from '../db/dialect.js'
import type { AudienceMembersTable, LadderSettingsTable } from '../db/schema/ladder.js'

export type AudienceMemberRow = Selectable<AudienceMembersTable>
export type LadderSettingsRow = Selectable<LadderSettingsTable>

const SQLITE_PARAMETERS = 30_000

/** The ladder's tables: members under pseudonyms, the rules, and each month's counts and movements. */
export function ladderRepo(db: Db) {
  const pg = isPostgres(db)

  /**
   * Many rows in as few statements as the database allows, built as text:
   * a first rebuild writes tens of thousands, and a Kysely tree of them takes
   * longer to build than the database takes to write them.
   */
  async function insertRows<R extends object>(
    table: 'audience_members' | 'ladder_movements',
    columns: readonly (keyof R & string)[],
    rows: readonly R[],
    tail = '',
  ) {
    if (rows.length === 0) return
    const names = columns.map((c) => `"${c}"`).join(', ')
    if (pg) {
      await db.executeQuery(
        CompiledQuery.raw(
          `insert into ${table} (${names}) select ${names}
            from json_populate_recordset(null::${table}, $1::json) ${tail}`,
          [JSON.stringify(rows)],
        ),
      )
      return
    }
    const size = Math.floor(SQLITE_PARAMETERS / columns.length)
    const row = `(${columns.map(() => '?').join(', ')})`
    for (let i = 0; i < rows.length; i += size) {
      const part = rows.slice(i, i + size)
      await db.executeQuery(
        CompiledQuery.raw(
          `insert into ${table} (${names}) values ${Array(part.length).fill(row).join(', ')} ${tail}`,
          part.flatMap((r) => columns.map((c) => r[c])),
        ),
      )
    }
  }

  const repo = {
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
    /** What the rebuild placed people as of: the month, the moment, the days seen and the rules. */
    async markRebuilt(
      libraryId: string,
      placed: { month: string; at: string; seq: number; rules: string },
    ) {
      await db
        .updateTable('ladder_settings')
        .set({
          month: placed.month,
          rebuilt_at: placed.at,
          placed_seq: placed.seq,
          placed_rules: placed.rules,
        })
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

    members(libraryId: string) {
      return db
        .selectFrom('audience_members')
        .selectAll()
        .where('library_id', '=', libraryId)
        .execute()
    },
    /**
     * The members a night must place again (rebuildLadder): those of these
     * accounts (the ones whose days changed, or moved in or out of a window,
     * since the last night), and those who lead or led, whose step staff may
     * have changed since.
     */
    async membersToPlace(
      libraryId: string,
      accounts: readonly { channel_id: string; author_remote_id: string }[],
    ): Promise<AudienceMemberRow[]> {
      // Migration 042's partial index holds exactly these.
      const unsettled = await db
        .selectFrom('audience_members')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where(sql<boolean>`(lead = 1 or level = 'lead')`)
        .execute()
      if (accounts.length === 0) return unsettled
      if (pg) {
        // The library's members against the accounts as one hashed array (a channel id is a
        // UUID: the first space ends it): a probe per account, planned for the ten rows
        // PostgreSQL guesses an array holds, cost a second under load.
        const { rows } = await sql<AudienceMemberRow>`select * from audience_members
          where library_id = ${libraryId}
            and channel_id || ' ' || author_remote_id = any(${accounts.map(
              (a) => `${a.channel_id} ${a.author_remote_id}`,
            )}::text[])`.execute(db)
        return [...rows, ...unsettled]
      }
      // Each account looked up by the unique (channel_id, author_remote_id): SQLite keeps a
      // cross join's order, and would otherwise scan the list once per member.
      const { rows } = await sql<AudienceMemberRow>`select m.* from (
          select value ->> 0 as channel_id, value ->> 1 as author_remote_id
          from json_each(${JSON.stringify(accounts.map((a) => [a.channel_id, a.author_remote_id]))})
        ) as k
        cross join audience_members m
        where m.channel_id = k.channel_id and m.author_remote_id = k.author_remote_id
          and m.library_id = ${libraryId}`.execute(db)
      return [...rows, ...unsettled]
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
      const update = columns
        // Staff set leading; a rebuild never writes it back (it may have read it before a change).
        .filter((c) => !['library_id', 'id', 'lead', 'lead_since'].includes(c))
        .map((c) => `"${c}" = excluded."${c}"`)
        .join(', ')
      await insertRows(
        'audience_members',
        columns,
        rows,
        `on conflict (library_id, id) do update set ${update}`,
      )
    },
    /**
     * Removes members last seen before `before`, and those of a channel the
     * library no longer has; each found by an index (migration 042), not a
     * read of every member.
     */
    async removeMembers(libraryId: string, before: string) {
      const unseen = await db
        .deleteFrom('audience_members')
        .where('library_id', '=', libraryId)
        .where('last_seen_at', '<', before)
        .executeTakeFirst()
      const channels = await db
        .selectFrom('channels')
        .select('id')
        .where('library_id', '=', libraryId)
        .where('deleted_at', 'is not', null)
        .execute()
      // Each channel's members by the (channel_id, author_remote_id) index; most nights none.
      let gone = 0
      for (const { id } of channels)
        gone += Number(
          (
            await db
              .deleteFrom('audience_members')
              .where('channel_id', '=', id)
              .where('library_id', '=', libraryId)
              .executeTakeFirst()
          ).numDeletedRows,
        )
      return Number(unseen.numDeletedRows) + gone
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
    /**
     * Makes one month's counts and movements what a rebuild found. The
     * movements are compared with those stored and only the difference is
     * written: a nightly rebuild changes a few of this month's thousands.
     */
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
      const stored = new Map(
        (
          await db
            .selectFrom('ladder_movements')
            .select(['member_id', 'from_level', 'to_level'])
            .where('library_id', '=', libraryId)
            .where('month', '=', month)
            .execute()
        ).map((m) => [m.member_id, m]),
      )
      const changed = moved.filter((m) => {
        const was = stored.get(m.memberId)
        stored.delete(m.memberId)
        return !was || was.from_level !== m.from || was.to_level !== m.to
      })
      const gone = [...stored.keys()]
      for (let i = 0; i < gone.length; i += 1_000)
        await db
          .deleteFrom('ladder_movements')
          .where('library_id', '=', libraryId)
          .where('month', '=', month)
          .where('member_id', 'in', gone.slice(i, i + 1_000))
          .execute()
      await insertRows(
        'ladder_movements',
        ['library_id', 'month', 'member_id', 'from_level', 'to_level'],
        changed.map((m) => ({
          library_id: libraryId,
          month,
          member_id: m.memberId,
          from_level: m.from,
          to_level: m.to,
        })),
        'on conflict (library_id, month, member_id) do update set from_level = excluded.from_level, to_level = excluded.to_level',
      )
    },
    /**
     * Makes the month's counts and movements from the members as they stand
     * (month_start_level → level), once a rebuild wrote them; returns how
     * many members there are. Migration 042's index holds all it reads.
     */
    async countMonth(libraryId: string, month: string, at: string): Promise<number> {
      const groups = await repo.stepCounts(libraryId)
      const moved = await repo.movers(libraryId)
      await repo.replaceMonth(
        libraryId,
        month,
        groups
          .filter((g) => g.month_start_level !== null || g.level !== null)
          .map((g) => ({
            from: g.month_start_level ?? '',
            to: g.level ?? '',
            members: Number(g.n),
          })),
        moved.map((m) => ({ memberId: m.id, from: m.month_start_level, to: m.level })),
        at,
      )
      return groups.reduce((sum, g) => sum + Number(g.n), 0)
    },
    /** How many members stand at each pair of steps (the month's start, now). */
    stepCounts(libraryId: string) {
      return db
        .selectFrom('audience_members')
        .select(['month_start_level', 'level', (eb) => eb.fn.countAll<number>().as('n')])
        .where('library_id', '=', libraryId)
        .groupBy(['month_start_level', 'level'])
        .execute()
    },
    /** The members whose step is not the one they started the month on. */
    movers(libraryId: string) {
      return db
        .selectFrom('audience_members')
        .select(['id', 'month_start_level', 'level'])
        .where('library_id', '=', libraryId)
        .where(sql<boolean>`month_start_level is distinct from level`)
        .execute()
    },
    /** A new month: every member starts it on the step they stand on (those who moved, written). */
    async startMonth(libraryId: string, at: string) {
      await db
        .updateTable('audience_members')
        .set((eb) => ({ month_start_level: eb.ref('level'), updated_at: at }))
        .where('library_id', '=', libraryId)
        .where(sql<boolean>`month_start_level is distinct from level`)
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

    /**
     * What a member wrote to or about the library (replies, mentions, quotes,
     * comments: the inbox's items, found by their author), newest first.
     */
    writings(libraryId: string, channelId: string, authorRemoteId: string, limit: number) {
      return db
        .selectFrom('inbox_items as b')
        .innerJoin('interactions as i', 'i.id', 'b.id')
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
        .where('b.library_id', '=', libraryId)
        .where('b.author_remote_id', '=', authorRemoteId)
        .where('b.channel_id', '=', channelId)
        .orderBy('b.received_at', 'desc')
        .orderBy('b.id', 'desc')
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
  return repo
}
export type LadderRepo = ReturnType<typeof ladderRepo>
