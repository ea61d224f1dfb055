import { describe, expect, it } from 'vitest'
import type { MonthFigures } from '../schemas/reports.js'
import { compareWithPeers, sumFigures } from './compare.js'
import { median } from './formulas.js'

function month(over: Partial<MonthFigures> = {}): MonthFigures {
  return {
    month: '2026-03',
    followersStart: 1000,
    followersEnd: 1100,
    postsPublished: 10,
    engagements: 70,
    likes: 50,
    reposts: 10,
    replies: 12,
    quotes: 5,
    mentions: 3,
    answered: 10,
    answeredWithinTarget: 9,
    medianResponseMinutes: 120,
    ...over,
  }
}

const row = (r: ReturnType<typeof compareWithPeers>, metric: string) =>
  r.rows.find((x) => x.metric === metric)!

describe('libraries compared by consent', () => {
  it('shows no median at all with fewer than three other libraries', () => {
    const result = compareWithPeers(month(), [month({ postsPublished: 4 }), month()])
    expect(result.shown).toBe(false)
    expect(result.rows.every((r) => r.median === null)).toBe(true)
    // The library's own figures are there all the same.
    expect(row(result, 'posts_published').own).toBe(10)
  })

  it('gives the medians of three or more others beside the library’s own figures', () => {
    const result = compareWithPeers(month(), [
      month({ postsPublished: 4, followersEnd: 500, followersStart: 400 }),
      month({ postsPublished: 20 }),
      month({ postsPublished: 8 }),
    ])
    expect(result.shown).toBe(true)
    expect(row(result, 'posts_published')).toMatchObject({ own: 10, median: 8 })
    expect(row(result, 'follower_growth').median).toBe(10)
    expect(row(result, 'engagement_per_post').own).toBe(7)
    expect(row(result, 'median_response_minutes')).toMatchObject({ lowerIsBetter: true })
  })

  it('hides one metric that fewer than three others can give, keeping the rest', () => {
    const result = compareWithPeers(month(), [
      month({ answered: 0, answeredWithinTarget: 0, medianResponseMinutes: null }),
      month(),
      month(),
    ])
    expect(row(result, 'answered_within_target').median).toBeNull()
    expect(row(result, 'posts_published').median).toBe(10)
  })

  it('takes the middle of an even number as the mean of the two middle ones', () => {
    expect(median([1, 9, 3, 7])).toBe(5)
    expect(median([])).toBeNull()
  })

  it('sums a region’s libraries, counting followers only where they were measured', () => {
    const total = sumFigures('2026-03', [
      month(),
      month({ followersStart: null, followersEnd: null }),
    ])
    expect(total).toMatchObject({ postsPublished: 20, followersEnd: 1100, answered: 20 })
  })
})
