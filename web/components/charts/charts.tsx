/*
 * Small charts drawn as SVG, without a chart library: Torget needs bars and
 * lines, and a library would weigh more than the page. Each chart is a picture
 * only (aria-hidden); its numbers are in the table ChartFigure puts beside it,
 * which is what a screen reader reads.
 */

/** Colours with at least 3:1 against white (WCAG 1.4.11), told apart also by the legend's order. */
export const SERIES_COLORS = ['#156a86', '#b35900', '#6741d9', '#2b8a3e', '#c2255c', '#495057']

const WIDTH = 720
const HEIGHT = 240
const PAD = { top: 12, right: 12, bottom: 36, left: 48 }
const INNER_W = WIDTH - PAD.left - PAD.right
const INNER_H = HEIGHT - PAD.top - PAD.bottom

/** A round upper bound and its four ticks: 0, ¼, ½, ¾, 1. */
function scale(max: number): { top: number; ticks: number[] } {
  if (max <= 0) return { top: 4, ticks: [0, 1, 2, 3, 4] }
  const step = 10 ** Math.floor(Math.log10(max / 4))
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * step).find((s) => s * 4 >= max)!
  return { top: nice * 4, ticks: [0, 1, 2, 3, 4].map((i) => i * nice) }
}

/** At most about twelve labels under the x axis, evenly spread. */
function shownLabel(i: number, count: number) {
  const every = Math.max(1, Math.ceil(count / 12))
  return i % every === 0
}

function Axes({
  ticks,
  top,
  labels,
  format,
}: {
  ticks: number[]
  top: number
  labels: string[]
  format: (n: number) => string
}) {
  const step = INNER_W / Math.max(1, labels.length)
  return (
    <g fontSize="11" fill="#495057">
      {ticks.map((tick) => {
        const y = PAD.top + INNER_H - (tick / top) * INNER_H
        return (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y} y2={y} stroke="#dee2e6" />
            <text x={PAD.left - 6} y={y + 4} textAnchor="end">
              {format(tick)}
            </text>
          </g>
        )
      })}
      {labels.map((label, i) =>
        shownLabel(i, labels.length) ? (
          <text
            key={`${label}-${i}`}
            x={PAD.left + step * i + step / 2}
            y={HEIGHT - PAD.bottom + 16}
            textAnchor="middle"
          >
            {label}
          </text>
        ) : null,
      )}
    </g>
  )
}

export interface Series {
  name: string
  values: number[]
}

/** Stacked vertical bars: one bar per label, one segment per series. */
export function StackedBars({
  labels,
  series,
  format,
}: {
  labels: string[]
  series: Series[]
  format: (n: number) => string
}) {
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0))
  const { top, ticks } = scale(Math.max(0, ...totals))
  const step = INNER_W / Math.max(1, labels.length)
  const barW = Math.max(1, step * 0.7)
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" aria-hidden="true" focusable="false">
      <Axes ticks={ticks} top={top} labels={labels} format={format} />
      {labels.map((label, i) => {
        let y = PAD.top + INNER_H
        return (
          <g key={`${label}-${i}`}>
            {series.map((s, n) => {
              const h = ((s.values[i] ?? 0) / top) * INNER_H
              y -= h
              return h > 0 ? (
                <rect
                  key={s.name}
                  x={PAD.left + step * i + (step - barW) / 2}
                  y={y}
                  width={barW}
                  height={h}
                  fill={SERIES_COLORS[n % SERIES_COLORS.length]}
                />
              ) : null
            })}
          </g>
        )
      })}
    </svg>
  )
}

/** Lines over the same labels; a series' missing points (null) break its line. */
export function Lines({
  labels,
  series,
  format,
}: {
  labels: string[]
  series: { name: string; values: (number | null)[] }[]
  format: (n: number) => string
}) {
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null))
  const { top, ticks } = scale(Math.max(0, ...values))
  const step = INNER_W / Math.max(1, labels.length)
  const x = (i: number) => PAD.left + step * i + step / 2
  const y = (v: number) => PAD.top + INNER_H - (v / top) * INNER_H
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" aria-hidden="true" focusable="false">
      <Axes ticks={ticks} top={top} labels={labels} format={format} />
      {series.map((s, n) => {
        const color = SERIES_COLORS[n % SERIES_COLORS.length]
        const points = s.values.flatMap((v, i) => (v === null ? [] : [[x(i), y(v)] as const]))
        return (
          <g key={s.name}>
            <polyline
              points={points.map(([px, py]) => `${px},${py}`).join(' ')}
              fill="none"
              stroke={color}
              strokeWidth="2.5"
            />
            {points.map(([px, py]) => (
              <circle key={`${px}`} cx={px} cy={py} r="3.5" fill={color} />
            ))}
          </g>
        )
      })}
    </svg>
  )
}

/** Horizontal bars, each under its label, with its value written at its end. */
export function HorizontalBars({
  rows,
  format,
}: {
  rows: { label: string; value: number }[]
  format: (n: number) => string
}) {
  const rowH = 44
  const height = rows.length * rowH + 4
  const max = Math.max(0, ...rows.map((r) => r.value))
  const barSpace = WIDTH - 80
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" aria-hidden="true" focusable="false">
      {rows.map((row, i) => {
        const w = max > 0 ? (row.value / max) * barSpace : 0
        const y = i * rowH
        return (
          <g key={`${row.label}-${i}`} fontSize="13" fill="#212529">
            <text x={0} y={y + 15}>
              {row.label}
            </text>
            <rect x={0} y={y + 21} width={w} height={16} fill={SERIES_COLORS[0]} />
            <text x={w + 6} y={y + 34}>
              {format(row.value)}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

/** The series' names and colours, in the chart's order. */
export function Legend({ names }: { names: string[] }) {
  return (
    <ul className="chart-legend plain-list" aria-hidden="true">
      {names.map((name, n) => (
        <li key={name}>
          <svg width="12" height="12" aria-hidden="true" focusable="false">
            <rect width="12" height="12" fill={SERIES_COLORS[n % SERIES_COLORS.length]} />
          </svg>{' '}
          {name}
        </li>
      ))}
    </ul>
  )
}
