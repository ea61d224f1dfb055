import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { isPostgres } from '../db/dialect.js'
import type {
  StatsDailyTable,
  StatsHourlyTable,
  StatsPostDailyTable,
  StatsPostTotalsTable,
} from '../db/schema/stats.js'

// Rows per statement: under SQLite's 32,766 bound values and PostgreSQL's 65,535.
const CHUNK = 1_000

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size))
  return out
}

const KEYS = {
  stats_daily: ['library_id', 'day', 'channel_id', 'kind'],
  stats_hourly: ['library_id', 'hour', 'channel_id', 'kind'],
  stats_post_daily: ['library_id', 'publication_id', 'day', 'kind'],
  stats_post_totals: ['library_id', 'publication_id', 'kind'],
} as const
type RollupTable = keyof typeof KEYS

/** The rollups' writes (the consumer's increments, a rebuild) and what they are made from. */
export function statsRollupRepo(db: Db) {
  async function upsert<T extends RollupTable>(
    table: T,
    rows: readonly (
      StatsDailyTable | StatsHourlyTable | StatsPostDailyTable | StatsPostTotalsTable
    )[],
  ) {
    if (rows.length === 0) return
    const keys = sql.join(KEYS[table].map((k) => sql.ref(k)))
    const sum = sql`count = ${sql.ref(`${table}.count`)} + excluded.count`
    if (isPostgres(db)) {
      // One statement and one parameter however many rows: the rows as the table's own type.
      await sql`insert into ${sql.table(table)}
        select * from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)
        on conflict (${keys}) do update set ${sum}`.execute(db)
      return
    }
    for (const part of chunks(rows, CHUNK))
      await db
        .insertInto(table)
        .values(part as never)
        .onConflict((oc) =>
          oc
            .columns([...KEYS[table]] as never)
            .doUpdateSet({ count: sql`${sql.ref(`${table}.count`)} + excluded.count` } as never),
        )
        .execute()
  }

  /** Migration 036's counters, in library order so two transactions never wait crosswise. */
  async function bumpGenerations(libraryIds: readonly string[]) {
    const ids = [...new Set(libraryIds)].sort()
    for (const part of chunks(ids, CHUNK))
      await db
        .insertInto('stats_generations')
        .values(part.map((id) => ({ library_id: id, value: 1 })))
        .onConflict((oc) =>
          oc.column('library_id').doUpdateSet({ value: sql`stats_generations.value + 1` }),
        )
        .execute()
  }

  return {
    async position(consumer: string): Promise<{ seq: number; updatedAt: string } | undefined> {
      const row = await db
        .selectFrom('stats_positions')
        .select(['seq', 'updated_at'])
        .where('consumer', '=', consumer)
        .executeTakeFirst()
      return row && { seq: Number(row.seq), updatedAt: row.updated_at }
    },
    async ensurePosition(consumer: string, now: string) {
      await db
        .insertInto('stats_positions')
        .values({ consumer, seq: 0, updated_at: now })
        .onConflict((oc) => oc.column('consumer').doNothing())
        .execute()
    },
    /**
     * Moves the position from `from` to `to`, only if it is still at `from`:
     * in the transaction that adds the batch, so a batch counts once even
     * when two workers read it. First in the transaction, so a rebuild and
     * the consumer take the same lock first and never wait on each other crosswise.
     */
    async advance(consumer: string, from: number, to: number, now: string): Promise<boolean> {
      const result = await db
        .updateTable('stats_positions')
        .set({ seq: to, updated_at: now })
        .where('consumer', '=', consumer)
        .where('seq', '=', from)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    /** Takes the consumer's lock (the row) without moving it; returns where it stands. */
    async lock(consumer: string, now: string): Promise<number> {
      await db
        .updateTable('stats_positions')
        .set({ updated_at: now })
        .where('consumer', '=', consumer)
        .execute()
      const row = await db
        .selectFrom('stats_positions')
        .select('seq')
        .where('consumer', '=', consumer)
        .executeTakeFirstOrThrow()
      return Number(row.seq)
    },
    ingestEvents(afterSeq: number, limit: number, libraryId?: string) {
      let query = db
        .selectFrom('ingest_events')
        .select(['seq', 'library_id', 'at', 'payload'])
        .where('seq', '>', afterSeq)
      if (libraryId) query = query.where('library_id', '=', libraryId)
      return query.orderBy('seq').limit(limit).execute()
    },
    async interactions(ids: readonly string[]) {
      const select = () =>
        db
          .selectFrom('interactions')
          .select([
            'id',
            'library_id',
            'channel_id',
            'kind',
            'subject_remote_id',
            'remote_created_at',
            'received_at',
          ])
      // PostgreSQL takes the ids as one array parameter, not a statement per thousand.
      if (isPostgres(db))
        return select()
          .where(sql<boolean>`id = any(${[...new Set(ids)]}::text[])`)
          .execute()
      const out = []
      for (const part of chunks([...new Set(ids)], CHUNK))
        out.push(...(await select().where('id', 'in', part).execute()))
      return out
    },
    /** The publications these remote ids are on a channel: what an interaction is about. */
    async publicationIds(channelId: string, remoteIds: readonly string[]) {
      const byRemote = new Map<string, string>()
      for (const part of chunks([...new Set(remoteIds)], CHUNK)) {
        const rows = await db
          .selectFrom('publications')
          .select(['id', 'remote_id'])
          .where('channel_id', '=', channelId)
          .where('remote_id', 'in', part)
          .execute()
        for (const r of rows) if (r.remote_id) byRemote.set(r.remote_id, r.id)
      }
      return byRemote
    },
    /** Every publication of the library with a remote id, by channel and remote id. */
    async libraryPublications(libraryId: string) {
      const rows = await db
        .selectFrom('publications')
        .select(['id', 'channel_id', 'remote_id'])
        .where('library_id', '=', libraryId)
        .where('remote_id', 'is not', null)
        .execute()
      return new Map(rows.map((r) => [`${r.channel_id}\u0000${r.remote_id}`, r.id]))
    },
    async timeZones(libraryIds: readonly string[]) {
      if (libraryIds.length === 0) return new Map<string, string>()
      const rows = await db
        .selectFrom('libraries')
        .select(['id', 'time_zone'])
        .where('id', 'in', [...new Set(libraryIds)])
        .execute()
      return new Map(rows.map((r) => [r.id, r.time_zone]))
    },
    /** Adds to the four rollups; the libraries' figures kept by the Statistik page are then stale. */
    async add(rows: {
      daily: readonly StatsDailyTable[]
      hourly: readonly StatsHourlyTable[]
      postDaily: readonly StatsPostDailyTable[]
      postTotals: readonly StatsPostTotalsTable[]
    }) {
      await upsert('stats_daily', rows.daily)
      await upsert('stats_hourly', rows.hourly)
      await upsert('stats_post_daily', rows.postDaily)
      await upsert('stats_post_totals', rows.postTotals)
      // Last, so the generations' rows are locked for the least time (migration 036).
      await bumpGenerations(
        Object.values(rows).flatMap((list: readonly { library_id: string }[]) =>
          list.map((r) => r.library_id),
        ),
      )
    },
    async clearLibrary(libraryId: string) {
      for (const table of Object.keys(KEYS) as RollupTable[])
        await db.deleteFrom(table).where('library_id', '=', libraryId).execute()
      await bumpGenerations([libraryId])
    },
    /**
     * The library's interactions grouped by channel, kind, post and the UTC
     * hour they happened in (never after they were received): one row per
     * group, so a rebuild reads thousands of rows where there were millions.
     */
    async interactionHours(libraryId: string) {
      const at = isPostgres(db)
        ? sql<string>`date_trunc('hour', least(remote_created_at, received_at))`
        : sql<string>`substr(min(remote_created_at, received_at), 1, 13)`
      const rows = await db
        .selectFrom('interactions')
        .select([
          'channel_id',
          'kind',
          'subject_remote_id',
          at.as('hour'),
          (eb) => eb.fn.countAll<number>().as('n'),
        ])
        .where('library_id', '=', libraryId)
        .groupBy(['channel_id', 'kind', 'subject_remote_id', at])
        .execute()
      return rows.map((r) => ({
        channelId: r.channel_id,
        kind: r.kind,
        subjectRemoteId: r.subject_remote_id,
        // SQLite gives "YYYY-MM-DDTHH"; PostgreSQL the hour as an ISO string.
        hourMs: Date.parse(r.hour.length === 13 ? `${r.hour}:00:00Z` : r.hour),
        count: Number(r.n),
      }))
    },
    /** What the interaction retention kept of the library's old likes, reposts and follows. */
    retainedCounts(libraryId: string) {
      return db
        .selectFrom('interaction_counts')
        .select(['channel_id', 'day', 'kind', 'subject_remote_id', 'count'])
        .where('library_id', '=', libraryId)
        .execute()
    },
    async libraryIds(): Promise<string[]> {
      const rows = await db.selectFrom('libraries').select('id').orderBy('id').execute()
      return rows.map((r) => r.id)
    },
  }
}
export type StatsRollupRepo = ReturnType<typeof statsRollupRepo>

/**
 * The rollup repository with transactions; `snapshot` reads one consistent
 * snapshot throughout (PostgreSQL: repeatable read; SQLite's transactions are
 * one snapshot already, and the first write takes the database's one lock).
 */
export function statsRollupStore(db: Db) {
  return {
    repos: { statsRollup: statsRollupRepo(db) },
    transaction<T>(
      work: (repos: { statsRollup: StatsRollupRepo }) => Promise<T>,
      options: { snapshot?: boolean } = {},
    ): Promise<T> {
      const builder = db.transaction()
      return (
        options.snapshot && isPostgres(db) ? builder.setIsolationLevel('repeatable read') : builder
      ).execute((trx) => work({ statsRollup: statsRollupRepo(trx) }))
    },
  }
}
