import { CompiledQuery, type Selectable, sql } from 'kysely'
import type { Db } from '../db/database.js'
import { isPostgres } from '../db/dialect.js'
import type { LadderActivityTable } from '../db/schema/ladder.js'
import { archiveRepo } from './archive-repo.js'

export type LadderActivityRow = Selectable<LadderActivityTable>

/** What one account did, summed per window: the input of the ladder's rules. */
export interface AccountFacts {
  channel_id: string
  author_remote_id: string
  /** As on its latest day. */
  handle: string
  first_at: string
  last_at: string
  followed_at: string | null
  /** Per window asked for, in order: likes and reposts, and replies, comments, quotes, mentions. */
  endorsements: number[]
  contributions: number[]
  /** Distinct ISO weeks it spoke of the library on its own initiative. */
  unpromptedWeeks: number[]
}

/** A window of days (the library's), both ends included. */
export interface DayWindow {
  from: string
  to: string
}

const CHUNK = 1_000
const SQLITE_PARAMETERS = 30_000
const COLUMNS = [
  'library_id',
  'channel_id',
  'author_remote_id',
  'day',
  'handle',
  'follows',
  'endorsements',
  'contributions',
  'unprompted',
  'first_at',
  'last_at',
  'seq',
] as const satisfies readonly (keyof LadderActivityRow)[]

// A repeated batch never reaches here twice: the sums and the consumer's position are written
// in one transaction (ladder-activity.ts).
const ADD = `on conflict (library_id, channel_id, author_remote_id, day) do update set
  handle = excluded.handle,
  follows = ladder_activity.follows + excluded.follows,
  endorsements = ladder_activity.endorsements + excluded.endorsements,
  contributions = ladder_activity.contributions + excluded.contributions,
  unprompted = ladder_activity.unprompted + excluded.unprompted,
  first_at = case when excluded.first_at < ladder_activity.first_at
    then excluded.first_at else ladder_activity.first_at end,
  last_at = case when excluded.last_at > ladder_activity.last_at
    then excluded.last_at else ladder_activity.last_at end,
  seq = excluded.seq`

