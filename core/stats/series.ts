import { addDays } from '../time/zoned.js'

/*
 * Day-by-day series for goals and reports, on the library's calendar days
 * (YYYY-MM-DD in its time zone). Pure arithmetic: the server reads the
 * counts, these put them in line.
 */

export interface SeriesPoint {
  day: string
  value: number
}

const DAY_MS = 86_400_000

/** How many days `b` is after `a` (negative when earlier); formulas' daysBetween counts both ends. */
export function daysApart(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS)
}

/** Every day from `from` to `to`, both included; empty when `to` is earlier. */
export function dayRange(from: string, to: string): string[] {
  const n = daysApart(from, to)
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addDays(from, i))
}

/**
 * A total over several accounts from samples taken on some days only: each
 * account counts with its latest sample up to that day, so a day one account
 * was not read does not show as a dip. Days before any sample are left out.
 */
export function carryForwardTotal(
  samples: readonly { key: string; day: string; value: number }[],
  days: readonly string[],
): SeriesPoint[] {
  const sorted = [...samples].sort((a, b) => a.day.localeCompare(b.day))
  const latest = new Map<string, number>()
  const points: SeriesPoint[] = []
  let i = 0
  for (const day of days) {
    while (i < sorted.length && sorted[i]!.day <= day) {
      latest.set(sorted[i]!.key, sorted[i]!.value)
      i++
    }
    if (latest.size === 0) continue
    let total = 0
    for (const v of latest.values()) total += v
    points.push({ day, value: total })
  }
  return points
}

/** Counts per day from the days things happened on. */
export function countByDay(days: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const day of days) counts.set(day, (counts.get(day) ?? 0) + 1)
  return counts
}

/**
 * The sum of the last `window` days, for each day of `days` whose whole window
 * lies on or after `since` (when history began): a window reaching back before
 * it would count days nobody measured as zero.
 */
export function rollingSum(
  counts: ReadonlyMap<string, number>,
  days: readonly string[],
  since: string,
  window = 30,
): SeriesPoint[] {
  return days
    .filter((day) => addDays(day, -(window - 1)) >= since)
    .map((day) => {
      let sum = 0
      for (let k = 0; k < window; k++) sum += counts.get(addDays(day, -k)) ?? 0
      return { day, value: sum }
    })
}

/**
 * The share (in per cent) of `hits` among `totals` over the last `window`
 * days, for each day whose window lies after `since`; a day whose window
 * holds nothing has no share and is left out.
 */
export function rollingShare(
  hits: ReadonlyMap<string, number>,
  totals: ReadonlyMap<string, number>,
  days: readonly string[],
  since: string,
  window = 30,
): SeriesPoint[] {
  const h = rollingSum(hits, days, since, window)
  const t = rollingSum(totals, days, since, window)
  return t.flatMap((point, i) =>
    point.value > 0 ? [{ day: point.day, value: (100 * h[i]!.value) / point.value }] : [],
  )
}

export interface Trend {
  /** Change per day. */
  slope: number
  /** The line's value on `day`. */
  at(day: string): number
}

/** The least-squares line through the points; undefined for fewer than two days. */
export function linearTrend(points: readonly SeriesPoint[]): Trend | undefined {
  if (points.length < 2) return undefined
  const origin = points[0]!.day
  const xs = points.map((p) => daysApart(origin, p.day))
  const n = points.length
  const mx = xs.reduce((a, b) => a + b, 0) / n
  const my = points.reduce((a, p) => a + p.value, 0) / n
  let sxx = 0
  let sxy = 0
  points.forEach((p, i) => {
    sxx += (xs[i]! - mx) ** 2
    sxy += (xs[i]! - mx) * (p.value - my)
  })
  if (sxx === 0) return undefined
  const slope = sxy / sxx
  return { slope, at: (day) => my + slope * (daysApart(origin, day) - mx) }
}
