import { DomainError } from '../../core/errors.js'
import type { Locale } from '../../core/locale.js'
import { can, roleSchema } from '../../core/roles.js'
import {
  CALENDAR_EXPORT_MAX_DAYS,
  CALENDAR_MAX_DAYS,
  type Calendar,
  type CalendarEvent,
  type CalendarFeed,
  type CalendarFilter,
  type CalendarItem,
  type CreatedCalendarFeed,
  type Network,
} from '../../core/schemas/index.js'
import type { LibraryEvent } from '../../core/schemas/event.js'
import { holidaysBetween } from '../../core/time/holidays.js'
import { addDays, utcToZoned, zonedToUtc } from '../../core/time/zoned.js'
import type { CalendarPostFilter, CalendarPostRow, CalendarRange } from '../repos/calendar-repo.js'
import type { Store } from '../repos/index.js'
import { type TokenHasher, newId, newToken } from '../security/tokens.js'
import type { LibraryAccess } from './access.js'
import { auditIn } from './audit-service.js'
import { calendarCsv, calendarIcs } from './calendar-export.js'
import { generationCache } from './generation-cache.js'

/** More than a month of the busiest library; a bigger answer is marked truncated. */
const ITEM_LIMIT = 5000
const UNPLANNED_LIMIT = 30
const EXPORT_LIMIT = 20_000
const FEED_PAST_DAYS = 90
const FEED_FUTURE_DAYS = 400
const FEED_TOUCH_MS = 60 * 60 * 1000
// A library's time zone and channel names are also dropped on any change (generation-cache.ts).
const LIBRARY_TTL_MS = 60_000
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/** Library events in a period; the events work plugs in here, until then there are none. */
export interface CalendarEventSource {
  between(libraryId: string, range: CalendarRange, timeZone: string): Promise<CalendarEvent[]>
}

/** The library's imported events as the calendar shows them, on their local day and time. */
export function importedEvents(events: {
  eventsBetween(libraryId: string, from: string, to: string): Promise<LibraryEvent[]>
}): CalendarEventSource {
  return {
    async between(libraryId, range, timeZone) {
      const list = await events.eventsBetween(libraryId, range.from, range.to)
      return list.map((e) => {
        const local = utcToZoned(e.startsAt, timeZone)
        return {
          id: e.id,
          title: e.summary,
          startsAt: e.startsAt,
          endsAt: e.endsAt,
          allDay: e.allDay,
          date: e.allDay && e.startDate ? e.startDate : local.date,
          time: e.allDay ? null : local.time,
          cancelled: e.status === 'cancelled',
        }
      })
    },
  }
}

interface LibraryInfo {
  timeZone: string
  channels: { id: string; network: Network; handle: string }[]
}

export interface CalendarQuery extends CalendarFilter {
  from?: string | undefined
  to?: string | undefined
  perDay?: number | undefined
}

function postFilter(q: CalendarFilter): CalendarPostFilter {
  return {
    channelIds: q.channel,
    campaignIds: q.campaign,
    authorIds: q.author,
    assigneeIds: q.assignee,
    states: q.state,
    tags: q.tag,
  }
}

const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY) + 1

/** The current month in the library's zone: what the calendar opens on when no period is asked for. */
function thisMonth(timeZone: string): { from: string; to: string } {
  const today = utcToZoned(new Date(), timeZone).date
  const from = `${today.slice(0, 8)}01`
  const next = addDays(from, 32)
  return { from, to: addDays(`${next.slice(0, 8)}01`, -1) }
}

export interface LocalClock {
  (iso: string): { date: string; time: string }
  /** The local dates of the period, and one day past it. */
  dates: readonly string[]
  /** The instant (ISO, UTC) each of `dates` begins. */
  starts: readonly string[]
}

const clocks = new Map<string, LocalClock>()

/**
 * Local dates and times for many instants of one period, without asking Intl
 * for each: the period's local midnights are resolved once (and kept for the
 * next request for the same period), and a day of 24 hours has no clock
 * change inside it. Only the two days a year the clocks move take the slow path.
 */
