import { z } from 'zod'
import type { Locale } from '../locale.js'
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR, swedishHolidays } from '../time/holidays.js'
import { addDays, utcToZoned, zonedToUtc } from '../time/zoned.js'

/*
 * The policy's answer target ("svarstid"): how long the library gives itself
 * to answer, and which hours count. Times are worked out in the library's
 * time zone, Swedish holidays counted out.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')

export const openingSpanSchema = z
  .strictObject({ open: clockTime, close: clockTime })
  .refine((span) => span.open < span.close, {
    message: 'Stängningstiden måste vara efter öppningstiden / Closing must be after opening',
    path: ['close'],
  })
export type OpeningSpan = z.infer<typeof openingSpanSchema>

export const openingHoursSchema = z.strictObject({
  mon: openingSpanSchema.nullable(),
  tue: openingSpanSchema.nullable(),
  wed: openingSpanSchema.nullable(),
  thu: openingSpanSchema.nullable(),
  fri: openingSpanSchema.nullable(),
  sat: openingSpanSchema.nullable(),
  sun: openingSpanSchema.nullable(),
})
export type OpeningHours = z.infer<typeof openingHoursSchema>

/**
 * - workingHoursOnly false: the hours run round the clock, every day.
 * - workingHoursOnly true, openingHours null: the hours run on weekdays
 *   (Monday–Friday, whole days), not on holidays or the eves most staff have
 *   off — "inom 24 timmar på vardagar", the usual way a library says it.
 * - workingHoursOnly true with openingHours: only the opening hours count,
 *   holidays excluded.
 */
export const responseTargetSchema = z
  .strictObject({
    hours: z.number().int().min(1).max(720),
    workingHoursOnly: z.boolean(),
    openingHours: openingHoursSchema.nullable(),
  })
  .refine((t) => !t.openingHours || WEEKDAYS.some((d) => t.openingHours![d] !== null), {
    message: 'Minst en dag måste ha öppettider / At least one day needs opening hours',
    path: ['openingHours'],
  })
  .meta({ id: 'ResponseTarget' })
export type ResponseTarget = z.infer<typeof responseTargetSchema>

export const DEFAULT_RESPONSE_TARGET: ResponseTarget = Object.freeze({
  hours: 24,
  workingHoursOnly: true,
  openingHours: null,
}) as ResponseTarget

/** A library's usual weekday opening hours, as a starting point in the editor. */
export const TYPICAL_OPENING_HOURS: OpeningHours = {
  mon: { open: '10:00', close: '19:00' },
  tue: { open: '10:00', close: '19:00' },
  wed: { open: '10:00', close: '19:00' },
  thu: { open: '10:00', close: '19:00' },
  fri: { open: '10:00', close: '17:00' },
  sat: { open: '11:00', close: '15:00' },
  sun: null,
}

export const DEFAULT_TIME_ZONE = 'Europe/Stockholm'
const MINUTE = 60_000
// 720 hours at one open minute a week would need centuries; no real target comes near.
const MAX_DAYS = 366 * 20

/** The target in (counted) minutes, as response times are measured. */
export function targetMinutes(target: ResponseTarget): number {
  return target.hours * 60
}

/**
 * By when an item received at `receivedAt` must be answered to meet the
 * target. Counted hours are real elapsed time, so a spring-forward night
 * counts one hour less and an autumn one one hour more.
 */
export function dueAt(
  receivedAt: Date | string,
  target: ResponseTarget,
  timeZone: string = DEFAULT_TIME_ZONE,
): Date {
  const from = new Date(receivedAt).getTime()
  let remaining = target.hours * 60 * MINUTE
  if (!target.workingHoursOnly) return new Date(from + remaining)
  let date = utcToZoned(new Date(from), timeZone).date
  const spans = countedSpans(target, timeZone)
  for (let day = 0; day < MAX_DAYS; day++, date = addDays(date, 1)) {
    for (const [start, end] of spans(date)) {
      const begin = Math.max(start, from)
      if (end <= begin) continue
      if (remaining <= end - begin) return new Date(begin + remaining)
      remaining -= end - begin
    }
  }
  throw new RangeError('The response target never comes due: no hours are counted')
}

