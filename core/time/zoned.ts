/**
 * Wall-clock dates and times in a named (IANA) time zone, converted to and
 * from instants without a date library. Scheduling asks for the library's
 * local time; the API wants an instant.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME = /^(\d{2}):(\d{2})$/

export interface ZonedDateTime {
  /** YYYY-MM-DD, as an `<input type="date">` gives it. */
  date: string
  /** HH:MM (24 hours), as an `<input type="time">` gives it. */
  time: string
}

export interface ResolvedTime {
  instant: Date
  /** The time did not exist that day (clocks moved forward); it was moved forward by the gap. */
  shifted: boolean
  /** The time happened twice that day (clocks moved back); the first one was chosen. */
  ambiguous: boolean
}

function parseDate(date: string): [number, number, number] | undefined {
  const match = DATE.exec(date)
  if (!match) return undefined
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const check = new Date(Date.UTC(y, m - 1, d))
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
    return undefined
  return [y, m, d]
}

function parseTime(time: string): [number, number] | undefined {
  const match = TIME.exec(time)
  if (!match) return undefined
  const [h, min] = [Number(match[1]), Number(match[2])]
  return h < 24 && min < 60 ? [h, min] : undefined
}

export function isLocalDate(date: string): boolean {
  return parseDate(date) !== undefined
}

export function isLocalTime(time: string): boolean {
  return parseTime(time) !== undefined
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The wall clock in `timeZone` at `instant`, as milliseconds of a UTC calendar. */
function wallClock(instant: number, timeZone: string): number {
  if (timeZone === 'UTC') return Math.floor(instant / 1000) * 1000
  const parts: Record<string, number> = {}
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour! % 24,
    parts.minute!,
    parts.second!,
  )
}

/** How far `timeZone` is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000
  return wallClock(whole, timeZone) - whole
}

const DAY = 24 * 60 * 60 * 1000

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`.
 * Like Temporal's "compatible" choice: a time skipped when clocks move
 * forward is moved forward by the gap (02:30 → 03:30 in Stockholm on the last
 * Sunday of March); a time that happens twice when clocks move back is the
 * first of the two.
 */
export function resolveZoned(date: string, time: string, timeZone: string): ResolvedTime {
  const d = parseDate(date)
  const t = parseTime(time)
  if (!d || !t) throw new RangeError(`Not a local date and time: ${date} ${time}`)
  const wall = Date.UTC(d[0], d[1] - 1, d[2], t[0], t[1])
  // Transitions are months apart, so the offsets a day either side are the two that matter.
  const before = offsetAt(wall - DAY, timeZone)
  const after = offsetAt(wall + DAY, timeZone)
  const fits = [before, after]
    .filter((offset, i, all) => all.indexOf(offset) === i)
    .map((offset) => wall - offset)
    .filter((instant) => wallClock(instant, timeZone) === wall)
    .sort((a, b) => a - b)
  if (fits.length === 0) {
    return { instant: new Date(wall - before), shifted: true, ambiguous: false }
  }
  return { instant: new Date(fits[0]!), shifted: false, ambiguous: fits.length > 1 }
}

/** `resolveZoned` for when only the instant matters. */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  return resolveZoned(date, time, timeZone).instant
}

/** The wall-clock date and time in `timeZone` at `instant` (to the minute). */
export function utcToZoned(instant: Date | string, timeZone: string): ZonedDateTime {
  const wall = new Date(wallClock(new Date(instant).getTime(), timeZone))
  const iso = wall.toISOString()
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) }
}

/** The calendar date `days` after `date` (YYYY-MM-DD), whatever the clocks do. */
export function addDays(date: string, days: number): string {
  const d = parseDate(date)
  if (!d) throw new RangeError(`Not a local date: ${date}`)
  return new Date(Date.UTC(d[0], d[1] - 1, d[2] + days)).toISOString().slice(0, 10)
}