export function localClock(from: string, to: string, timeZone: string): LocalClock {
  const key = `${timeZone}|${from}|${to}`
  const cached = clocks.get(key)
  if (cached) return cached
  const count = days(from, to)
  const dates = Array.from({ length: count + 1 }, (_, i) => addDays(from, i))
  const startMs = dates.map((d) => zonedToUtc(d, '00:00', timeZone).getTime())
  const clock = ((iso: string) => {
    const t = Date.parse(iso)
    if (t < startMs[0]! || t >= startMs[count]!) return utcToZoned(iso, timeZone)
    let lo = 0
    let hi = count - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (startMs[mid]! <= t) lo = mid
      else hi = mid - 1
    }
    if (startMs[lo + 1]! - startMs[lo]! !== DAY) return utcToZoned(iso, timeZone)
    const minutes = Math.floor((t - startMs[lo]!) / MINUTE)
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0')
    const mm = String(minutes % 60).padStart(2, '0')
    return { date: dates[lo]!, time: `${hh}:${mm}` }
  }) as LocalClock
  clock.dates = dates
  clock.starts = startMs.map((ms) => new Date(ms).toISOString())
  if (clocks.size >= 500) clocks.delete(clocks.keys().next().value!)
  clocks.set(key, clock)
  return clock
}

function timeKind(row: Pick<CalendarPostRow, 'state' | 'scheduled_at'>): CalendarItem['kind'] {
  if (row.state === 'published' || row.state === 'withdrawn') return 'published'
  return row.scheduled_at ? 'scheduled' : 'planned'
}

function channelIdsOf(row: Pick<CalendarPostRow, 'channel_ids'>): string[] {
  if (!row.channel_ids) return []
  const ids = row.channel_ids.split(',')
  return ids.length > 1 ? ids.sort() : ids
}

