import { type SeriesPoint, daysApart } from './series.js'

/*
 * Where a chart's lines, bars and ticks go in a box, for both the report's
 * SVG (HTML) and its PDF: one geometry, two ways of drawing it.
 */

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** Round steps (1, 2, 2.5, 5 × 10ⁿ) from at or below `min` to at or above `max`. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1]
  if (max === min) {
    const pad = Math.max(1, Math.abs(max) * 0.1)
    return niceTicks(Math.max(0, min - pad), max + pad, count)
  }
  const raw = (max - min) / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power
  const first = Math.floor(min / step) * step
  const ticks: number[] = []
  for (let v = first; v < max + step * 0.999; v += step) ticks.push(Number(v.toFixed(10)))
  return ticks
}

export interface LineGeometry {
  points: [number, number][]
  yTicks: { value: number; y: number }[]
  xTicks: { day: string; x: number }[]
}

/** A line over the days from `from` to `to`; the y axis starts at a round number below the data. */
export function lineGeometry(
  series: readonly SeriesPoint[],
  from: string,
  to: string,
  box: Box,
  xLabels: readonly string[] = [],
): LineGeometry {
  const span = Math.max(1, daysApart(from, to))
  const values = series.map((p) => p.value)
  const ticks = niceTicks(Math.min(...values, Infinity), Math.max(...values, -Infinity))
  const low = ticks[0]!
  const high = ticks[ticks.length - 1]!
  const y = (v: number) => box.y + box.height - ((v - low) / (high - low || 1)) * box.height
  const x = (day: string) => box.x + (daysApart(from, day) / span) * box.width
  return {
    points: series.map((p) => [x(p.day), y(p.value)]),
    yTicks: ticks.map((value) => ({ value, y: y(value) })),
    xTicks: xLabels.map((day) => ({ day, x: x(day) })),
  }
}

export interface BarGeometry {
  bars: { label: string; value: number; x: number; y: number; width: number; height: number }[]
  yTicks: { value: number; y: number }[]
}

/** Bars side by side from a zero baseline. */
export function barGeometry(
  bars: readonly { label: string; value: number }[],
  box: Box,
): BarGeometry {
  const ticks = niceTicks(0, Math.max(1, ...bars.map((b) => b.value)))
  const high = ticks[ticks.length - 1]!
  const slot = box.width / Math.max(1, bars.length)
  const width = slot * 0.6
  return {
    bars: bars.map((b, i) => {
      const height = (b.value / high) * box.height
      return {
        ...b,
        x: box.x + i * slot + (slot - width) / 2,
        y: box.y + box.height - height,
        width,
        height,
      }
    }),
    yTicks: ticks.map((value) => ({ value, y: box.y + box.height - (value / high) * box.height })),
  }
}
