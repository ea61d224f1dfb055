import { utcToZoned } from '../../../core/time/zoned.js'

const HOUR = 3_600_000

/** Interactions counted at one instant: one received, or a group the rebuild read together. */
export interface CountedInteraction {
  libraryId: string
  channelId: string
  kind: string
  /** The library's post it is about, when that post went out through Torget. */
  publicationId: string | null
  /** When it happened (ms since the epoch). */
  at: number
  count: number
}

export interface DailyRow {
  library_id: string
  day: string
  channel_id: string
  kind: string
  count: number
}
export interface HourlyRow {
  library_id: string
  hour: string
  channel_id: string
  kind: string
  count: number
}
export interface PostDailyRow {
  library_id: string
  publication_id: string
  day: string
  kind: string
  count: number
}

export interface PostTotalRow {
  library_id: string
  publication_id: string
  kind: string
  count: number
}

/** What a batch adds to (or, negative, takes from) the rollups. */
export interface RollupDelta {
  daily: Map<string, DailyRow>
  hourly: Map<string, HourlyRow>
  postDaily: Map<string, PostDailyRow>
  postTotals: Map<string, PostTotalRow>
}

export function emptyDelta(): RollupDelta {
  return { daily: new Map(), hourly: new Map(), postDaily: new Map(), postTotals: new Map() }
}

/**
 * When an interaction happened: the time the network gives it, but never
 * after Torget received it (a client's clock can be wrong; Bluesky records
 * carry the time their app set).
 */
export function happenedAt(remoteCreatedAt: string, receivedAt: string): number {
  const received = Date.parse(receivedAt)
  const created = Date.parse(remoteCreatedAt)
  return Number.isFinite(created) && created <= received ? created : received
}

/** The library's day for each UTC hour, worked out once per hour and zone. */
const localDays = new Map<string, string>()
export function localDayOfHour(hourMs: number, timeZone: string): string {
  const key = `${timeZone}|${hourMs}`
  let day = localDays.get(key)
  if (day === undefined) {
    // Zones a whole number of hours from UTC (all Swedish time) keep an hour on one day.
    day = utcToZoned(new Date(hourMs + HOUR - 1), timeZone).date
    if (localDays.size > 200_000) localDays.clear()
    localDays.set(key, day)
  }
  return day
}

const QUARTER = 900_000
const slotWalls = new Map<string, number>()

/**
 * The library's wall clock at an instant: its date, hour and HH:MM. Every
 * zone in use changes its offset on a quarter hour, so one conversion (Intl,
 * some microseconds) serves a quarter hour; a dashboard reads a year of posts.
 */
export function localClock(
  ms: number,
  timeZone: string,
): { date: string; hour: number; time: string } {
  const slot = Math.floor(ms / QUARTER) * QUARTER
  const key = `${timeZone}|${slot}`
  let wall = slotWalls.get(key)
  if (wall === undefined) {
    const local = utcToZoned(new Date(slot), timeZone)
    wall = Date.parse(`${local.date}T${local.time}:00Z`)
    if (slotWalls.size > 200_000) slotWalls.clear()
    slotWalls.set(key, wall)
  }
  const iso = new Date(wall + (ms - slot)).toISOString()
  return { date: iso.slice(0, 10), hour: Number(iso.slice(11, 13)), time: iso.slice(11, 16) }
}

export function hourStart(ms: number): number {
  return Math.floor(ms / HOUR) * HOUR
}

/** Adds to the row under `key`, made by `make` only when the delta has none yet. */
function bump<R extends { count: number }>(
  map: Map<string, R>,
  key: string,
  count: number,
  make: () => R,
) {
  const existing = map.get(key)
  if (existing) existing.count += count
  else map.set(key, make())
}

/**
 * Adds interactions to a delta; `sign` -1 takes them out. A round holds some
 * 100,000, mostly in the order they happened: the hour's text and the
 * library's day are worked out when the hour or the library changes, and a
 * row is made only for a key the delta has not seen.
 */
export function addInteractions(
  delta: RollupDelta,
  interactions: Iterable<CountedInteraction>,
  timeZoneOf: (libraryId: string) => string,
  sign: 1 | -1 = 1,
): RollupDelta {
  let lastHour = Number.NaN
  let lastLibrary = ''
  let hour = ''
  let day = ''
  for (const x of interactions) {
    const hourMs = hourStart(x.at)
    if (hourMs !== lastHour || x.libraryId !== lastLibrary) {
      lastHour = hourMs
      lastLibrary = x.libraryId
      hour = new Date(hourMs).toISOString()
      day = localDayOfHour(hourMs, timeZoneOf(x.libraryId))
    }
    const count = sign * x.count
    const tail = `\u0000${x.channelId}\u0000${x.kind}`
    bump(delta.daily, `${x.libraryId}\u0000${day}${tail}`, count, () => ({
      library_id: x.libraryId,
      day,
      channel_id: x.channelId,
      kind: x.kind,
      count,
    }))
    bump(delta.hourly, `${x.libraryId}\u0000${hour}${tail}`, count, () => ({
      library_id: x.libraryId,
      hour,
      channel_id: x.channelId,
      kind: x.kind,
      count,
    }))
    if (x.publicationId) addPostDay(delta, x.libraryId, x.publicationId, day, x.kind, count)
  }
  return delta
}

/** Interactions with a post on one of the library's days: its day and its total. */
export function addPostDay(
  delta: RollupDelta,
  libraryId: string,
  publicationId: string,
  day: string,
  kind: string,
  count: number,
) {
  bump(
    delta.postDaily,
    `${libraryId}\u0000${publicationId}\u0000${day}\u0000${kind}`,
    count,
    () => ({
      library_id: libraryId,
      publication_id: publicationId,
      day,
      kind,
      count,
    }),
  )
  bump(delta.postTotals, `${libraryId}\u0000${publicationId}\u0000${kind}`, count, () => ({
    library_id: libraryId,
    publication_id: publicationId,
    kind,
    count,
  }))
}

/** Rows the rollups store: nothing that nets to zero. */
export function deltaRows(delta: RollupDelta) {
  const nonZero = <R extends { count: number }>(map: Map<string, R>) =>
    [...map.values()].filter((r) => r.count !== 0)
  return {
    daily: nonZero(delta.daily),
    hourly: nonZero(delta.hourly),
    postDaily: nonZero(delta.postDaily),
    postTotals: nonZero(delta.postTotals),
  }
}
