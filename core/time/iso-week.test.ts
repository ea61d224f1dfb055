import { describe, expect, it } from 'vitest'
import { dateInIsoWeek, isIsoWeek, isoWeekday, isoWeekOf } from './iso-week.js'

describe('ISO weeks as Swedish calendars number them', () => {
  it('puts the days around New Year in the week holding the first Thursday', () => {
    expect(isoWeekOf('2026-12-31')).toBe('2026-W53')
    expect(isoWeekOf('2027-01-03')).toBe('2026-W53')
    expect(isoWeekOf('2027-01-04')).toBe('2027-W01')
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01')
  })

  it('finds a weekday of a week, Monday first', () => {
    expect(dateInIsoWeek('2027-W12', 7)).toBe('2027-03-28')
    expect(dateInIsoWeek('2025-W01', 1)).toBe('2024-12-30')
    expect(isoWeekday('2027-03-28')).toBe(7)
    expect(isIsoWeek('2026-W53')).toBe(true)
    expect(isIsoWeek('2027-W53')).toBe(false)
  })
})