/** The counted minutes between two instants; 0 when `to` is not after `from`. */
export function workingMinutesBetween(
  from: Date | string | number,
  to: Date | string | number,
  target: ResponseTarget,
  timeZone: string = DEFAULT_TIME_ZONE,
): number {
  const a = new Date(from).getTime()
  const b = new Date(to).getTime()
  if (!(b > a)) return 0
  if (!target.workingHoursOnly) return (b - a) / MINUTE
  let counted = 0
  const last = localDate(b, timeZone)
  let date = localDate(a, timeZone)
  const spans = countedSpans(target, timeZone)
  for (let day = 0; date <= last && day < MAX_DAYS; day++, date = addDays(date, 1)) {
    for (const [start, end] of spans(date)) {
      const overlap = Math.min(end, b) - Math.max(start, a)
      if (overlap > 0) counted += overlap
    }
  }
  return counted / MINUTE
}

/**
 * Counted minutes between many pairs of instants, as `workingMinutesBetween`
 * gives them: the counted spans of the local days from `fromMs` to `toMs` are
 * laid out once with running totals, so each pair costs two binary searches
 * instead of a walk over its days (Statistik measures thousands of answers).
 * A pair reaching outside those days is measured the slow way.
 */
export function workingTimeMeter(
  target: ResponseTarget,
  timeZone: string,
  fromMs: number,
  toMs: number,
): (from: number, to: number) => number {
  if (!target.workingHoursOnly) return (a, b) => (b > a ? (b - a) / MINUTE : 0)
  const starts: number[] = []
  const ends: number[] = []
  const before: number[] = []
  const spans = countedSpans(target, timeZone)
  const firstDate = localDate(fromMs, timeZone)
  const lastDate = localDate(toMs, timeZone)
  let total = 0
  for (let date = firstDate, day = 0; date <= lastDate && day < MAX_DAYS; day++) {
    for (const [start, end] of spans(date)) {
      starts.push(start)
      ends.push(end)
      before.push(total)
      total += end - start
    }
    date = addDays(date, 1)
  }
  const rangeStart = zonedToUtc(firstDate, '00:00', timeZone).getTime()
  const rangeEnd = zonedToUtc(addDays(lastDate, 1), '00:00', timeZone).getTime()
  /** Counted milliseconds from the first day's start to `t`. */
  const countedTo = (t: number): number => {
    let low = 0
    let high = starts.length - 1
    let found = -1
    while (low <= high) {
      const mid = (low + high) >> 1
      if (starts[mid]! <= t) {
        found = mid
        low = mid + 1
      } else high = mid - 1
    }
    return found < 0 ? 0 : before[found]! + Math.min(t, ends[found]!) - starts[found]!
  }
  return (a, b) => {
    if (!(b > a)) return 0
    if (a < rangeStart || b >= rangeEnd) return workingMinutesBetween(a, b, target, timeZone)
    return (countedTo(b) - countedTo(a)) / MINUTE
  }
}

/** The counted minutes of many answers, in their order, worked out over one meter. */
export function measureAnswerTimes(
  answers: readonly { receivedAt: string; answeredAt: string }[],
  target: ResponseTarget,
  timeZone: string = DEFAULT_TIME_ZONE,
): number[] {
  if (answers.length === 0) return []
  const pairs = answers.map((a) => [Date.parse(a.receivedAt), Date.parse(a.answeredAt)] as const)
  let earliest = Infinity
  let latest = -Infinity
  for (const [from, to] of pairs) {
    if (from < earliest) earliest = from
    if (to > latest) latest = to
  }
  const meter = workingTimeMeter(target, timeZone, earliest, Math.max(earliest, latest))
  return pairs.map(([from, to]) => meter(from, to))
}

const QUARTER = 15 * MINUTE
const datesCache = new Map<string, string>()

/**
 * The local date at an instant, worked out once per quarter hour: offsets
 * change on quarter hours in every zone in use, and statistics measure
 * thousands of answers, each asking Intl twice otherwise.
 */
