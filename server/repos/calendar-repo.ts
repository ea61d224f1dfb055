import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
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
  const all: Expression<SqlBool>[] = []
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

export function calendarRepo(db: Db) {
  function posts(libraryId: string, filter: CalendarPostFilter, full: boolean) {
    return db
      .selectFrom('posts')
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
      .where('posts.library_id', '=', libraryId)
      .where((eb) => matches(eb, filter))
  }

  return {
    /** Posts whose calendar time falls in the range, in time order; `full` carries the whole text. */
    inRange(
      libraryId: string,
      range: CalendarRange,
      filter: CalendarPostFilter,
      options: { limit: number; full?: boolean },
    ) {
      return posts(libraryId, filter, options.full ?? false)
        .where('posts.calendar_at', '>=', range.from)
        .where('posts.calendar_at', '<', range.to)
        .orderBy('posts.calendar_at')
        .orderBy('posts.id')
        .limit(options.limit)
        .execute()
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
    ): Promise<{ ids: string[]; counts: { day: number; n: number }[] }> {
      const starts = dayStarts.slice(0, -1)
      const ends = dayStarts.slice(1)
      const days = db.selectFrom(
        (isPostgres(db)
          ? sql<DayRow>`(select * from unnest(${starts.map((_, i) => i)}::int[], ${starts}::timestamptz[], ${ends}::timestamptz[]) as t(d, s, e))`
          : sql<DayRow>`(select column1 as d, column2 as s, column3 as e from (values ${sql.join(
              starts.map((start, i) => sql`(${i}, ${start}, ${ends[i]!})`),
            )}))`
        ).as('days'),
      )
      // The posts of one day of `days`, filtered: one index range each.
      const inDay = (eb: DayScope) =>
        eb
          .selectFrom('posts')
          .where('posts.library_id', '=', libraryId)
          .whereRef('posts.calendar_at', '>=', 'days.s')
          .whereRef('posts.calendar_at', '<', 'days.e')
          // The filter's builder is typed for `posts` alone; here `days` is in scope as well.
          .where((inner) =>
            matches(inner as unknown as ExpressionBuilder<Database, 'posts'>, filter),
          )
      const first = (eb: DayScope) =>
        inDay(eb).select('posts.id').orderBy('posts.calendar_at').orderBy('posts.id').limit(perDay)
      // PostgreSQL joins each day laterally; SQLite, which has no LATERAL, takes the same per-day
      // subqueries correlated. Either way no day's posts beyond its first few are read whole.
      const [perDayCounts, firsts] = await Promise.all([
        days
          .select((eb) => [
            'days.d',
            inDay(eb)
              .select((c) => c.fn.countAll<number>().as('n'))
              .as('n'),
          ])
          .execute(),
        isPostgres(db)
          ? days
              .innerJoinLateral(
                (eb) => first(eb).as('p'),
                (join) => join.onTrue(),
              )
              .select('p.id')
              .execute()
          : days
              .innerJoin('posts as p', (join) =>
                join.on((eb) => eb('p.id', 'in', first(eb as unknown as DayScope))),
              )
              .select('p.id')
              .execute(),
      ])
      return {
        ids: firsts.map((r) => r.id),
        counts: perDayCounts
          .filter((r) => Number(r.n) > 0)
          .map((r) => ({ day: Number(r.d), n: Number(r.n) })),
      }
    },

    byIds(libraryId: string, ids: string[]) {
      if (ids.length === 0) return Promise.resolve([])
      return posts(libraryId, NO_FILTER, false).where('posts.id', 'in', ids).execute()
    },

    /** The channels of the posts in the range, by the same scan (no list of ids to send). */
    channelsInRange(libraryId: string, range: CalendarRange, filter: CalendarPostFilter) {
      return db
        .selectFrom('posts')
        .innerJoin('publications as p', 'p.post_id', 'posts.id')
        .select(['p.post_id', 'p.channel_id'])
        .where('posts.library_id', '=', libraryId)
        .where('posts.calendar_at', '>=', range.from)
        .where('posts.calendar_at', '<', range.to)
        .where((eb) => matches(eb, filter))
        .where('p.library_id', '=', libraryId)
        .where('p.state', '<>', 'cancelled')
        .execute()
    },

    /**
     * Posts with no time at all yet (drafts nobody has planned), most recently
     * changed first, each carrying how many there are in all (`total`).
     */
    unplanned(libraryId: string, filter: CalendarPostFilter, limit: number) {
      // The newest few are chosen, and all counted, from the posts alone; only they are joined to their authors.
      const newest = db
        .selectFrom('posts')
        .select(['posts.id', sql<number>`count(*) over ()`.as('total')])
        .where('posts.library_id', '=', libraryId)
        .where('posts.calendar_at', 'is', null)
        .where((eb) => matches(eb, filter))
        .orderBy('posts.updated_at', 'desc')
        .limit(limit)
        .as('newest')
      return posts(libraryId, NO_FILTER, false)
        .innerJoin(newest, 'newest.id', 'posts.id')
        .select('newest.total')
        .orderBy('posts.updated_at', 'desc')
        .execute()
    },

    channelsOf(libraryId: string, postIds: string[]) {
      if (postIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('publications')
        .select(['post_id', 'channel_id'])
        .where('library_id', '=', libraryId)
        .where('post_id', 'in', postIds)
        .where('state', '<>', 'cancelled')
        .execute()
    },
  }
}
export type CalendarRepo = ReturnType<typeof calendarRepo>
export type CalendarPostRow = Awaited<ReturnType<CalendarRepo['inRange']>>[number]
