import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  easterSunday,
  holidaysBetween,
  swedishHolidays,
  type SwedishHolidayId,
} from './holidays.js'

const dates = (year: number) =>
  Object.fromEntries(swedishHolidays(year).map((h) => [h.id, h.date])) as Partial<
    Record<SwedishHolidayId, string>
  >
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay()

describe('Swedish public holidays', () => {
  it('finds Easter Sunday by the Gregorian computus', () => {
    expect(easterSunday(2024)).toBe('2024-03-31')
    expect(easterSunday(2025)).toBe('2025-04-20')
    expect(easterSunday(2026)).toBe('2026-04-05')
    expect(easterSunday(2038)).toBe('2038-04-25')
    expect(easterSunday(2008)).toBe('2008-03-23')
    expect(easterSunday(2285)).toBe('2285-03-22')
  })

  it('gives the whole year 2026 as a Swedish calendar prints it', () => {
    expect(dates(2026)).toEqual({
      nyarsdagen: '2026-01-01',
      'trettondedag-jul': '2026-01-06',
      langfredagen: '2026-04-03',
      paskafton: '2026-04-04',
      paskdagen: '2026-04-05',
      'annandag-pask': '2026-04-06',
      'forsta-maj': '2026-05-01',
      'kristi-himmelsfardsdag': '2026-05-14',
      pingstafton: '2026-05-23',
      pingstdagen: '2026-05-24',
      nationaldagen: '2026-06-06',
      midsommarafton: '2026-06-19',
      midsommardagen: '2026-06-20',
      'alla-helgons-dag': '2026-10-31',
      julafton: '2026-12-24',
      juldagen: '2026-12-25',
      'annandag-jul': '2026-12-26',
      nyarsafton: '2026-12-31',
    })
  })

  it('moves the movable days with Easter and the Saturday rules in other years', () => {
    expect(dates(2024)).toMatchObject({
      langfredagen: '2024-03-29',
      'annandag-pask': '2024-04-01',
      'kristi-himmelsfardsdag': '2024-05-09',
      pingstdagen: '2024-05-19',
      midsommarafton: '2024-06-21',
      midsommardagen: '2024-06-22',
      'alla-helgons-dag': '2024-11-02',
    })
    expect(dates(2025)).toMatchObject({
      'kristi-himmelsfardsdag': '2025-05-29',
      pingstdagen: '2025-06-08',
      midsommardagen: '2025-06-21',
      'alla-helgons-dag': '2025-11-01',
    })
    expect(dates(2038)).toMatchObject({ langfredagen: '2038-04-23', paskdagen: '2038-04-25' })
  })

  it('has Whit Monday as a holiday until 2004 and the National Day from 2005', () => {
    expect(dates(2004)['annandag-pingst']).toBe('2004-05-31')
    expect(dates(2004).nationaldagen).toBeUndefined()
    expect(dates(2005).nationaldagen).toBe('2005-06-06')
    expect(dates(2005)['annandag-pingst']).toBeUndefined()
  })

  it('flags the five eves as eves, not holidays, with names in Swedish and English', () => {
    const eves = swedishHolidays(2026).filter((h) => h.kind === 'eve')
    expect(eves.map((h) => h.id)).toEqual([
      'paskafton',
      'pingstafton',
      'midsommarafton',
      'julafton',
      'nyarsafton',
    ])
    expect(swedishHolidays(2026).find((h) => h.id === 'midsommardagen')).toEqual({
      id: 'midsommardagen',
      date: '2026-06-20',
      name: { sv: 'Midsommardagen', en: 'Midsummer Day' },
      kind: 'holiday',
    })
  })

  it('keeps the rules in every supported year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1953, max: 9999 }), (year) => {
        const d = dates(year)
        expect(d.paskdagen! >= `${year}-03-22` && d.paskdagen! <= `${year}-04-25`).toBe(true)
        expect(weekday(d.paskdagen!)).toBe(0)
        expect(weekday(d.langfredagen!)).toBe(5)
        expect(weekday(d['kristi-himmelsfardsdag']!)).toBe(4)
        expect(weekday(d.midsommardagen!)).toBe(6)
        expect(d.midsommardagen! >= `${year}-06-20` && d.midsommardagen! <= `${year}-06-26`).toBe(
          true,
        )
        expect(weekday(d['alla-helgons-dag']!)).toBe(6)
        expect(
          d['alla-helgons-dag']! >= `${year}-10-31` && d['alla-helgons-dag']! <= `${year}-11-06`,
        ).toBe(true)
        expect(swedishHolidays(year)).toHaveLength(18)
      }),
    )
  })

  it('lists the holidays of a calendar range, across a new year, both ends included', () => {
    expect(holidaysBetween('2025-12-24', '2026-01-06').map((h) => `${h.date} ${h.id}`)).toEqual([
      '2025-12-24 julafton',
      '2025-12-25 juldagen',
      '2025-12-26 annandag-jul',
      '2025-12-31 nyarsafton',
      '2026-01-01 nyarsdagen',
      '2026-01-06 trettondedag-jul',
    ])
    expect(holidaysBetween('2026-03-01', '2026-03-31')).toEqual([])
    expect(holidaysBetween('2026-02-01', '2026-01-01')).toEqual([])
    expect(holidaysBetween('1900-01-01', '1953-01-01').map((h) => h.id)).toEqual(['nyarsdagen'])
  })

  it('refuses what is not a date or a supported year', () => {
    expect(() => holidaysBetween('2026-02-30', '2026-03-01')).toThrow(RangeError)
    expect(() => swedishHolidays(1900)).toThrow(RangeError)
    expect(() => swedishHolidays(2026.5)).toThrow(RangeError)
  })
})
