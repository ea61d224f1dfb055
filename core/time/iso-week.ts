/**
 * ISO 8601 weeks, as Swedish calendars number them: weeks start on Monday and
 * week 1 is the week holding the year's first Thursday. Dates are calendar
 * dates (YYYY-MM-DD), so no time zone enters here.
 */

const DAY = 24 * 60 * 60 * 1000
const WEEK = /^(\d{4})-W(\d{2})$/

function utcDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return Date.UTC(y!, m! - 1, d!)
}

/** 1 for Monday … 7 for Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(utcDate(date)).getUTCDay() + 6) % 7) + 1
}

/** The ISO week a date falls in, e.g. "2027-W13". */
export function isoWeekOf(date: string): string {
  const day = utcDate(date)
  const thursday = new Date(day + (4 - isoWeekday(date)) * DAY)
  const year = thursday.getUTCFullYear()
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY))
  return `${year}-W${String(week).padStart(2, '0')}`
}

export function isIsoWeek(week: string): boolean {
  const match = WEEK.exec(week)
  if (!match) return false
  const n = Number(match[2])
  return n >= 1 && n <= 53 && isoWeekOf(dateInIsoWeek(week, 1)) === week
}

/** The date of `weekday` (1 Monday … 7 Sunday) in an ISO week. */
export function dateInIsoWeek(week: string, weekday: number): string {
  const match = WEEK.exec(week)
  if (!match) throw new RangeError(`Not an ISO week: ${week}`)
  const year = Number(match[1])
  // 4 January is always in week 1.
  const jan4 = Date.UTC(year, 0, 4)
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY
  return new Date(monday + ((Number(match[2]) - 1) * 7 + (weekday - 1)) * DAY)
    .toISOString()
    .slice(0, 10)
}