function localDate(instant: number, timeZone: string): string {
  const slot = Math.floor(instant / QUARTER) * QUARTER
  const key = `${timeZone}|${slot}`
  let date = datesCache.get(key)
  if (date === undefined) {
    date = utcToZoned(new Date(slot), timeZone).date
    if (datesCache.size >= 50_000) datesCache.clear()
    datesCache.set(key, date)
  }
  return date
}

const spansCache = new Map<string, [number, number][]>()

/**
 * The instants [start, end) counted on each local date, for one target and
 * zone. Kept once worked out: statistics measure thousands of answers over
 * the same few weeks, and each day's spans cost several time-zone conversions.
 */
function countedSpans(target: ResponseTarget, timeZone: string) {
  const prefix = `${timeZone}|${JSON.stringify(target.openingHours)}|`
  return (date: string): [number, number][] => {
    let spans = spansCache.get(prefix + date)
    if (!spans) {
      spans = spansOf(date, target, timeZone)
      if (spansCache.size >= 20_000) spansCache.clear()
      spansCache.set(prefix + date, spans)
    }
    return spans
  }
}

function spansOf(date: string, target: ResponseTarget, timeZone: string): [number, number][] {
  if (isClosedDay(date)) return []
  const weekday = WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!
  if (!target.openingHours) {
    if (weekday === 'sat' || weekday === 'sun') return []
    const start = zonedToUtc(date, '00:00', timeZone).getTime()
    return [[start, zonedToUtc(addDays(date, 1), '00:00', timeZone).getTime()]]
  }
  const span = target.openingHours[weekday]
  if (!span) return []
  return [
    [
      zonedToUtc(date, span.open, timeZone).getTime(),
      zonedToUtc(date, span.close, timeZone).getTime(),
    ],
  ]
}

const closedByYear = new Map<number, Set<string>>()

/**
 * Public holidays and the eves (midsommarafton, julafton, nyårsafton, påsk-
 * and pingstafton): libraries are closed and staff are off, so no one is
 * expected to answer.
 */
function isClosedDay(date: string): boolean {
  const year = Number(date.slice(0, 4))
  let closed = closedByYear.get(year)
  if (!closed) {
    closed = new Set(
      year >= FIRST_SUPPORTED_YEAR && year <= LAST_SUPPORTED_YEAR
        ? swedishHolidays(year).map((h) => h.date)
        : [],
    )
    closedByYear.set(year, closed)
  }
  return closed.has(date)
}

export interface ResponseTimeSummary {
  answered: number
  medianMinutes: number | null
  p90Minutes: number | null
  /** Share answered within the target, 0..1; null with no target or no answers. */
  withinTarget: number | null
}

/** Median, 90th percentile (nearest rank) and share within the target of first-answer times. */
export function summarizeResponseTimes(
  minutes: readonly number[],
  target: number | null,
): ResponseTimeSummary {
  const sorted = minutes
    .filter((m) => Number.isFinite(m))
    .map((m) => Math.max(0, m))
    .sort((a, b) => a - b)
  const n = sorted.length
  if (n === 0) return { answered: 0, medianMinutes: null, p90Minutes: null, withinTarget: null }
  const middle = Math.floor(n / 2)
  const median = n % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  const p90 = sorted[Math.ceil(0.9 * n) - 1]!
  const within = target === null ? null : sorted.filter((m) => m <= target).length / n
  return { answered: n, medianMinutes: median, p90Minutes: p90, withinTarget: within }
}

/** The target in plain words: "inom 24 timmar på vardagar". */
export function describeTarget(target: ResponseTarget, locale: Locale): string {
  const { hours } = target
  const sv = locale === 'sv'
  const amount = sv
    ? `inom ${hours} ${hours === 1 ? 'timme' : 'timmar'}`
    : `within ${hours} ${hours === 1 ? 'hour' : 'hours'}`
  if (!target.workingHoursOnly) return amount
  if (!target.openingHours) return sv ? `${amount} på vardagar` : `${amount} on weekdays`
  return sv ? `${amount} räknat i öppettid` : `${amount} counted in opening hours`
}
