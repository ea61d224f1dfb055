import { addDays, utcToZoned } from '../../../core/time/zoned.js'
import type { CalendarView } from './planning-search.js'

/** Monday 0 … Sunday 6, as Swedish calendars count. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7
}

export function today(timeZone: string): string {
  return utcToZoned(new Date(), timeZone).date
}

export const firstOfMonth = (date: string) => `${date.slice(0, 8)}01`
export const lastOfMonth = (date: string) =>
  addDays(firstOfMonth(addDays(firstOfMonth(date), 32)), -1)

/** The days a view shows: whole weeks around the month, one week, or the month for the list. */
export function periodOf(view: CalendarView, anchor: string): { from: string; to: string } {
  if (view === 'vecka') {
    const from = addDays(anchor, -weekday(anchor))
    return { from, to: addDays(from, 6) }
  }
  const first = firstOfMonth(anchor)
  const last = lastOfMonth(anchor)
  if (view === 'lista') return { from: first, to: last }
  return { from: addDays(first, -weekday(first)), to: addDays(last, 6 - weekday(last)) }
}

export function daysOf(period: { from: string; to: string }): string[] {
  const days: string[] = []
  for (let d = period.from; d <= period.to; d = addDays(d, 1)) days.push(d)
  return days
}

/** The anchor one step back or forward: a month, or a week. */
export function step(view: CalendarView, anchor: string, direction: 1 | -1): string {
  if (view === 'vecka') return addDays(anchor, 7 * direction)
  const first = firstOfMonth(anchor)
  return direction === 1 ? firstOfMonth(addDays(first, 32)) : firstOfMonth(addDays(first, -1))
}

const utcDate = (date: string) => new Date(`${date}T12:00:00Z`)

export function dateFormats(locale: string) {
  const month = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' })
  const day = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  })
  const short = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })
  const weekdayShort = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' })
  const weekdayLong = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' })
  return {
    month: (date: string) => month.format(utcDate(date)),
    day: (date: string) => day.format(utcDate(date)),
    short: (date: string) => short.format(utcDate(date)),
    weekdayShort: (date: string) => weekdayShort.format(utcDate(date)),
    weekdayLong: (date: string) => weekdayLong.format(utcDate(date)),
  }
}

/** ISO 8601 week number, which Swedish calendars print beside each week. */
export function isoWeek(date: string): number {
  const thursday = addDays(date, 3 - weekday(date))
  const jan4 = `${thursday.slice(0, 4)}-01-04`
  const firstThursday = addDays(jan4, 3 - weekday(jan4))
  return Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / (7 * 86_400_000)) + 1
}
