import { describe, expect, it } from 'vitest'
import { typedDate, typedTime } from './typed.js'

describe('dates and times as people type them', () => {
  it.each([
    ['2026-12-03', '2026-12-03'],
    ['20261203', '2026-12-03'],
    ['2026-12-3', '2026-12-03'],
    [' 2026.1.5 ', '2026-01-05'],
    ['2026-02-30', '2026-02-30'],
    ['12/03/2026', '12/03/2026'],
    ['', ''],
  ])('date %j → %j', (typed, date) => {
    expect(typedDate(typed)).toBe(date)
  })

  it.each([
    ['10:00', '10:00'],
    ['10.00', '10:00'],
    ['1000', '10:00'],
    ['9', '09:00'],
    ['9:5', '09:05'],
    ['24:00', '24:00'],
    ['10:00 AM', '10:00 AM'],
  ])('time %j → %j', (typed, time) => {
    expect(typedTime(typed)).toBe(time)
  })
})