export function calendarService({
  store,
  hashToken,
  publicUrl,
  events,
}: {
  store: Store
  hashToken: TokenHasher
  publicUrl: string
  events?: CalendarEventSource
}) {
  const { repos } = store
  const libraries = generationCache<LibraryInfo>({ ttlMs: LIBRARY_TTL_MS, maxEntries: 1000 })

  /** The library's time zone and channel names, read once and kept while nothing changes. */
  async function library(libraryId: string): Promise<LibraryInfo> {
    const info = await libraries.get(libraryId, await repos.cacheGeneration.current(), async () => {
      const [row, channels] = await Promise.all([
        repos.libraries.findById(libraryId),
        repos.channels.list(libraryId),
      ])
      if (!row) return undefined
      return {
        timeZone: row.time_zone,
        channels: channels.map((c) => ({
          id: c.id,
          network: c.network as Network,
          handle: c.handle,
        })),
      }
    })
    if (!info) throw new DomainError('library_not_found')
    return info
  }

  /** A period of local dates as UTC instants; `maxDays` keeps every answer bounded. */
  function period(
    query: CalendarQuery,
    timeZone: string,
    maxDays: number,
    tooLong: 'calendar_range_too_long' | 'calendar_export_range_too_long',
  ) {
    const fallback = query.from || query.to ? undefined : thisMonth(timeZone)
    const from = query.from ?? (query.to ? addDays(query.to, -30) : fallback!.from)
    const to = query.to ?? (query.from ? addDays(query.from, 30) : fallback!.to)
    if (to < from) throw new DomainError('calendar_range_invalid')
    if (days(from, to) > maxDays) throw new DomainError(tooLong)
    // The clock has resolved the period's local midnights already (and keeps them).
    const clock = localClock(from, to, timeZone)
    const range: CalendarRange = { from: clock.starts[0]!, to: clock.starts.at(-1)! }
    return { from, to, range, clock }
  }

  function postUrl(libraryId: string, postId: string) {
    return `${publicUrl}/bibliotek/${encodeURIComponent(libraryId)}/inlagg/${encodeURIComponent(postId)}`
  }

  /** Every post of the period (the list view, a day's popover), up to the limit. */
  async function allInRange(libraryId: string, range: CalendarRange, filter: CalendarPostFilter) {
    const rows = await repos.calendar.inRange(libraryId, range, filter, { limit: ITEM_LIMIT + 1 })
    return {
      rows: rows.slice(0, ITEM_LIMIT),
      truncated: rows.length > ITEM_LIMIT,
      counts: undefined,
    }
  }

  /** Drafts with no time yet, and how many there are. */
  async function undated(libraryId: string, filter: CalendarPostFilter) {
    const rows = await repos.calendar.unplanned(libraryId, filter, UNPLANNED_LIMIT)
    return { rows, total: Number(rows[0]?.total ?? 0) }
  }

  /** The first `perDay` posts of each day and how many each day holds (the month grid). */
  async function firstPerDay(
    libraryId: string,
    clock: LocalClock,
    filter: CalendarPostFilter,
    perDay: number,
  ) {
    const { rows, counts: perDayCounts } = await repos.calendar.firstPerDay(
      libraryId,
      clock.starts,
      filter,
      perDay,
    )
    // In calendar order, as a day lists them (time, then id for posts at the same minute).
    rows.sort((a, b) =>
      a.calendar_at! < b.calendar_at!
        ? -1
        : a.calendar_at! > b.calendar_at!
          ? 1
          : a.id < b.id
            ? -1
            : 1,
    )
    const counts: Record<string, number> = {}
    for (const { day, n } of perDayCounts) counts[clock.dates[day]!] = n
    return { rows, truncated: false, counts }
  }

  return {
    /** The posts of a period (at most six weeks), the undated drafts, events and holidays. */
    async calendar(access: LibraryAccess<'posts.read'>, query: CalendarQuery): Promise<Calendar> {
      const { timeZone, channels } = await library(access.libraryId)
      const { from, to, range, clock } = period(
        query,
        timeZone,
        CALENDAR_MAX_DAYS,
        'calendar_range_too_long',
      )
      const filter = postFilter(query)
      const [dated, unplanned, eventList] = await Promise.all([
        query.perDay
          ? firstPerDay(access.libraryId, clock, filter, query.perDay)
          : allInRange(access.libraryId, range, filter),
        undated(access.libraryId, filter),
        events ? events.between(access.libraryId, range, timeZone) : Promise.resolve([]),
      ])
      const common = (r: CalendarPostRow) => ({
        id: r.id,
        state: r.state,
        excerpt: r.text,
        channelIds: channelIdsOf(r),
        authorId: r.author_id,
        authorName: r.author_name,
        assigneeId: r.assignee_id,
        campaignId: r.campaign_id,
        tags: JSON.parse(r.tags) as string[],
        version: r.version,
      })
      const items = dated.rows.map((r) => {
        const at = r.calendar_at!
        const local = clock(at)
        return Object.assign(common(r), {
          at,
          date: local.date,
          time: local.time,
          kind: timeKind(r),
        })
      })
      const counts: Record<string, number> = dated.counts ?? {}
      if (!dated.counts) for (const item of items) counts[item.date] = (counts[item.date] ?? 0) + 1
      return {
        from,
        to,
        timeZone,
        truncated: dated.truncated,
        counts,
        items,
        unplanned: {
          items: unplanned.rows.map((r) => ({ ...common(r), updatedAt: r.updated_at })),
          total: unplanned.total,
        },
        events: eventList,
        holidays: holidaysBetween(from, to).map(({ date, id, name, kind }) => ({
          date,
          id,
          name: { sv: name.sv, en: name.en },
          kind,
        })),
        channels,
      }
    },

    /** A period (up to 400 days) as CSV for Excel: the library's local times, in the reader's language. */
    async exportCsv(
      access: LibraryAccess<'posts.read'>,
      query: CalendarQuery,
      locale: Locale,
    ): Promise<{ filename: string; body: string }> {
      const { timeZone, channels } = await library(access.libraryId)
      const { from, to, range } = period(
        query,
        timeZone,
        CALENDAR_EXPORT_MAX_DAYS,
        'calendar_export_range_too_long',
      )
      const filter = postFilter(query)
      const rows = await repos.calendar.inRange(access.libraryId, range, filter, {
        limit: EXPORT_LIMIT,
        full: true,
      })
      const clock = localClock(from, to, timeZone)
      await auditIn(store.repos, access, {
        action: 'export.calendar_csv',
        details: { from, to, posts: rows.length },
      })
      return {
        filename: `publiceringsplan-${from}-${to}.csv`,
        body: calendarCsv(
          rows.map((r) => ({
            ...clock(r.calendar_at!),
            row: r,
            channelIds: channelIdsOf(r),
            url: postUrl(access.libraryId, r.id),
          })),
          channels,
          locale,
        ),
      }
    },

    /** Whether the member has a feed; the address itself is shown only when it is made. */
    async feed(access: LibraryAccess<'posts.read'>): Promise<CalendarFeed> {
      const feed = await repos.calendarFeeds.find(access.libraryId, access.userId)
      return {
        active: !!feed,
        createdAt: feed?.created_at ?? null,
        lastUsedAt: feed?.last_used_at ?? null,
      }
    },

    /** A new secret address; any earlier one stops working at once. */
    async createFeed(access: LibraryAccess<'posts.read'>): Promise<CreatedCalendarFeed> {
      const token = newToken()
      const now = new Date().toISOString()
      await repos.calendarFeeds.replace({
        id: newId(),
        libraryId: access.libraryId,
        userId: access.userId,
        tokenHash: hashToken(token),
        now,
      })
      return {
        active: true,
        createdAt: now,
        lastUsedAt: null,
        url: `${publicUrl}/api/v1/public/calendar-feeds/${token}`,
      }
    },

    async revokeFeed(access: LibraryAccess<'posts.read'>): Promise<void> {
      await repos.calendarFeeds.delete(access.libraryId, access.userId)
    },

    /**
     * The publishing plan as iCalendar for the holder of a feed token: what
     * the member could see signed in, from three months back to a year ahead.
     * An unknown or revoked token, or a member who has left, finds nothing.
     */
    async feedIcs(token: string): Promise<string> {
      const feed = await repos.calendarFeeds.findByTokenHash(hashToken(token))
      const role = roleSchema.safeParse(feed?.role)
      if (!feed || !role.success || !can(role.data, 'posts.read'))
        throw new DomainError('calendar_feed_not_found')
      const now = Date.now()
      const range = {
        from: new Date(now - FEED_PAST_DAYS * DAY).toISOString(),
        to: new Date(now + FEED_FUTURE_DAYS * DAY).toISOString(),
      }
      const none: CalendarPostFilter = {
        channelIds: [],
        campaignIds: [],
        authorIds: [],
        assigneeIds: [],
        states: [],
        tags: [],
      }
      const [rows, { channels }] = await Promise.all([
        repos.calendar.inRange(feed.library_id, range, none, { limit: EXPORT_LIMIT, full: true }),
        library(feed.library_id),
      ])
      if (!feed.last_used_at || now - Date.parse(feed.last_used_at) > FEED_TOUCH_MS)
        await repos.calendarFeeds.touch(feed.library_id, feed.id, new Date(now).toISOString())
      const locale: Locale = feed.locale === 'en' ? 'en' : 'sv'
      return calendarIcs({
        libraryName: feed.library_name,
        host: new URL(publicUrl).host,
        locale,
        channels,
        posts: rows
          .filter((r) => r.state !== 'withdrawn')
          .map((r) => ({
            row: r,
            channelIds: channelIdsOf(r),
            url: postUrl(feed.library_id, r.id),
          })),
      })
    },
  }
}
export type CalendarService = ReturnType<typeof calendarService>
