import { utcToZoned, zonedToUtc } from '../time/zoned.js'

const HOUR_MS = 3_600_000
const offsets = new Map<string, number>()

/** Calendar months (YYYY-MM) in the library's time zone: the ladder's snapshots are monthly. */
const MONTH = /^(\d{4})-(\d{2})$/

export function isMonth(value: string): boolean {
  const m = MONTH.exec(value)
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12
}

export function monthOf(instant: Date | string, timeZone: string): string {
  return utcToZoned(instant, timeZone).date.slice(0, 7)
}

export function addMonths(month: string, n: number): string {
  const m = MONTH.exec(month)
  if (!m) throw new RangeError(`Not a month: ${month}`)
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1 + n, 1))
  return d.toISOString().slice(0, 7)
}

/** The instant the month begins on the library's wall clock. */
export function monthStart(month: string, timeZone: string): Date {
  return zonedToUtc(`${month}-01`, '00:00', timeZone)
}

/** Months from `from` up to but not including `to`, oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = []
  for (let m = from; m < to; m = addMonths(m, 1)) months.push(m)
  return months
}

/** The same moment `months` calendar months earlier (the retention limit). */
export function monthsBefore(at: Date, months: number): Date {
  const d = new Date(at.getTime())
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() - months)
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, last))
  return d
}

/**
 * The library's calendar day at an instant (YYYY-MM-DD). Asked for each of
 * many interactions, so the zone's offset is worked out once per hour (clocks
 * change on the hour) rather than through Intl each time.
 */
export function localDay(instant: Date | string | number, timeZone: string): string {
  const ms = new Date(instant).getTime()
  const hour = Math.floor(ms / HOUR_MS) * HOUR_MS
  const key = `${timeZone}|${hour}`
  let offset = offsets.get(key)
  if (offset === undefined) {
    const wall = utcToZoned(new Date(hour), timeZone)
    offset = Date.parse(`${wall.date}T${wall.time}:00.000Z`) - hour
    if (offsets.size > 100_000) offsets.clear()
    offsets.set(key, offset)
  }
  return new Date(ms + offset).toISOString().slice(0, 10)
}
