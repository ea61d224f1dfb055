import { CompiledQuery, type Insertable, sql } from 'kysely'
import type { Db } from '../db/database.js'
import { isPostgres } from '../db/dialect.js'
import type {
  ChannelCursorsTable,
  InboxActivityTable,
  InboxItemTagsTable,
  InboxItemsTable,
  InteractionsTable,
} from '../db/schema/inbox.js'
import { inboxThreadRepo } from './inbox-thread-repo.js'

export { remoteKey } from './remote-key.js'

export type InteractionRow = Insertable<InteractionsTable>
export type InboxItemRow = Insertable<InboxItemsTable>

// Rows per statement: well within PostgreSQL's 65,535 bound parameters.
const CHUNK = 1_000
// SQLite's limit is 32,766.
const SQLITE_PARAMETERS = 30_000

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size))
  return out
}

type IngestTable =
  'interactions' | 'inbox_items' | 'inbox_item_tags' | 'inbox_activity' | 'ingest_events'

/** Text PostgreSQL's JSON reader and text columns refuse (a lone surrogate, NUL) made harmless. */
function wellFormed(_key: string, value: unknown) {
  return typeof value === 'string' ? value.toWellFormed().replaceAll('\0', '') : value
}

function jsonOf(rows: readonly object[]): string {
  const json = JSON.stringify(rows)
  return json.includes('\\u') ? JSON.stringify(rows, wellFormed) : json
}

const statements = new Map<string, string>()

/**
 * Inserts a read's rows in as few statements as the database allows, with SQL
 * text that stays the same from read to read. A read of 500 interactions is
 * 11,500 values, and building them into a query tree (Kysely) took longer
 * than the database's whole insert. SQLite binds the values to a statement it
 * has prepared before; PostgreSQL, which parses every statement afresh, gets
 * one parameter, a JSON array it unpacks into the table's own row type.
 */
async function insertMany<R>(
  db: Db,
  table: IngestTable,
  rows: readonly object[],
  tail = '',
  /** PostgreSQL: the insert as part of a larger statement, with `more` parameters from $2. */
  wrap: (insert: string) => string = (insert) => insert,
  more: readonly unknown[] = [],
): Promise<R[]> {
  if (rows.length === 0) return []
  const columns = Object.keys(rows[0]!)
  const names = columns.map((c) => `"${c}"`).join(', ')
  if (isPostgres(db)) {
    const text = wrap(
      `insert into "${table}" (${names}) select ${names} from json_populate_recordset(null::"${table}", $1::json) ${tail}`,
    )
    return (await db.executeQuery<R>(CompiledQuery.raw(text, [jsonOf(rows), ...more]))).rows
  }
  const out: R[] = []
  for (const part of chunks(rows, Math.floor(SQLITE_PARAMETERS / columns.length))) {
    const key = `${table}|${names}|${part.length}|${tail}`
    let text = statements.get(key)
    if (!text) {
      const row = `(${columns.map(() => '?').join(', ')})`
      text = `insert into "${table}" (${names}) values ${Array(part.length).fill(row).join(', ')} ${tail}`
      if (statements.size > 200) statements.clear()
      statements.set(key, text)
    }
    const values: unknown[] = []
    for (const row of part)
      for (const column of columns) {
        const value: unknown = (row as never)[column]
        values.push(
          typeof value === 'string' && !value.isWellFormed() ? value.toWellFormed() : value,
        )
      }
    out.push(...(await db.executeQuery<R>(CompiledQuery.raw(text, values))).rows)
  }
  return out
}

/** Whether each author already has an inbox item in the library: one probe of the author index each. */
const AUTHORS_SEEN_PG = `select a as author from unnest($2::text[]) a
  where exists (select 1 from inbox_items s where s.library_id = $1 and s.author_remote_id = a)`
const AUTHORS_SEEN_SQLITE = `select value as author from json_each(?) a
  where exists (select 1 from inbox_items s where s.library_id = ? and s.author_remote_id = a.value)`

const INBOX_KINDS_SQL = `kind in ('reply', 'mention', 'quote', 'comment')`

export interface IngestedBatch {
  /** The interactions new in this batch (the rest were duplicates), by id. */
  inserted: Set<string>
  /** Authors of the new conversation items who had an inbox item in the library before. */
  seenAuthors: Set<string>
  /** The latest answered or closed item of an author writing again in a thread, by `author\0root`. */
  earlier: Map<string, { id: string; assignee_id: string | null }>
}

