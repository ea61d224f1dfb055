import { sql } from 'kysely'
import { INBOX_STATES } from '../../core/schemas/inbox.js'
import type { Db } from '../db/database.js'
import { isPostgres } from '../db/dialect.js'

export interface InboxFilter {
  channelId?: string
  states?: readonly string[]
  tagId?: string
  /** A member's id, or null for items nobody has. */
  assigneeId?: string | null
  hasQuestion?: boolean
  flagged?: boolean
  search?: string
  /** Keyset: items older than this (received_at, id). */
  before?: { receivedAt: string; id: string }
  limit: number
}

export const ITEM_COLUMNS = [
  'i.id',
  'i.library_id',
  'i.channel_id',
  'i.kind',
  'i.state',
  'i.assignee_id',
  'i.flagged',
  'i.has_question',
  'i.received_at',
  'i.due_at',
  'i.first_response_at',
  'i.closed_at',
  'i.moderated_at',
  'i.version',
  'x.author_remote_id',
  'x.author_handle',
  'x.author_name',
  'x.author_url',
  'x.author_avatar',
  'x.text',
  'x.url',
  'x.remote_id',
  'x.subject_remote_id',
  'x.root_remote_id',
  'x.parent_remote_id',
  'x.reply_target',
  'x.remote_created_at',
  'x.edited_at',
  'x.remote_deleted_at',
  'c.network',
  'c.handle as channel_handle',
  'u.name as assignee_name',
] as const

const OPEN_STATES = INBOX_STATES.filter((s) => s !== 'done')

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (m) => `\\${m}`)
}

/**
 * Items in a state, counted up to `cap` (the badge says "999+" beyond). The state and the cap
 * are constants of the code, written into the text (see `list` on plans).
 */
function openCount(libraryId: string, cap: number) {
  return (state: string) =>
    sql<number>`(select count(*) from (select 1 from inbox_items
      where library_id = ${libraryId} and state = ${sql.lit(state)} limit ${sql.lit(cap)}) capped)`
}

/** Items with their interaction, channel and assignee: the rows the inbox shows. */
export function itemRows(db: Db) {
  return db
    .selectFrom('inbox_items as i')
    .innerJoin('interactions as x', 'x.id', 'i.id')
    .innerJoin('channels as c', 'c.id', 'i.channel_id')
    .leftJoin('users as u', 'u.id', 'i.assignee_id')
    .select(ITEM_COLUMNS)
}

