import { DomainError, type ErrorCode } from '../../core/errors.js'
import type { EventSource, LibraryEvent } from '../../core/schemas/event.js'
import {
  diffOccurrences,
  ICS_IMPORT_DEFAULTS,
  IcsError,
  importIcsIsolated,
  occurrenceKey,
  type IcsImport,
  type IcsOccurrence,
} from '../ics/index.js'
import { GuardedFetchError, guardedFetch } from '../net/guarded-fetch.js'
import type { EventRow, EventSourceRow } from '../repos/events-repo.js'
import type { Repos, Store } from '../repos/index.js'
import { newId } from '../security/tokens.js'
import type { LibraryAccess } from './access.js'

/** How often a feed is read again. Library calendars change by the day, not the minute. */
export const REFRESH_INTERVAL_HOURS = 3
const UPCOMING_DAYS = 120
const HOUR = 3600 * 1000

type ReadAccess = LibraryAccess<'events.read'> | LibraryAccess<'events.manage'>

/** What went wrong reading a calendar, as the code the person is shown. */
function domainErrorOf(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error
  if (error instanceof GuardedFetchError) return new DomainError(`fetch_${error.code}` as ErrorCode)
  if (error instanceof IcsError) return new DomainError(`ics_${error.code}` as ErrorCode)
  return undefined
}

function occurrenceOf(row: EventRow): IcsOccurrence {
  return {
    uid: row.uid,
    recurrenceId: row.recurrence_key === '' ? null : row.recurrence_key,
    overridden: row.overridden === 1,
    summary: row.summary,
    description: row.description,
    location: row.location,
    url: row.url,
    start: row.starts_at,
    end: row.ends_at,
    allDay: row.all_day === 1,
    startDate: row.start_date,
    endDate: row.end_date,
    status: row.status as IcsOccurrence['status'],
    classification: row.classification as IcsOccurrence['classification'],
    sequence: row.sequence,
    lastModified: row.last_modified,
  }
}

function columnsOf(o: IcsOccurrence) {
  return {
    overridden: o.overridden ? 1 : 0,
    summary: o.summary,
    description: o.description,
    location: o.location,
    url: o.url,
    starts_at: o.start,
    ends_at: o.end,
    all_day: o.allDay ? 1 : 0,
    start_date: o.startDate,
    end_date: o.endDate,
    status: o.status,
    classification: o.classification,
    sequence: o.sequence,
    last_modified: o.lastModified,
  }
}

export function toLibraryEvent(row: EventRow & { source_name: string }): LibraryEvent {
  return {
    id: row.id,
    sourceId: row.source_id,
    sourceName: row.source_name,
    uid: row.uid,
    recurrenceId: row.recurrence_key === '' ? null : row.recurrence_key,
    summary: row.summary,
    description: row.description,
    location: row.location,
    url: row.url,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    allDay: row.all_day === 1,
    startDate: row.start_date,
    endDate: row.end_date,
    status: row.status as LibraryEvent['status'],
  }
}

function toSource(row: EventSourceRow & { upcoming: number | string | null }): EventSource {
  return {
    id: row.id,
    kind: row.kind as EventSource['kind'],
    name: row.name,
    url: row.url,
    lastFetchedAt: row.last_fetched_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.error_code && row.error_at ? { code: row.error_code, at: row.error_at } : null,
    eventCount: Number(row.upcoming ?? 0),
    createdAt: row.created_at,
  }
}

/**
 * Brings the stored events of a source in line with a new import, by UID and
 * recurrence id. Private and confidential events never enter Torget: they are
 * the library's internal business, not something to build posts on. A
 * cancelled instance stays, marked, so that whoever planned around it sees it
 * was called off; an occurrence the feed no longer holds (deleted, or taken
 * out by EXDATE) is deleted, since nothing could ever correct a ghost of it.
 */
async function applyImport(
  repos: Repos,
  libraryId: string,
  sourceId: string,
  imported: IcsImport,
  now: string,
) {
  const stored = await repos.events.forSource(libraryId, sourceId)
  const rowByKey = new Map(stored.map((row) => [occurrenceKey(occurrenceOf(row)), row]))
  const diff = diffOccurrences(stored.map(occurrenceOf), {
    occurrences: imported.occurrences.filter((o) => o.classification === 'public'),
    coverage: imported.coverage,
  })
  await repos.events.insert(
    diff.added.map((o) => ({
      id: newId(),
      library_id: libraryId,
      source_id: sourceId,
      uid: o.uid,
      recurrence_key: o.recurrenceId ?? '',
      created_at: now,
      updated_at: now,
      ...columnsOf(o),
    })),
  )
  for (const change of [...diff.changed, ...diff.cancelled]) {
    const row = rowByKey.get(occurrenceKey(change.current))!
    await repos.events.update(libraryId, row.id, { ...columnsOf(change.current), updated_at: now })
  }
  await repos.events.delete(
    libraryId,
    diff.removed.map((o) => rowByKey.get(occurrenceKey(o))!.id),
  )
  return diff
}

