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

type IngestTable = 'interactions' | 'inbox_items' | 'inbox_item_tags' | 'inbox_activity'

/** Text PostgreSQL's JSON reader and text columns refuse (a lone surrogate, NUL) made harmless. */
function wellFormed(_key: string, value: unknown) {
  return typeof value === 'string' ? value.toWellFormed().replaceAll('\0', '') : value
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
): Promise<R[]> {
  if (rows.length === 0) return []
  const columns = Object.keys(rows[0]!)
  const names = columns.map((c) => `"${c}"`).join(', ')
  if (isPostgres(db)) {
    let json = JSON.stringify(rows)
    if (json.includes('\\u')) json = JSON.stringify(rows, wellFormed)
    const text = `insert into "${table}" (${names}) select ${names} from json_populate_recordset(null::"${table}", $1::json) ${tail}`
    return (await db.executeQuery<R>(CompiledQuery.raw(text, [json]))).rows
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

/** The ingest's writes: one batch of interactions, its inbox items, the cursor and the event. */
export function ingestRepo(db: Db) {
  return {
    /** Inserts what is not there yet; returns the ids of the rows inserted now (the rest were duplicates). */
    async insertInteractions(rows: readonly InteractionRow[]): Promise<Set<string>> {
      const inserted = await insertMany<{ id: string }>(
        db,
        'interactions',
        rows,
        'on conflict (channel_id, kind, remote_id) do nothing returning id',
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
    async insertEvent(row: {
      library_id: string
      channel_id: string
      at: string
      interactions: number
      inbox_items: number
      payload: string
    }) {
      await db.insertInto('ingest_events').values(row).execute()
    },
    /** How many inbox items each author already has in the library. */
    async authorCounts(libraryId: string, authorIds: readonly string[]) {
      const counts = new Map<string, number>()
      for (const part of chunks([...new Set(authorIds)], CHUNK)) {
        const rows = await db
          .selectFrom('inbox_items')
          .select(['author_remote_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('library_id', '=', libraryId)
          .where('author_remote_id', 'in', part)
          .groupBy('author_remote_id')
          .execute()
        for (const r of rows) counts.set(r.author_remote_id, Number(r.n))
      }
      return counts
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
}