/** The inbox's list: a page of items under the filters people use, and the open counts. Part of the inbox repository (inbox-repo.ts). */
export function inboxListRepo(db: Db) {
  const items = () => itemRows(db)
  const repo = {
    /**
     * A page of items, newest first. The open counts are asked for apart (`openCounts`): a
     * filter, a search or the next page changes the list, not the counts, and counting took a
     * third of the database's time for each page.
     */
    async list(libraryId: string, f: InboxFilter) {
      let q = items().where('i.library_id', '=', libraryId)
      if (f.channelId) q = q.where('i.channel_id', '=', f.channelId)
      if (f.states?.length) {
        const states = new Set(f.states)
        // Every state but done is "open": written as the partial index inbox_items_open is
        // (a literal, so both planners see that the index covers it), it is a walk down that
        // small index instead of sorting every open item.
        q =
          OPEN_STATES.every((s) => states.has(s)) && !states.has('done')
            ? q.where(sql<boolean>`i.state <> 'done'`)
            : q.where('i.state', 'in', [...states])
      }
      if (f.assigneeId !== undefined)
        q = q.where('i.assignee_id', f.assigneeId === null ? 'is' : '=', f.assigneeId)
      if (f.hasQuestion !== undefined) q = q.where('i.has_question', '=', f.hasQuestion ? 1 : 0)
      if (f.flagged) q = q.where('i.flagged', '=', 1)
      if (f.tagId) {
        const tagId = f.tagId
        // The tag is written into the text on PostgreSQL: a common tag is best found by walking
        // the newest items, a rare one from the tag's own items, and one plan kept for every tag
        // (see below on plans) would walk the whole inbox for a rare one. Each tag gets its own
        // statement and plan instead; tags are few, and the id is a validated uuid.
        if (isPostgres(db))
          q = q.where((eb) =>
            eb.exists(
              eb
                .selectFrom('inbox_item_tags as t')
                .select(sql.lit(1).as('one'))
                .whereRef('t.item_id', '=', 'i.id')
                .where('t.tag_id', '=', sql.lit(tagId)),
            ),
          )
        // SQLite keeps no sizes per tag, and took one way for all: a filter built from every
        // item with the tag (140 ms for a tag on 15,000 items). A common tag is found by walking
        // the newest items and looking each up (`limit 1` keeps it that way), a rare one from
        // the tag's own items.
        else
          q = q.where(
            (await repo.tagIsCommon(tagId))
              ? sql<boolean>`exists (select 1 from inbox_item_tags t
                  where t.item_id = i.id and t.tag_id = ${tagId} limit 1)`
              : sql<boolean>`i.id in (select t.item_id from inbox_item_tags t where t.tag_id = ${tagId})`,
          )
      }
      if (f.search)
        q = q.where(
          sql<boolean>`i.search_text like ${`%${escapeLike(f.search.toLowerCase())}%`} escape '\\'`,
        )
      if (f.before) {
        const { receivedAt, id } = f.before
        // One row-value comparison: both databases seek the index to it, page 40 as fast as page 2.
        q = q.where((eb) => eb(eb.refTuple('i.received_at', 'i.id'), '<', eb.tuple(receivedAt, id)))
      }
      // PostgreSQL planned each page afresh (1–5 ms, more than running it): a named statement
      // keeps one plan for all values only when that plan looks no dearer than one per value,
      // and a limit sent as a parameter makes any plan look like a read of a tenth of the
      // table. With the page size and the count cap in the text, each filter's statement is
      // planned once per connection. A search's best plan depends on its text (a rare word
      // is cheaper to find by reading the whole table than by walking the newest items), so
      // it keeps a parameter limit and is planned for its words each time, as before.
      const page = q
        .orderBy('i.received_at', 'desc')
        .orderBy('i.id', 'desc')
        .limit(f.search ? f.limit : sql.lit(f.limit))
      // What each listed item shows beside its own row (tags, the author's items, the post it
      // answers) in the same statement, worked out for the page's rows only: one round trip
      // per page instead of four.
      const pg = isPostgres(db)
      const tags = pg
        ? sql<unknown>`(select coalesce(json_agg(json_build_array(t.id, t.name) order by t.position), '[]'::json)
            from inbox_item_tags it join inbox_tags t on t.id = it.tag_id where it.item_id = p.id)`
        : sql<unknown>`(select json_group_array(json_array(id, name)) from (select t.id, t.name
            from inbox_item_tags it join inbox_tags t on t.id = it.tag_id where it.item_id = p.id
            order by t.position))`
      const subject = sql<unknown>`(select ${sql.raw(pg ? 'json_build_array' : 'json_array')}(posts.id, posts.text, pb.remote_url)
          from publications pb join posts on posts.id = pb.post_id
          where pb.channel_id = p.channel_id and pb.remote_id = p.subject_remote_id limit 1)`
      return db
        .selectFrom(page.as('p'))
        .selectAll('p')
        .select([
          tags.as('tag_list'),
          sql<number>`(select count(*) from inbox_items s
            where s.library_id = p.library_id and s.author_remote_id = p.author_remote_id)`.as(
            'author_items',
          ),
          subject.as('subject'),
        ])
        .orderBy('p.received_at', 'desc')
        .orderBy('p.id', 'desc')
        .execute()
    },
    /** Whether a tag is on enough items (2,000) that walking the newest items finds a page sooner. */
    async tagIsCommon(tagId: string): Promise<boolean> {
      const { rows } = await sql<{ n: number }>`select count(*) as n from (
        select 1 from inbox_item_tags where tag_id = ${tagId} limit 2000) capped`.execute(db)
      return Number(rows[0]?.n ?? 0) >= 2000
    },
    /** Open items per state, each counted up to `cap` (the badge says "999+" beyond). */
    async openCounts(libraryId: string, cap: number) {
      // One statement, not three: on PostgreSQL each statement took a pooled connection of its own.
      const count = openCount(libraryId, cap)
      const { rows } = await sql<{ new: number; assigned: number; answered: number }>`
        select ${count('new')} as new, ${count('assigned')} as assigned,
          ${count('answered')} as answered`.execute(db)
      const row = rows[0]!
      return {
        new: Number(row.new),
        assigned: Number(row.assigned),
        answered: Number(row.answered),
      }
    },
  }
  return repo
}
