import { describe, expect, it } from 'vitest'
import {
  carryForwardTotal,
  countByDay,
  dayRange,
  linearTrend,
  rollingShare,
  rollingSum,
} from './series.js'

describe('day-by-day series', () => {
  it('totals several accounts with each one’s latest sample, so a missed read is no dip', () => {
    const days = dayRange('2026-03-01', '2026-03-04')
    const points = carryForwardTotal(
      [
        { key: 'bluesky', day: '2026-03-01', value: 100 },
        { key: 'bluesky', day: '2026-03-03', value: 110 },
        { key: 'mastodon', day: '2026-03-02', value: 50 },
        { key: 'mastodon', day: '2026-03-04', value: 55 },
      ],
      days,
    )
    expect(points).toEqual([
      { day: '2026-03-01', value: 100 },
      { day: '2026-03-02', value: 150 },
      { day: '2026-03-03', value: 160 },
      { day: '2026-03-04', value: 165 },
    ])
  })

  it('leaves out days before anything was measured', () => {
    const points = carryForwardTotal(
      [{ key: 'a', day: '2026-03-03', value: 7 }],
      dayRange('2026-03-01', '2026-03-03'),
    )
    expect(points).toEqual([{ day: '2026-03-03', value: 7 }])
  })

  it('sums the last 30 days only where the whole window lies after history began', () => {
    const counts = countByDay(['2026-03-01', '2026-03-01', '2026-03-20', '2026-04-05'])
    const points = rollingSum(counts, dayRange('2026-03-28', '2026-04-05'), '2026-03-01')
    expect(points[0]).toEqual({ day: '2026-03-30', value: 3 })
    // 31 March's window starts on 2 March: the two on 1 March have left it.
    expect(points.find((p) => p.day === '2026-03-31')!.value).toBe(1)
    expect(points.at(-1)).toEqual({ day: '2026-04-05', value: 2 })
  })

  it('gives the share of hits in per cent, and none where the window is empty', () => {
    const days = dayRange('2026-01-01', '2026-01-03')
    const points = rollingShare(
      new Map([['2026-01-02', 3]]),
      new Map([['2026-01-02', 4]]),
      days,
      '2026-01-01',
      1,
    )
    expect(points).toEqual([{ day: '2026-01-02', value: 75 }])
  })

  it('draws the least-squares line, and none through a single day', () => {
    const trend = linearTrend([
      { day: '2026-01-01', value: 10 },
      { day: '2026-01-02', value: 12 },
      { day: '2026-01-03', value: 14 },
    ])!
    expect(trend.slope).toBeCloseTo(2)
    expect(trend.at('2026-01-10')).toBeCloseTo(28)
    expect(linearTrend([{ day: '2026-01-01', value: 1 }])).toBeUndefined()
  })
})
