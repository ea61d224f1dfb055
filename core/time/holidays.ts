/**
 * Swedish public holidays (helgdagar, lag 1989:253) and the eves that Swedish
 * calendars mark, computed for any year from 1953, when Midsommardagen and
 * Alla helgons dag became movable Saturdays.
 */
import type { Locale } from '../locale.js'
import { addDays, isLocalDate } from './zoned.js'

export const SWEDISH_HOLIDAY_IDS = [
  'nyarsdagen',
  'trettondedag-jul',
  'langfredagen',
  'paskafton',
  'paskdagen',
  'annandag-pask',
  'forsta-maj',
  'kristi-himmelsfardsdag',
  'pingstafton',
  'pingstdagen',
  'annandag-pingst',
  'nationaldagen',
  'midsommarafton',
  'midsommardagen',
  'alla-helgons-dag',
  'julafton',
  'juldagen',
  'annandag-jul',
  'nyarsafton',
] as const

/** Stable across years: the same id names the same day every year. */
export type SwedishHolidayId = (typeof SWEDISH_HOLIDAY_IDS)[number]

export interface SwedishHoliday {
  id: SwedishHolidayId
  /** YYYY-MM-DD. */
  date: string
  name: Readonly<Record<Locale, string>>
  /**
   * `holiday`: a public holiday by law (a red day). `eve`: a helgdagsafton,
   * not a holiday by law but a day off for many and shown in calendars.
   */
  kind: 'holiday' | 'eve'
}

export const FIRST_SUPPORTED_YEAR = 1953
export const LAST_SUPPORTED_YEAR = 9999

const NAMES: Record<SwedishHolidayId, Record<Locale, string>> = {
  nyarsdagen: { sv: 'Nyårsdagen', en: "New Year's Day" },
  'trettondedag-jul': { sv: 'Trettondedag jul', en: 'Epiphany' },
  langfredagen: { sv: 'Långfredagen', en: 'Good Friday' },
  paskafton: { sv: 'Påskafton', en: 'Easter Eve' },
  paskdagen: { sv: 'Påskdagen', en: 'Easter Sunday' },
  'annandag-pask': { sv: 'Annandag påsk', en: 'Easter Monday' },
  'forsta-maj': { sv: 'Första maj', en: 'May Day' },
  'kristi-himmelsfardsdag': { sv: 'Kristi himmelsfärdsdag', en: 'Ascension Day' },
  pingstafton: { sv: 'Pingstafton', en: 'Whitsun Eve' },
  pingstdagen: { sv: 'Pingstdagen', en: 'Whit Sunday' },
  'annandag-pingst': { sv: 'Annandag pingst', en: 'Whit Monday' },
  nationaldagen: { sv: 'Sveriges nationaldag', en: 'National Day of Sweden' },
  midsommarafton: { sv: 'Midsommarafton', en: 'Midsummer Eve' },
  midsommardagen: { sv: 'Midsommardagen', en: 'Midsummer Day' },
  'alla-helgons-dag': { sv: 'Alla helgons dag', en: "All Saints' Day" },
  julafton: { sv: 'Julafton', en: 'Christmas Eve' },
  juldagen: { sv: 'Juldagen', en: 'Christmas Day' },
  'annandag-jul': { sv: 'Annandag jul', en: 'Boxing Day' },
  nyarsafton: { sv: 'Nyårsafton', en: "New Year's Eve" },
}

const EVES: ReadonlySet<SwedishHolidayId> = new Set([
  'paskafton',
  'pingstafton',
  'midsommarafton',
  'julafton',
  'nyarsafton',
])

function ymd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function checkYear(year: number) {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new RangeError(
      `Swedish holidays are computed for ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}, not ${year}`,
    )
  }
}

/** Easter Sunday (Gregorian computus, the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): string {
  if (!Number.isInteger(year) || year < 1583) throw new RangeError(`Not a Gregorian year: ${year}`)
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return ymd(year, month, day)
}

/** The Saturday in the seven days starting at `month`/`day`. */
function saturdayFrom(year: number, month: number, day: number): string {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  return addDays(ymd(year, month, day), (6 - weekday + 7) % 7)
}

/** The holidays and eves of `year`, in date order. */
export function swedishHolidays(year: number): SwedishHoliday[] {
  checkYear(year)
  const easter = easterSunday(year)
  const midsummer = saturdayFrom(year, 6, 20)
  const days: [SwedishHolidayId, string][] = [
    ['nyarsdagen', ymd(year, 1, 1)],
    ['trettondedag-jul', ymd(year, 1, 6)],
    ['langfredagen', addDays(easter, -2)],
    ['paskafton', addDays(easter, -1)],
    ['paskdagen', easter],
    ['annandag-pask', addDays(easter, 1)],
    ['forsta-maj', ymd(year, 5, 1)],
    ['kristi-himmelsfardsdag', addDays(easter, 39)],
    ['pingstafton', addDays(easter, 48)],
    ['pingstdagen', addDays(easter, 49)],
    ['midsommarafton', addDays(midsummer, -1)],
    ['midsommardagen', midsummer],
    ['alla-helgons-dag', saturdayFrom(year, 10, 31)],
    ['julafton', ymd(year, 12, 24)],
    ['juldagen', ymd(year, 12, 25)],
    ['annandag-jul', ymd(year, 12, 26)],
    ['nyarsafton', ymd(year, 12, 31)],
  ]
  // SFS 2004:1320: from 2005 the National Day replaced Whit Monday as a holiday.
  if (year >= 2005) days.push(['nationaldagen', ymd(year, 6, 6)])
  else days.push(['annandag-pingst', addDays(easter, 50)])
  return days
    .map(([id, date]) => ({
      id,
      date,
      name: NAMES[id],
      kind: EVES.has(id) ? ('eve' as const) : ('holiday' as const),
    }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

/**
 * The holidays and eves from `from` to `to` (YYYY-MM-DD, both included), as a
 * calendar view asks for them. Years outside 1953–9999 contribute nothing.
 */
export function holidaysBetween(from: string, to: string): SwedishHoliday[] {
  if (!isLocalDate(from) || !isLocalDate(to)) {
    throw new RangeError(`Not a date range: ${from} – ${to}`)
  }
  if (from > to) return []
  const first = Math.max(Number(from.slice(0, 4)), FIRST_SUPPORTED_YEAR)
  const last = Math.min(Number(to.slice(0, 4)), LAST_SUPPORTED_YEAR)
  const result: SwedishHoliday[] = []
  for (let year = first; year <= last; year++) {
    for (const holiday of swedishHolidays(year)) {
      if (holiday.date >= from && holiday.date <= to) result.push(holiday)
    }
  }
  return result
}
