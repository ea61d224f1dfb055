import {
  type Compilable,
  CompiledQuery,
  type Expression,
  type ExpressionBuilder,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely'
import type { Db } from '../db/database.js'
import { isPostgres } from '../db/dialect.js'
import type { Database } from '../db/schema/index.js'

export interface CalendarPostFilter {
  channelIds: readonly string[]
  campaignIds: readonly string[]
  authorIds: readonly string[]
  assigneeIds: readonly string[]
  states: readonly string[]
  tags: readonly string[]
}

/** UTC instants, `from` included and `to` excluded. */
export interface CalendarRange {
  from: string
  to: string
}

const EXCERPT_CHARS = 160

export const NO_FILTER: CalendarPostFilter = {
  channelIds: [],
  campaignIds: [],
  authorIds: [],
  assigneeIds: [],
  states: [],
  tags: [],
}

/** Tags are stored as a JSON array; a tag matches its own quoted form, not a part of another tag. */
function tagPattern(tag: string): string {
  return `%${JSON.stringify(tag.toLowerCase()).replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

function matches(
  eb: ExpressionBuilder<Database, 'posts'>,
  filter: CalendarPostFilter,
): Expression<SqlBool> {
  // Answers from the inbox are posts too, but they belong to their conversation, not the plan.
  const all: Expression<SqlBool>[] = [eb('posts.reply_to_item_id', 'is', null)]
  if (filter.campaignIds.length) all.push(eb('posts.campaign_id', 'in', [...filter.campaignIds]))
  if (filter.authorIds.length) all.push(eb('posts.author_id', 'in', [...filter.authorIds]))
  if (filter.assigneeIds.length) all.push(eb('posts.assignee_id', 'in', [...filter.assigneeIds]))
  if (filter.states.length) all.push(eb('posts.state', 'in', [...filter.states]))
  if (filter.tags.length)
    all.push(
      eb.or(
        filter.tags.map(
          (tag) => sql<SqlBool>`lower(${eb.ref('posts.tags')}) like ${tagPattern(tag)} escape '\\'`,
        ),
      ),
    )
  if (filter.channelIds.length)
    all.push(
      eb.exists(
        eb
          .selectFrom('publications as pb')
          .select(sql.lit(1).as('one'))
          .whereRef('pb.library_id', '=', 'posts.library_id')
          .whereRef('pb.post_id', '=', 'posts.id')
          .where('pb.channel_id', 'in', [...filter.channelIds])
          .where('pb.state', '<>', 'cancelled'),
      ),
    )
  return eb.and(all)
}

/**
 * The calendar's reads. Every query is one range scan of the posts of one
 * library on (library_id, calendar_at), the column migration 009 keeps.
 */
interface DayRow {
  d: number
  s: string
  e: string
}
type DayScope = ExpressionBuilder<Database & { days: DayRow }, 'days'>

/** The values of the month grid's statements: the library, the day boundaries, how many a day. */
interface MonthValues {
  libraryId: string
  perDay: number
  /** PostgreSQL: the days as three arrays. */
  indexes: number[]
  starts: string[]
  ends: string[]
  /** SQLite: the days as one JSON array of [start, end]. */
  pairs: string
}

const unfiltered = (f: CalendarPostFilter) =>
  !f.channelIds.length &&
  !f.campaignIds.length &&
  !f.authorIds.length &&
  !f.assigneeIds.length &&
  !f.states.length &&
  !f.tags.length

const STAND_IN = '\u0000torget-value:'

/**
 * A statement whose text depends on nothing but its values, built once with stand-ins for
 * them and afterwards sent with each call's own values in their places. Building a statement
 * with Kysely costs about as much as SQLite takes to run a small one.
 */
function reusable<V extends object, R>(build: (values: V) => Compilable<R>) {
  let built: CompiledQuery<R> | undefined
  return (values: V): CompiledQuery<R> => {
    built ??= build(
      Object.fromEntries(Object.keys(values).map((key) => [key, `${STAND_IN}${key}`])) as V,
    ).compile()
    const parameters = built.parameters.map((p) =>
      typeof p === 'string' && p.startsWith(STAND_IN)
        ? values[p.slice(STAND_IN.length) as keyof V]
        : p,
    )
    return CompiledQuery.raw(built.sql, parameters) as CompiledQuery<R>
  }
}

export function calendarRepo(db: Db) {
  // A post's channels as one comma-separated column, from the (post_id, channel_id) index:
  // a few hundred posts arrive with them, and no list of ids goes back for a second query.
  // In no particular order (sorting inside the aggregate costs SQLite a temporary tree per
  // post). A whole period's thousands are cheaper joined once (`inRange`).
  const channelIds = sql<string | null>`(select ${sql.raw(
    isPostgres(db) ? "string_agg(pb.channel_id, ',')" : "group_concat(pb.channel_id, ',')",
  )} from publications pb where pb.post_id = posts.id and pb.library_id = posts.library_id
    and pb.state <> 'cancelled')`

  /**
   * `checked`: the rows are already chosen by rowid (SQLite), and the library is only
   * confirmed. A unary plus keeps SQLite from driving the query by the library's index
   * instead, which it would do without planner statistics, reading every post it holds.
   */
  function posts(
    libraryId: string,
    filter: CalendarPostFilter,
    full: boolean,
    library: 'indexed' | 'checked' = 'indexed',
  ) {
    return columns(db.selectFrom('posts'), full)
      .where(
        library === 'indexed'
          ? sql<SqlBool>`posts.library_id = ${libraryId}`
          : sql<SqlBool>`+posts.library_id = ${libraryId}`,
      )
      .where((eb) => matches(eb, filter))
  }

  /** The calendar's columns of a post (the whole text, or its start) on a query over `posts`. */
  function columns(from: SelectQueryBuilder<Database, 'posts', object>, full: boolean) {
    return from
      .innerJoin('users as author', 'author.id', 'posts.author_id')
      .leftJoin('users as assignee', 'assignee.id', 'posts.assignee_id')
      .select([
        'posts.id',
        'posts.state',
        'posts.calendar_at',
        'posts.scheduled_at',
        'posts.planned_at',
        full
          ? 'posts.text'
          : sql<string>`substr(posts.text, 1, ${sql.lit(EXCERPT_CHARS)})`.as('text'),
        'posts.author_id',
        'author.name as author_name',
        'posts.assignee_id',
        'assignee.name as assignee_name',
        'posts.campaign_id',
        'posts.tags',
        'posts.version',
        'posts.updated_at',
      ])
  }

  function withChannels(
    libraryId: string,
    filter: CalendarPostFilter,
    library: 'indexed' | 'checked' = 'indexed',
  ) {
    return posts(libraryId, filter, false, library).select(channelIds.as('channel_ids'))
  }

  /** The month grid's two statements: each day's count, and each day's first `perDay` posts. */
  function month(v: MonthValues, filter: CalendarPostFilter) {
    const days = db.selectFrom(
      (isPostgres(db)
        ? sql<DayRow>`(select * from unnest(${v.indexes}::int[], ${v.starts}::timestamptz[], ${v.ends}::timestamptz[]) as t(d, s, e))`
        : sql<DayRow>`(select key as d, value ->> 0 as s, value ->> 1 as e from json_each(${v.pairs}))`
      ).as('days'),
    )
    // The posts of one day of `days`, filtered: one index range each.
    const inDay = (eb: DayScope) =>
      eb
        .selectFrom('posts')
        .where('posts.library_id', '=', v.libraryId)
        .whereRef('posts.calendar_at', '>=', 'days.s')
        .whereRef('posts.calendar_at', '<', 'days.e')
        // The filter's builder is typed for `posts` alone; here `days` is in scope as well.
        .where((inner) => matches(inner as unknown as ExpressionBuilder<Database, 'posts'>, filter))
    const first = (eb: DayScope) =>
      inDay(eb).orderBy('posts.calendar_at').orderBy('posts.id').limit(v.perDay)
    const counts = days.select((eb) => [
      'days.d',
      inDay(eb)
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('n'),
    ])
    // PostgreSQL reads each day's first posts whole in a lateral join; SQLite, which has no
    // LATERAL, picks the same posts in correlated subqueries and reads them by rowid (which its
    // indexes hold: one lookup each). Either way no day's posts beyond its first few are read.
    const rows = isPostgres(db)
      ? days
          .innerJoinLateral(
            (eb) =>
              columns(first(eb) as unknown as SelectQueryBuilder<Database, 'posts', object>, false)
                .select(channelIds.as('channel_ids'))
                .as('p'),
            (join) => join.onTrue(),
          )
          .selectAll('p')
      : withChannels(v.libraryId, NO_FILTER, 'checked').where(
          sql<SqlBool>`posts.rowid in (${days
            .innerJoin('posts as p', (join) =>
              join.on((eb) =>
                eb(
                  sql.ref('p.rowid'),
                  'in',
                  first(eb as unknown as DayScope).select(sql<number>`posts.rowid`.as('rid')),
                ),
              ),
            )
            .select(sql<number>`p.rowid`.as('rid'))})`,
        )
    return { counts, rows }
  }
  function undated(v: { libraryId: string; limit: number }, filter: CalendarPostFilter) {
    return withChannels(v.libraryId, filter)
      .where('posts.calendar_at', 'is', null)
      .select((eb) =>
        eb
          .selectFrom('posts')
          .select((c) => c.fn.countAll<number>().as('n'))
          .where('posts.library_id', '=', v.libraryId)
          .where('posts.calendar_at', 'is', null)
          .where((inner) => matches(inner, filter))
          .as('total'),
      )
      .orderBy('posts.updated_at', 'desc')
      .orderBy('posts.id', 'desc')
      .limit(v.limit)
  }

  // The unfiltered month is what nearly every member opens; its statements are built once.
  const monthCounts = reusable((v: MonthValues) => month(v, NO_FILTER).counts)
  const monthRows = reusable((v: MonthValues) => month(v, NO_FILTER).rows)
  const undatedUnfiltered = reusable((v: { libraryId: string; limit: number }) =>
    undated(v, NO_FILTER),
  )

  return {
    /** Posts whose calendar time falls in the range, in time order; `full` carries the whole text. */
    async inRange(
      libraryId: string,
      range: CalendarRange,
      filter: CalendarPostFilter,
      options: { limit: number; full?: boolean },
    ) {
      const [rows, channels] = await Promise.all([
        posts(libraryId, filter, options.full ?? false)
          .where('posts.calendar_at', '>=', range.from)
          .where('posts.calendar_at', '<', range.to)
          .orderBy('posts.calendar_at')
          .orderBy('posts.id')
          .limit(options.limit)
          .execute(),
        db
          .selectFrom('posts')
          .innerJoin('publications as p', 'p.post_id', 'posts.id')
          .select(['p.post_id', 'p.channel_id'])
          .where('posts.library_id', '=', libraryId)
          .where('posts.calendar_at', '>=', range.from)
          .where('posts.calendar_at', '<', range.to)
          .where((eb) => matches(eb, filter))
          .where('p.library_id', '=', libraryId)
          .where('p.state', '<>', 'cancelled')
          .execute(),
      ])
      const byPost = new Map<string, string>()
      for (const { post_id, channel_id } of channels) {
        const seen = byPost.get(post_id)
        byPost.set(post_id, seen ? `${seen},${channel_id}` : channel_id)
      }
      // Set on the rows themselves: a period holds thousands, and copying each costs more.
      const withIds = rows as ((typeof rows)[number] & { channel_ids: string | null })[]
      for (const row of withIds) row.channel_ids = byPost.get(row.id) ?? null
      return withIds
    },

    /**
     * Which posts a month grid shows (the first `perDay` of each day) and how many each day
     * holds. `dayStarts` are the instants the library's days begin (its zone is applied by the
     * caller); the last one ends the range. Only ids and times are read, from the index alone
     * when nothing is filtered, one index range per day.
     */
    async firstPerDay(
      libraryId: string,
      dayStarts: readonly string[],
      filter: CalendarPostFilter,
      perDay: number,
    ) {
      const starts = dayStarts.slice(0, -1)
      const ends = dayStarts.slice(1)
      const values: MonthValues = {
        libraryId,
        perDay,
        indexes: starts.map((_, i) => i),
        starts,
        ends,
        pairs: JSON.stringify(starts.map((start, i) => [start, ends[i]])),
      }
      const statements = unfiltered(filter) ? undefined : month(values, filter)
      const [perDayCounts, rows] = await Promise.all([
        statements
          ? statements.counts.execute()
          : db.executeQuery(monthCounts(values)).then((r) => r.rows),
        statements
          ? statements.rows.execute()
          : db.executeQuery(monthRows(values)).then((r) => r.rows),
      ])
      return {
        rows,
        counts: perDayCounts
          .filter((r) => Number(r.n) > 0)
          .map((r) => ({ day: Number(r.d), n: Number(r.n) })),
      }
    },

    /**
     * Posts with no time at all yet (drafts nobody has planned), most recently
     * changed first, each carrying how many there are in all (`total`). Both come
     * from the undated posts' own index (migration 015), newest end first.
     */
    unplanned(libraryId: string, filter: CalendarPostFilter, limit: number) {
      const values = { libraryId, limit }
      return unfiltered(filter)
        ? db.executeQuery(undatedUnfiltered(values)).then((r) => r.rows)
        : undated(values, filter).execute()
    },
  }
}
export type CalendarRepo = ReturnType<typeof calendarRepo>
export type CalendarPostRow = Awaited<ReturnType<CalendarRepo['inRange']>>[number]
