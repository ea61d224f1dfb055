import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, isLocalDate, isLocalTime, resolveZoned, utcToZoned, zonedToUtc } from './zoned.js'

const STOCKHOLM = 'Europe/Stockholm'
const iso = (date: string, time: string, zone = STOCKHOLM) =>
  zonedToUtc(date, time, zone).toISOString()

describe('a library-local date and time as an instant', () => {
  it('applies winter time (+01:00) and summer time (+02:00) in Stockholm', () => {
    expect(iso('2026-01-15', '10:00')).toBe('2026-01-15T09:00:00.000Z')
    expect(iso('2026-07-01', '10:00')).toBe('2026-07-01T08:00:00.000Z')
    expect(iso('2026-12-31', '23:30')).toBe('2026-12-31T22:30:00.000Z')
  })

  it('follows the spring change (last Sunday of March, 02:00 → 03:00)', () => {
    expect(iso('2026-03-29', '01:59')).toBe('2026-03-29T00:59:00.000Z')
    expect(iso('2026-03-29', '03:00')).toBe('2026-03-29T01:00:00.000Z')
    expect(iso('2026-03-29', '10:00')).toBe('2026-03-29T08:00:00.000Z')
    expect(iso('2026-03-28', '10:00')).toBe('2026-03-28T09:00:00.000Z')
  })

  it('moves a time that does not exist on the spring change forward by the hour skipped', () => {
    const gap = resolveZoned('2026-03-29', '02:30', STOCKHOLM)
    expect(gap.instant.toISOString()).toBe('2026-03-29T01:30:00.000Z')
    expect(gap).toMatchObject({ shifted: true, ambiguous: false })
    expect(utcToZoned(gap.instant, STOCKHOLM)).toEqual({ date: '2026-03-29', time: '03:30' })
  })

  it('follows the autumn change (last Sunday of October, 03:00 → 02:00)', () => {
    expect(iso('2026-10-25', '01:59')).toBe('2026-10-24T23:59:00.000Z')
    expect(iso('2026-10-25', '03:00')).toBe('2026-10-25T02:00:00.000Z')
    expect(iso('2026-10-25', '10:00')).toBe('2026-10-25T09:00:00.000Z')
    expect(iso('2026-10-24', '10:00')).toBe('2026-10-24T08:00:00.000Z')
  })

  it('picks the first of the two 02:30s on the autumn change, and says so', () => {
    const twice = resolveZoned('2026-10-25', '02:30', STOCKHOLM)
    expect(twice.instant.toISOString()).toBe('2026-10-25T00:30:00.000Z')
    expect(twice).toMatchObject({ shifted: false, ambiguous: true })
    expect(resolveZoned('2026-10-25', '10:00', STOCKHOLM)).toMatchObject({
      shifted: false,
      ambiguous: false,
    })
  })

  it('works in other zones too: half hours, the southern hemisphere, UTC', () => {
    expect(iso('2026-06-01', '10:00', 'Asia/Kolkata')).toBe('2026-06-01T04:30:00.000Z')
    expect(iso('2026-01-10', '10:00', 'Australia/Sydney')).toBe('2026-01-09T23:00:00.000Z')
    expect(iso('2026-07-10', '10:00', 'Australia/Sydney')).toBe('2026-07-10T00:00:00.000Z')
    expect(iso('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z')
    expect(iso('2026-07-01', '10:00', 'UTC')).toBe('2026-07-01T10:00:00.000Z')
  })

  it('refuses what is not a date or a time', () => {
    expect(() => zonedToUtc('2026-02-30', '10:00', STOCKHOLM)).toThrow(RangeError)
    expect(() => zonedToUtc('2026-03-01', '24:00', STOCKHOLM)).toThrow(RangeError)
    expect(() => zonedToUtc('1/3/2026', '10:00', STOCKHOLM)).toThrow(RangeError)
    expect(isLocalDate('2028-02-29')).toBe(true)
    expect(isLocalDate('2026-02-29')).toBe(false)
    expect(isLocalDate('')).toBe(false)
    expect(isLocalTime('09:05')).toBe(true)
    expect(isLocalTime('9:05')).toBe(false)
    expect(isLocalTime('12:60')).toBe(false)
  })

  it('gives back every minute of the decade, except the second of two same wall times', () => {
    const start = Date.UTC(2020, 0, 1)
    const end = Date.UTC(2030, 0, 1)
    fc.assert(
      fc.property(fc.integer({ min: start / 60_000, max: end / 60_000 }), (minute) => {
        const instant = new Date(minute * 60_000)
        const { date, time } = utcToZoned(instant, STOCKHOLM)
        const back = resolveZoned(date, time, STOCKHOLM)
        if (back.ambiguous) {
          expect([0, 3_600_000]).toContain(instant.getTime() - back.instant.getTime())
        } else {
          expect(back.instant.getTime()).toBe(instant.getTime())
        }
      }),
      { numRuns: 2000 },
    )
  })
})

describe('the wall clock at an instant', () => {
  it('shows Stockholm time, to the minute', () => {
    expect(utcToZoned('2026-01-15T09:00:30Z', STOCKHOLM)).toEqual({
      date: '2026-01-15',
      time: '10:00',
    })
    expect(utcToZoned('2026-10-24T22:30:00Z', STOCKHOLM)).toEqual({
      date: '2026-10-25',
      time: '00:30',
    })
    expect(utcToZoned(new Date('2026-10-25T00:30:00Z'), STOCKHOLM).time).toBe('02:30')
    expect(utcToZoned(new Date('2026-10-25T01:30:00Z'), STOCKHOLM).time).toBe('02:30')
  })
})

describe('calendar days', () => {
  it('counts days, not hours, across month ends, leap days and clock changes', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29')
    expect(addDays('2026-10-24', 1)).toBe('2026-10-25')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })

  it('makes "tomorrow at 10" right on the evening before a clock change', () => {
    const now = new Date('2026-03-28T21:30:00Z') // 22:30 in Stockholm, winter time
    const tomorrow = addDays(utcToZoned(now, STOCKHOLM).date, 1)
    expect(iso(tomorrow, '10:00')).toBe('2026-03-29T08:00:00.000Z')
  })
})
