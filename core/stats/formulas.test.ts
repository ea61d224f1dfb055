import { describe, expect, it } from 'vitest'
import {
  bucketStart,
  bucketStarts,
  daysBetween,
  engagementRate,
  granularityFor,
  perPost,
  timeOfDay,
} from './formulas.js'

describe('the Statistik page’s arithmetic', () => {
  it('divides by posts and followers only when there are some', () => {
    expect(perPost(15, 3)).toBe(5)
    expect(perPost(15, 0)).toBeNull()
    expect(engagementRate(5, 120)).toBeCloseTo(4.1667, 4)
    expect(engagementRate(5, 0)).toBeNull()
    expect(engagementRate(null, 120)).toBeNull()
  })

  it('groups a quarter by day, two years by ISO week and ten years by month', () => {
    expect(granularityFor(daysBetween('2026-01-01', '2026-03-31'))).toBe('day')
    expect(granularityFor(daysBetween('2025-01-01', '2026-12-31'))).toBe('week')
    expect(granularityFor(daysBetween('2016-04-01', '2026-03-31'))).toBe('month')
    // Weeks start on Monday; 2026-03-01 is a Sunday.
    expect(bucketStart('2026-03-01', 'week')).toBe('2026-02-23')
    expect(bucketStarts('2026-03-01', '2026-03-16', 'week')).toEqual([
      '2026-02-23',
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
    ])
    expect(bucketStarts('2025-11-15', '2026-02-01', 'month')).toEqual([
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
    ])
    expect(bucketStarts('2016-04-01', '2026-03-31', 'month')).toHaveLength(120)
  })

  it('names the time of day by the library’s clock', () => {
    expect([5, 6, 10, 14, 18, 22].map(timeOfDay)).toEqual([
      'night',
      'morning',
      'midday',
      'afternoon',
      'evening',
      'night',
    ])
  })
})