/** The ladder's per-day sums of each account's acts, and the reads the rebuild makes of them. */
export function ladderActivityRepo(db: Db) {
  const pg = isPostgres(db)
  return {
    /**
     * The consumer's position in ingest's outbox, held until the transaction
     * ends, so two workers never sum the same batch (SQLite has one writer).
     */
    async lockPosition(consumer: string, now: string): Promise<number> {
      await db
        .insertInto('archive_positions')
        .values({ consumer, seq: 0, updated_at: now })
        .onConflict((oc) => oc.column('consumer').doNothing())
        .execute()
      let q = db.selectFrom('archive_positions').select('seq').where('consumer', '=', consumer)
      if (pg) q = q.forUpdate()
      return Number((await q.executeTakeFirstOrThrow()).seq)
    },
    /** The interactions of ingest batches, with whether each answers one of the library's posts. */
    async sources(ids: readonly string[]) {
      const out = []
      for (let i = 0; i < ids.length; i += CHUNK)
        out.push(
          ...(await db
            .selectFrom('interactions as i')
            .select([
              'i.library_id',
              'i.channel_id',
              'i.kind',
              'i.author_remote_id',
              'i.author_handle',
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
            .where('i.id', 'in', ids.slice(i, i + CHUNK))
            .execute()),
        )
      return out
    },
    /** Adds a batch's sums to what each account did each day. */
    async add(rows: readonly LadderActivityRow[]) {
      if (rows.length === 0) return
      const names = COLUMNS.join(', ')
      // Built as text: a first run over an installation's history writes many thousands of rows.
      if (pg) {
        await db.executeQuery(
          CompiledQuery.raw(
            `insert into ladder_activity (${names}) select ${names}
              from json_populate_recordset(null::ladder_activity, $1::json) ${ADD}`,
            [JSON.stringify(rows)],
          ),
        )
        return
      }
      const size = Math.floor(SQLITE_PARAMETERS / COLUMNS.length)
      const row = `(${COLUMNS.map(() => '?').join(', ')})`
      for (let i = 0; i < rows.length; i += size) {
        const part = rows.slice(i, i + size)
        await db.executeQuery(
          CompiledQuery.raw(
            `insert into ladder_activity (${names}) values ${Array(part.length).fill(row).join(', ')} ${ADD}`,
            part.flatMap((r) => COLUMNS.map((c) => r[c])),
          ),
        )
      }
    },

    /** The consumer's position as committed: every batch up to it is in the sums. */
    position: (consumer: string): Promise<number> => archiveRepo(db).position(consumer),
    /**
     * Per account of the library: its first and last moment, its first
     * follow, its endorsing and contributing acts and the distinct ISO weeks
     * it spoke unprompted, within each window of days. With `changed`, only
     * the accounts with a day added to since that position or a day within
     * those ranges (the days a window took in or let go since the last night),
     * and those who lead or led.
     * Weeks are counted by grouping per account and week first (days since
     * 0001-01-01, a Monday, divided by 7), so no day list leaves the database.
     */
    async facts(
      libraryId: string,
      until: string,
      windows: readonly DayWindow[],
      changed?: { after: number; days: readonly DayWindow[] },
    ): Promise<AccountFacts[]> {
      const within = (w: DayWindow) => sql`a.day >= ${w.from} and a.day <= ${w.to}`
      const perWeek = windows.flatMap((w, n) => [
        sql`sum(case when ${within(w)} then a.endorsements else 0 end) as ${sql.ref(`e${n}`)}`,
        sql`sum(case when ${within(w)} then a.contributions else 0 end) as ${sql.ref(`c${n}`)}`,
        sql`max(case when a.unprompted > 0 and ${within(w)} then 1 else 0 end) as ${sql.ref(`w${n}`)}`,
      ])
      const sums = windows.flatMap((_, n) =>
        ['e', 'c', 'w'].map((k) => sql`sum(${sql.ref(`${k}${n}`)}) as ${sql.ref(`${k}${n}`)}`),
      )
      const week = pg
        ? sql`(a.day::date - date '0001-01-01') / 7`
        : sql`cast(julianday(a.day) - julianday('0001-01-01') as integer) / 7`
      // One list of accounts, hashed (PostgreSQL) or indexed (SQLite) once: an `or` of two
      // `exists` is a probe per day instead.
      const only = changed
        ? sql`and (a.channel_id, a.author_remote_id) in (
            select c.channel_id, c.author_remote_id from ladder_activity c
            where c.library_id = ${libraryId} and (c.seq > ${changed.after} ${sql.join(
              changed.days.map((d) => sql`or (c.day >= ${d.from} and c.day <= ${d.to})`),
              sql` `,
            )})
            union all
            select m.channel_id, m.author_remote_id from audience_members m
            where m.library_id = ${libraryId} and (m.lead = 1 or m.level = 'lead'))`
        : sql``
      // A day is 'YYYY-MM-DD': the largest day || handle is the latest day's handle.
      const result = await sql<Record<string, string | number | null>>`
        select channel_id, author_remote_id, substr(max(handle), 11) as handle,
          min(first_at) as first_at, max(last_at) as last_at, min(followed_at) as followed_at,
          ${sql.join(sums)}
        from (
          select a.channel_id, a.author_remote_id, max(a.day || a.handle) as handle,
            min(a.first_at) as first_at, max(a.last_at) as last_at,
            min(case when a.follows > 0 then a.first_at end) as followed_at,
            ${sql.join(perWeek)}
          from ladder_activity a
          where a.library_id = ${libraryId} and a.day <= ${until} ${only}
          group by a.channel_id, a.author_remote_id, ${week}
        ) as w
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
        unpromptedWeeks: windows.map((_, n) => Number(r[`w${n}`] ?? 0)),
      }))
    },
    /** One account's days, newest first. */
    days(libraryId: string, channelId: string, authorRemoteId: string) {
      return db
        .selectFrom('ladder_activity')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('channel_id', '=', channelId)
        .where('author_remote_id', '=', authorRemoteId)
        .orderBy('day', 'desc')
        .execute()
    },
    /** Forgets the days before `before`: the windows no longer reach them. */
    async trim(libraryId: string, before: string) {
      await db
        .deleteFrom('ladder_activity')
        .where('library_id', '=', libraryId)
        .where('day', '<', before)
        .execute()
    },
    /**
     * Forgets likes, reposts and follows before `before`: the archive keeps them
     * per person no longer (its interaction retention), and neither does the ladder.
     * The rows changed get `seq`, so the rebuild places their accounts again.
     */
    async forgetCounts(libraryId: string, before: string, seq: number) {
      await db
        .updateTable('ladder_activity')
        .set({ endorsements: 0, follows: 0, seq })
        .where('library_id', '=', libraryId)
        .where('day', '<', before)
        .where((eb) => eb.or([eb('endorsements', '>', 0), eb('follows', '>', 0)]))
        .execute()
    },
    /** The days of an account, by its ids or handles (a registerutdrag). */
    byAccount(libraryId: string, remoteIds: readonly string[], handles: readonly string[]) {
      if (remoteIds.length === 0 && handles.length === 0) return Promise.resolve([])
      return db
        .selectFrom('ladder_activity')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where((eb) =>
          eb.or([
            ...(remoteIds.length ? [eb('author_remote_id', 'in', [...remoteIds])] : []),
            ...(handles.length ? [eb('handle', 'in', [...handles])] : []),
          ]),
        )
        .orderBy('day')
        .execute()
    },
    async forget(libraryId: string, accounts: readonly { channelId: string; remoteId: string }[]) {
      for (const a of accounts)
        await db
          .deleteFrom('ladder_activity')
          .where('library_id', '=', libraryId)
          .where('channel_id', '=', a.channelId)
          .where('author_remote_id', '=', a.remoteId)
          .execute()
    },
  }
}
export type LadderActivityRepo = ReturnType<typeof ladderActivityRepo>