function normalizeUrl(raw: string): string {
  try {
    const url = new URL(raw.trim().replace(/^webcals?:\/\//i, 'https://'))
    url.hash = ''
    return url.href
  } catch {
    throw new DomainError('fetch_invalid_url')
  }
}

function nameFromUrl(url: string): string {
  return new URL(url).hostname
}

export function eventService({
  store,
  allowPrivate,
  fetchTimeoutMs,
}: {
  store: Store
  /** CIDRs of private addresses a feed may live on (TORGET_FETCH_ALLOW_PRIVATE). */
  allowPrivate: readonly string[]
  fetchTimeoutMs?: number
}) {
  async function timeZoneOf(libraryId: string): Promise<string> {
    const library = await store.repos.libraries.findById(libraryId)
    if (!library) throw new DomainError('library_not_found')
    return library.time_zone
  }

  async function sourceView(libraryId: string, sourceId: string): Promise<EventSource> {
    const rows = await store.repos.events.sources(libraryId, new Date().toISOString())
    const row = rows.find((r) => r.id === sourceId)
    if (!row) throw new DomainError('event_source_not_found')
    return toSource(row)
  }

  function fetchFeed(url: string, previous?: { etag: string | null; lastModified: string | null }) {
    return guardedFetch(url, {
      allowPrivate: [...allowPrivate],
      previous,
      accept: 'text/calendar, text/plain;q=0.5, */*;q=0.1',
      maxBytes: ICS_IMPORT_DEFAULTS.maxBytes,
      ...(fetchTimeoutMs !== undefined && { timeoutMs: fetchTimeoutMs }),
    })
  }

  /** Reads a file, turning the ics problems into errors the person can act on. */
  async function read(bytes: Uint8Array | string, timeZone: string): Promise<IcsImport> {
    try {
      return await importIcsIsolated(bytes, { timeZone })
    } catch (error) {
      throw domainErrorOf(error) ?? error
    }
  }

  /**
   * Reads a URL source again (a conditional GET with the stored validators).
   * A failure is kept on the source for everyone to see, and the events
   * already imported stay as they were.
   */
  async function refreshSource(libraryId: string, sourceId: string): Promise<DomainError | null> {
    const source = await store.repos.events.findSource(libraryId, sourceId)
    if (!source) throw new DomainError('event_source_not_found')
    if (source.kind !== 'url' || !source.url) throw new DomainError('event_source_not_url')
    const now = new Date().toISOString()
    try {
      const fetched = await fetchFeed(source.url, {
        etag: source.etag,
        lastModified: source.last_modified,
      })
      const ok = { last_fetched_at: now, last_success_at: now, error_code: null, error_at: null }
      if (fetched.kind === 'not-modified') {
        await store.repos.events.updateSource(libraryId, sourceId, { ...ok, updated_at: now })
        return null
      }
      const imported = await read(fetched.body, await timeZoneOf(libraryId))
      await store.transaction(async (repos) => {
        await applyImport(repos, libraryId, sourceId, imported, now)
        // Validators only after a good read: a broken body is fetched whole next time.
        await repos.events.updateSource(libraryId, sourceId, {
          ...ok,
          etag: fetched.etag,
          last_modified: fetched.lastModified,
          updated_at: now,
        })
      })
      return null
    } catch (error) {
      const problem = domainErrorOf(error)
      if (!problem) throw error
      await store.repos.events.updateSource(libraryId, sourceId, {
        last_fetched_at: now,
        error_code: problem.code,
        error_at: now,
        updated_at: now,
      })
      return problem
    }
  }

  async function eventsBetween(libraryId: string, from: string, to: string) {
    const rows = await store.repos.events.between(
      libraryId,
      new Date(from).toISOString(),
      new Date(to).toISOString(),
    )
    return rows.map(toLibraryEvent)
  }

  return {
    async sources(access: ReadAccess): Promise<EventSource[]> {
      const rows = await store.repos.events.sources(access.libraryId, new Date().toISOString())
      return rows.map(toSource)
    },

    /** Adds a feed by its address; it is read at once, and a feed that cannot be read is not added. */
    async addUrl(
      access: LibraryAccess<'events.manage'>,
      input: { url: string; name?: string | undefined },
    ): Promise<EventSource> {
      const url = normalizeUrl(input.url)
      if (await store.repos.events.findSourceByUrl(access.libraryId, url))
        throw new DomainError('event_source_exists')
      let fetched
      try {
        fetched = await fetchFeed(url)
      } catch (error) {
        throw domainErrorOf(error) ?? error
      }
      if (fetched.kind !== 'fetched') throw new DomainError('fetch_http_status')
      const imported = await read(fetched.body, await timeZoneOf(access.libraryId))
      const id = newId()
      const now = new Date().toISOString()
      await store.transaction(async (repos) => {
        await repos.events.insertSource({
          id,
          library_id: access.libraryId,
          kind: 'url',
          name: input.name || imported.calendarName || nameFromUrl(url),
          url,
          etag: fetched.etag,
          last_modified: fetched.lastModified,
          last_fetched_at: now,
          last_success_at: now,
          error_code: null,
          error_at: null,
          created_by: access.userId,
          created_at: now,
          updated_at: now,
        })
        await applyImport(repos, access.libraryId, id, imported, now)
      })
      return sourceView(access.libraryId, id)
    },

    /** Adds an uploaded .ics file as a source of its own. */
    async addFile(
      access: LibraryAccess<'events.manage'>,
      input: { name: string | undefined; bytes: Uint8Array },
    ): Promise<EventSource> {
      const imported = await read(input.bytes, await timeZoneOf(access.libraryId))
      const id = newId()
      const now = new Date().toISOString()
      const name = input.name?.replace(/\.ics$/i, '').trim()
      await store.transaction(async (repos) => {
        await repos.events.insertSource({
          id,
          library_id: access.libraryId,
          kind: 'file',
          name: (name || imported.calendarName || 'Kalender').slice(0, 120),
          url: null,
          etag: null,
          last_modified: null,
          last_fetched_at: now,
          last_success_at: now,
          error_code: null,
          error_at: null,
          created_by: access.userId,
          created_at: now,
          updated_at: now,
        })
        await applyImport(repos, access.libraryId, id, imported, now)
      })
      return sourceView(access.libraryId, id)
    },

    /** A new version of an uploaded file: changes and cancellations apply by UID, as for a feed. */
    async replaceFile(
      access: LibraryAccess<'events.manage'>,
      sourceId: string,
      bytes: Uint8Array,
    ): Promise<EventSource> {
      const source = await store.repos.events.findSource(access.libraryId, sourceId)
      if (!source) throw new DomainError('event_source_not_found')
      if (source.kind !== 'file') throw new DomainError('event_source_not_file')
      const imported = await read(bytes, await timeZoneOf(access.libraryId))
      const now = new Date().toISOString()
      await store.transaction(async (repos) => {
        await applyImport(repos, access.libraryId, sourceId, imported, now)
        await repos.events.updateSource(access.libraryId, sourceId, {
          last_fetched_at: now,
          last_success_at: now,
          error_code: null,
          error_at: null,
          updated_at: now,
        })
      })
      return sourceView(access.libraryId, sourceId)
    },

    /** Reads a feed now; its problem is kept on the source and also answered. */
    async refresh(access: LibraryAccess<'events.manage'>, sourceId: string): Promise<EventSource> {
      const problem = await refreshSource(access.libraryId, sourceId)
      if (problem) throw problem
      return sourceView(access.libraryId, sourceId)
    },

    async removeSource(access: LibraryAccess<'events.manage'>, sourceId: string): Promise<void> {
      if (!(await store.repos.events.deleteSource(access.libraryId, sourceId)))
        throw new DomainError('event_source_not_found')
    },

    /** Events from `from` (default now) to `to` (default four months on). */
    list(access: ReadAccess, range: { from?: string | undefined; to?: string | undefined }) {
      const from = range.from ?? new Date().toISOString()
      const to = range.to ?? new Date(Date.parse(from) + UPCOMING_DAYS * 24 * HOUR).toISOString()
      return eventsBetween(access.libraryId, from, to)
    },

    async get(access: ReadAccess, eventId: string): Promise<LibraryEvent> {
      const row = await store.repos.events.find(access.libraryId, eventId)
      if (!row) throw new DomainError('event_not_found')
      return toLibraryEvent(row)
    },

    /**
     * The library's events overlapping [from, to), soonest first, for the
     * calendar. Takes a library id: the caller has already checked that the
     * member may read the library's planning.
     */
    eventsBetween,

    /** URL sources not read for a few hours, in every library: for the refresh job. */
    dueSources(now = new Date()) {
      return store.repos.events.dueSources(
        new Date(now.getTime() - REFRESH_INTERVAL_HOURS * HOUR + 5 * 60 * 1000).toISOString(),
      )
    },

    /** For the job: reads the feed and keeps any problem on the source rather than failing. */
    async refreshInBackground(libraryId: string, sourceId: string): Promise<void> {
      const source = await store.repos.events.findSource(libraryId, sourceId)
      if (!source || source.kind !== 'url') return
      await refreshSource(libraryId, sourceId)
    },
  }
}
export type EventService = ReturnType<typeof eventService>