export interface BatchWrites {
  items: readonly InboxItemRow[]
  tags: readonly InboxItemTagsTable[]
  activity: readonly Insertable<InboxActivityTable>[]
  cursor: ChannelCursorsTable
  event: IngestEventRow | null
}

export interface IngestEventRow {
  library_id: string
  channel_id: string
  at: string
  interactions: number
  inbox_items: number
  payload: string
}

/**
 * New inbox items change what Statistik shows (answer times): its generation (migration 036)
 * goes up once per batch, not once per item as a trigger did (migration 039).
 */
const BUMP_STATS = `insert into stats_generations (library_id, value) values (?, 1)
  on conflict (library_id) do update set value = stats_generations.value + 1`

const CURSOR_COLUMNS = [
  'library_id',
  'cursor',
  'last_read_at',
  'last_activity_at',
  'next_read_at',
  'failures',
  'error_code',
  'leased_until',
] as const

/** The ingest's writes: one batch of interactions, its inbox items, the cursor and the event. */
export function ingestRepo(db: Db) {
  const repo = {
    /**
     * Inserts what is not there yet and tells which of the new conversation items' authors
     * wrote to the library before, and, for those writing again in a thread, their latest
     * answered or closed item there (by `author\0root`). On PostgreSQL one statement does it
     * all (its probes see the inbox as it was before the statement, as they should): a round
     * trip costs more than the look-ups on a busy server.
     */
    async insertBatch(libraryId: string, rows: readonly InteractionRow[]): Promise<IngestedBatch> {
      if (rows.length === 0)
        return { inserted: new Set(), seenAuthors: new Set(), earlier: new Map() }
      if (isPostgres(db)) {
        const found = await insertMany<{
          id: string
          seen: string | null
          root: string | null
          earlier_id: string | null
          earlier_assignee: string | null
        }>(
          db,
          'interactions',
          rows,
          `on conflict (channel_id, kind, remote_key) do nothing
           returning id, channel_id, root_remote_id as root,
             case when ${INBOX_KINDS_SQL} then author_remote_id end as author`,
          (insert) =>
            `with fresh as (${insert}), probed as (select f.*, f.author is not null and exists (
              select 1 from inbox_items s where s.library_id = $2 and s.author_remote_id = f.author)
              as seen from fresh f)
            select p.id, case when p.seen then p.author end as seen, p.root,
              e.id as earlier_id, e.assignee_id as earlier_assignee
            from probed p left join lateral (select i.id, i.assignee_id from interactions x
              join inbox_items i on i.id = x.id
              where p.seen and p.root is not null and x.channel_id = p.channel_id
                and x.kind in ('reply', 'mention', 'quote', 'comment')
                and x.root_remote_id = p.root and x.author_remote_id = p.author
                and i.state in ('answered', 'done')
              order by i.received_at desc limit 1) e on true`,
          [libraryId],
        )
        const earlier: IngestedBatch['earlier'] = new Map()
        for (const r of found)
          if (r.earlier_id && r.seen && r.root)
            earlier.set(`${r.seen}\u0000${r.root}`, {
              id: r.earlier_id,
              assignee_id: r.earlier_assignee,
            })
        return {
          inserted: new Set(found.map((r) => r.id)),
          seenAuthors: new Set(found.flatMap((r) => r.seen ?? [])),
          earlier,
        }
      }
      const found = await insertMany<{ id: string; author: string | null; root: string | null }>(
        db,
        'interactions',
        rows,
        `on conflict (channel_id, kind, remote_key) do nothing
         returning id, root_remote_id as root,
           case when ${INBOX_KINDS_SQL} then author_remote_id end as author`,
      )
      const seenAuthors = await repo.authorsSeen(
        libraryId,
        found.flatMap((r) => r.author ?? []),
      )
      // Only an author who wrote before can be writing again in a thread.
      const returning = found.filter((r) => r.root && r.author && seenAuthors.has(r.author))
      const earlier: IngestedBatch['earlier'] = new Map()
      if (returning.length)
        for (const e of await inboxThreadRepo(db).earlierInThreads(
          rows[0]!.channel_id,
          returning.map((r) => r.author!),
          returning.map((r) => r.root!),
        ))
          earlier.set(`${e.author_remote_id}\u0000${e.root_remote_id}`, e)
      return { inserted: new Set(found.map((r) => r.id)), seenAuthors, earlier }
    },
    /** Inserts what is not there yet; returns the ids of the rows inserted now (the rest were duplicates). */
    async insertInteractions(rows: readonly InteractionRow[]): Promise<Set<string>> {
      const inserted = await insertMany<{ id: string }>(
        db,
        'interactions',
        rows,
        'on conflict (channel_id, kind, remote_key) do nothing returning id',
      )
      return new Set(inserted.map((r) => r.id))
    },
    async insertItems(rows: readonly InboxItemRow[]) {
      await insertMany(db, 'inbox_items', rows)
    },
    async insertItemTags(rows: readonly InboxItemTagsTable[]) {
      await insertMany(db, 'inbox_item_tags', rows, 'on conflict (item_id, tag_id) do nothing')
    },
    async insertActivity(rows: readonly Insertable<InboxActivityTable>[]) {
      await insertMany(db, 'inbox_activity', rows)
    },
    async insertEvent(row: IngestEventRow) {
      await db.insertInto('ingest_events').values(row).execute()
    },
    /** Which of these authors already have an inbox item in the library. */
    async authorsSeen(libraryId: string, authorIds: readonly string[]): Promise<Set<string>> {
      if (authorIds.length === 0) return new Set()
      const unique = JSON.stringify([...new Set(authorIds)])
      const { rows } = await db.executeQuery<{ author: string }>(
        isPostgres(db)
          ? CompiledQuery.raw(AUTHORS_SEEN_PG, [libraryId, [...new Set(authorIds)]])
          : CompiledQuery.raw(AUTHORS_SEEN_SQLITE, [unique, libraryId]),
      )
      return new Set(rows.map((r) => r.author))
    },
    /**
     * The rest of a batch: its inbox items, their tags and rule activity, the cursor and the
     * event. PostgreSQL takes them as one statement (a data-modifying CTE per table), so a
     * batch costs the database two statements, not seven; SQLite runs them on its prepared
     * statements in this process, where a statement costs no round trip.
     */
    async writeBatch(batch: BatchWrites) {
      const cursorColumns = ['channel_id', ...CURSOR_COLUMNS].map((c) => `"${c}"`).join(', ')
      const cursorUpdate = CURSOR_COLUMNS.map((c) => `"${c}" = excluded."${c}"`).join(', ')
      const cursorValues = [batch.cursor.channel_id, ...CURSOR_COLUMNS.map((c) => batch.cursor[c])]
      if (isPostgres(db)) {
        const parts: string[] = []
        const values: unknown[] = []
        const table = (name: IngestTable | 'ingest_events', rows: readonly object[], tail = '') => {
          if (rows.length === 0) return
          values.push(jsonOf(rows))
          const names = Object.keys(rows[0]!)
            .map((c) => `"${c}"`)
            .join(', ')
          parts.push(
            `t${parts.length} as (insert into "${name}" (${names}) select ${names} from json_populate_recordset(null::"${name}", $${values.length}::json) ${tail})`,
          )
        }
        table('inbox_items', batch.items)
        table('inbox_item_tags', batch.tags, 'on conflict (item_id, tag_id) do nothing')
        table('inbox_activity', batch.activity)
        if (batch.event) table('ingest_events', [batch.event])
        if (batch.items.length) {
          values.push(batch.cursor.library_id)
          parts.push(`t${parts.length} as (${BUMP_STATS.replace('?', `$${values.length}`)})`)
        }
        const first = values.length + 1
        values.push(...cursorValues)
        const placeholders = cursorValues.map((_, i) => `$${first + i}`).join(', ')
        // A batch whose commit a crash of the database loses is read again from its cursor,
        // which is lost with it: the commit need not wait for the disk (set for this transaction,
        // in this statement rather than a round trip of its own). A later commit that does wait
        // (anything a person does) flushes this one too.
        const text = `${parts.length ? `with ${parts.join(', ')} ` : ''}insert into channel_cursors (${cursorColumns}) select ${placeholders} from (select set_config('synchronous_commit', 'off', true)) relaxed on conflict (channel_id) do update set ${cursorUpdate}`
        await db.executeQuery(CompiledQuery.raw(text, values))
        return
      }
      await repo.insertItems(batch.items)
      await repo.insertItemTags(batch.tags)
      await repo.insertActivity(batch.activity)
      if (batch.event) await insertMany(db, 'ingest_events', [batch.event])
      if (batch.items.length)
        await db.executeQuery(CompiledQuery.raw(BUMP_STATS, [batch.cursor.library_id]))
      await db.executeQuery(
        CompiledQuery.raw(
          `insert into channel_cursors (${cursorColumns}) values (${cursorValues.map(() => '?').join(', ')}) on conflict (channel_id) do update set ${cursorUpdate}`,
          cursorValues,
        ),
      )
    },
    /** The library's publications on a channel by remote id: what an interaction is about. */
    async publicationsByRemoteId(channelId: string, remoteIds: readonly string[]) {
      const byRemote = new Map<string, { postId: string; replyToItemId: string | null }>()
      for (const part of chunks([...new Set(remoteIds)], CHUNK)) {
        const rows = await db
          .selectFrom('publications')
          .innerJoin('posts', 'posts.id', 'publications.post_id')
          .select(['publications.remote_id', 'posts.id', 'posts.reply_to_item_id'])
          .where('publications.channel_id', '=', channelId)
          .where('publications.remote_id', 'in', part)
          .execute()
        for (const r of rows)
          if (r.remote_id)
            byRemote.set(r.remote_id, { postId: r.id, replyToItemId: r.reply_to_item_id })
      }
      return byRemote
    },
    /** The channel's posts published since `since`, newest first: whose threads ingest reads. */
    async recentRemoteIds(channelId: string, since: string, limit: number) {
      const rows = await db
        .selectFrom('publications')
        .select('remote_id')
        .where('channel_id', '=', channelId)
        .where('state', '=', 'published')
        .where('remote_id', 'is not', null)
        .where('published_at', '>=', since)
        .orderBy('published_at', 'desc')
        .limit(limit)
        .execute()
      return rows.map((r) => r.remote_id!)
    },
    cursor(channelId: string) {
      return db
        .selectFrom('channel_cursors')
        .selectAll()
        .where('channel_id', '=', channelId)
        .executeTakeFirst()
    },
    async saveCursor(row: ChannelCursorsTable) {
      const { channel_id: _id, ...rest } = row
      await db
        .insertInto('channel_cursors')
        .values(row)
        .onConflict((oc) => oc.column('channel_id').doUpdateSet(rest))
        .execute()
    },
    /**
     * Takes up to `limit` channels whose next read is due, each leased until
     * `leaseUntil` so no other worker reads the same account meanwhile.
     */
    async claimDue(now: string, leaseUntil: string, limit: number) {
      return db.transaction().execute(async (trx) => {
        let query = trx
          .selectFrom('channel_cursors')
          .innerJoin('channels', 'channels.id', 'channel_cursors.channel_id')
          .select(['channel_cursors.channel_id', 'channel_cursors.library_id'])
          .where('channels.deleted_at', 'is', null)
          .where('channel_cursors.next_read_at', '<=', now)
          .where((eb) =>
            eb.or([
              eb('channel_cursors.leased_until', 'is', null),
              eb('channel_cursors.leased_until', '<', now),
            ]),
          )
          .orderBy('channel_cursors.next_read_at')
          .limit(limit)
        if (isPostgres(trx)) query = query.forUpdate('channel_cursors').skipLocked()
        const due = await query.execute()
        if (due.length === 0) return []
        await trx
          .updateTable('channel_cursors')
          .set({ leased_until: leaseUntil })
          .where(
            'channel_id',
            'in',
            due.map((d) => d.channel_id),
          )
          .execute()
        return due
      })
    },
    /** Brings the next read of these channels forward to `now` (a webhook said something happened). */
    async readSoon(channelIds: readonly string[], now: string) {
      if (channelIds.length === 0) return
      await db
        .updateTable('channel_cursors')
        .set({ next_read_at: now })
        .where('channel_id', 'in', channelIds)
        .where('next_read_at', '>', now)
        .execute()
    },
    /** Makes sure every live channel has a cursor row, due now, so new channels start being read. */
    async enrollChannels(now: string) {
      await sql`insert into channel_cursors (channel_id, library_id, next_read_at, failures)
        select c.id, c.library_id, ${now}, 0 from channels c
        where c.deleted_at is null
          and not exists (select 1 from channel_cursors cc where cc.channel_id = c.id)`.execute(db)
    },
  }
  return repo
}
