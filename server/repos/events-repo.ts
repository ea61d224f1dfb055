import type { Insertable, Selectable, Updateable } from 'kysely'
import type { Db } from '../db/database.js'
import type { EventSourcesTable } from '../db/schema/event-sources.js'
import type { EventsTable } from '../db/schema/events.js'

export type EventSourceRow = Selectable<EventSourcesTable>
export type EventRow = Selectable<EventsTable>

export function eventsRepo(db: Db) {
  return {
    sources(libraryId: string, now: string) {
      return db
        .selectFrom('event_sources')
        .selectAll('event_sources')
        .select((eb) =>
          eb
            .selectFrom('events')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('events.source_id', '=', 'event_sources.id')
            .where('events.library_id', '=', libraryId)
            .where('events.ends_at', '>', now)
            .as('upcoming'),
        )
        .where('event_sources.library_id', '=', libraryId)
        .orderBy('event_sources.created_at')
        .execute()
    },
    findSource(libraryId: string, id: string) {
      return db
        .selectFrom('event_sources')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
    },
    findSourceByUrl(libraryId: string, url: string) {
      return db
        .selectFrom('event_sources')
        .select('id')
        .where('library_id', '=', libraryId)
        .where('url', '=', url)
        .executeTakeFirst()
    },
    /** URL sources in every library not read since `before`: the refresh job's work list. */
    dueSources(before: string) {
      return db
        .selectFrom('event_sources')
        .select(['id', 'library_id'])
        .where('kind', '=', 'url')
        .where((eb) =>
          eb.or([eb('last_fetched_at', 'is', null), eb('last_fetched_at', '<', before)]),
        )
        .orderBy('last_fetched_at')
        .execute()
    },
    async insertSource(row: Insertable<EventSourcesTable>) {
      await db.insertInto('event_sources').values(row).execute()
    },
    async updateSource(libraryId: string, id: string, patch: Updateable<EventSourcesTable>) {
      await db
        .updateTable('event_sources')
        .set(patch)
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },
    async deleteSource(libraryId: string, id: string): Promise<boolean> {
      const r = await db
        .deleteFrom('event_sources')
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numDeletedRows) === 1
    },

    forSource(libraryId: string, sourceId: string) {
      return db
        .selectFrom('events')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('source_id', '=', sourceId)
        .execute()
    },
    /** Events overlapping [from, to), with their source's name, soonest first. */
    between(libraryId: string, from: string, to: string, limit = 2000) {
      return db
        .selectFrom('events')
        .innerJoin('event_sources', 'event_sources.id', 'events.source_id')
        .selectAll('events')
        .select('event_sources.name as source_name')
        .where('events.library_id', '=', libraryId)
        .where('events.starts_at', '<', to)
        .where('events.ends_at', '>', from)
        .orderBy('events.starts_at')
        .orderBy('events.id')
        .limit(limit)
        .execute()
    },
    find(libraryId: string, id: string) {
      return db
        .selectFrom('events')
        .innerJoin('event_sources', 'event_sources.id', 'events.source_id')
        .selectAll('events')
        .select('event_sources.name as source_name')
        .where('events.library_id', '=', libraryId)
        .where('events.id', '=', id)
        .executeTakeFirst()
    },
    async insert(rows: Insertable<EventsTable>[]) {
      // Chunked: PostgreSQL takes at most 65,535 parameters in one statement.
      for (let i = 0; i < rows.length; i += 200)
        await db
          .insertInto('events')
          .values(rows.slice(i, i + 200))
          .execute()
    },
    async update(libraryId: string, id: string, patch: Updateable<EventsTable>) {
      await db
        .updateTable('events')
        .set(patch)
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },
    async delete(libraryId: string, ids: string[]) {
      for (let i = 0; i < ids.length; i += 500)
        await db
          .deleteFrom('events')
          .where('library_id', '=', libraryId)
          .where('id', 'in', ids.slice(i, i + 500))
          .execute()
    },
  }
}
