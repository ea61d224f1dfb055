import { describe, expect, it } from 'vitest'
import {
  DEFAULT_RESPONSE_TARGET,
  TYPICAL_OPENING_HOURS,
  describeTarget,
  dueAt,
  responseTargetSchema,
  summarizeResponseTimes,
  targetMinutes,
  workingMinutesBetween,
  workingTimeMeter,
  type ResponseTarget,
} from './response-time.js'

const weekdays = DEFAULT_RESPONSE_TARGET
const roundTheClock: ResponseTarget = { hours: 24, workingHoursOnly: false, openingHours: null }
const opening: ResponseTarget = {
  hours: 4,
  workingHoursOnly: true,
  openingHours: TYPICAL_OPENING_HOURS,
}

/** Stockholm wall-clock time, written with its offset so the test says what it means. */
const at = (iso: string) => new Date(iso)

describe('dueAt on weekdays (the default)', () => {
  it('counts a weekday item 24 hours ahead', () => {
    expect(dueAt(at('2026-12-01T09:00:00+01:00'), weekdays)).toEqual(
      at('2026-12-02T09:00:00+01:00'),
    )
  })

  it('skips the weekend: Friday evening to Monday evening', () => {
    expect(dueAt(at('2026-12-04T20:00:00+01:00'), weekdays)).toEqual(
      at('2026-12-07T20:00:00+01:00'),
    )
    // Received on a Saturday: counting starts Monday morning.
    expect(dueAt(at('2026-12-05T11:00:00+01:00'), weekdays)).toEqual(
      at('2026-12-08T00:00:00+01:00'),
    )
  })

  it('counts out midsommarafton and midsommardagen', () => {
    // 2026: midsommarafton Friday 19 June, midsommardagen Saturday 20 June.
    expect(dueAt(at('2026-06-19T18:00:00+02:00'), weekdays)).toEqual(
      at('2026-06-23T00:00:00+02:00'),
    )
    // Thursday evening: six hours on Thursday, then Monday until 18:00.
    expect(dueAt(at('2026-06-18T18:00:00+02:00'), weekdays)).toEqual(
      at('2026-06-22T18:00:00+02:00'),
    )
    // The Friday a week before is an ordinary Friday.
    expect(dueAt(at('2026-06-12T20:00:00+02:00'), weekdays)).toEqual(
      at('2026-06-15T20:00:00+02:00'),
    )
  })

  it('counts out Christmas and New Year, eves included', () => {
    // Tue 22 Dec 2026 12:00 + 48 h: 12 h Tuesday, 24 h Wednesday; 24–27 out; Monday 28 until 12:00.
    expect(dueAt(at('2026-12-22T12:00:00+01:00'), { ...weekdays, hours: 48 })).toEqual(
      at('2026-12-28T12:00:00+01:00'),
    )
    expect(dueAt(at('2026-12-30T12:00:00+01:00'), weekdays)).toEqual(
      at('2027-01-04T12:00:00+01:00'),
    )
  })
})

describe('dueAt across daylight saving time', () => {
  it('round the clock counts real hours: the spring night is one hour short', () => {
    // 29 March 2026 02:00 → 03:00 in Stockholm.
    expect(dueAt(at('2026-03-28T12:00:00+01:00'), roundTheClock)).toEqual(
      at('2026-03-29T13:00:00+02:00'),
    )
    // 25 October 2026 03:00 → 02:00.
    expect(dueAt(at('2026-10-24T12:00:00+02:00'), roundTheClock)).toEqual(
      at('2026-10-25T11:00:00+01:00'),
    )
  })

  it('opening hours across the change count the hours that passed', () => {
    const night: ResponseTarget = {
      hours: 10,
      workingHoursOnly: true,
      openingHours: {
        mon: null,
        tue: null,
        wed: null,
        thu: null,
        fri: null,
        sat: null,
        sun: { open: '01:00', close: '04:00' },
      },
    }
    const from = at('2026-03-29T00:00:00+01:00')
    expect(workingMinutesBetween(from, at('2026-03-30T00:00:00+02:00'), night)).toBe(120)
    const autumn = at('2026-10-25T00:00:00+02:00')
    expect(workingMinutesBetween(autumn, at('2026-10-26T00:00:00+01:00'), night)).toBe(240)
  })

  it('a weekday after the change is a whole day in local time', () => {
    // Friday 27 March 12:00 CET + 24 weekday hours: Friday 12 h, Monday 30 March 12:00 CEST.
    expect(dueAt(at('2026-03-27T12:00:00+01:00'), weekdays)).toEqual(
      at('2026-03-30T12:00:00+02:00'),
    )
  })
})

describe('dueAt in opening hours', () => {
  it('counts only the hours the library is open', () => {
    // Monday 18:00, open to 19:00: one hour Monday, three from Tuesday 10:00.
    expect(dueAt(at('2026-12-07T18:00:00+01:00'), opening)).toEqual(at('2026-12-08T13:00:00+01:00'))
    // Before opening, counting starts at opening.
    expect(dueAt(at('2026-12-08T07:00:00+01:00'), opening)).toEqual(at('2026-12-08T14:00:00+01:00'))
  })

  it('closes on Saturday midsommardagen even with Saturday hours', () => {
    const two = { ...opening, hours: 2 }
    // Thursday 18 June 18:00: one hour Thursday; Fri, Sat out; Sunday closed; Monday 10:00 + 1 h.
    expect(dueAt(at('2026-06-18T18:00:00+02:00'), two)).toEqual(at('2026-06-22T11:00:00+02:00'))
    // An ordinary Saturday counts.
    expect(dueAt(at('2026-06-12T18:00:00+02:00'), two)).toEqual(at('2026-06-13T13:00:00+02:00'))
  })
})

describe('workingMinutesBetween', () => {
  it('measures the counted minutes of an answer', () => {
    expect(
      workingMinutesBetween(
        at('2026-12-04T20:00:00+01:00'),
        at('2026-12-07T08:00:00+01:00'),
        weekdays,
      ),
    ).toBe(12 * 60)
    expect(
      workingMinutesBetween(
        at('2026-12-07T18:30:00+01:00'),
        at('2026-12-08T10:15:00+01:00'),
        opening,
      ),
    ).toBe(45)
    expect(workingMinutesBetween('2026-12-07T10:00:00Z', '2026-12-07T09:00:00Z', weekdays)).toBe(0)
    expect(
      workingMinutesBetween('2026-12-05T10:00:00Z', '2026-12-06T10:00:00Z', roundTheClock),
    ).toBe(1440)
  })

  it('agrees with dueAt: the due time is exactly the target away', () => {
    for (const received of [
      '2026-06-18T16:00:00Z',
      '2026-03-27T22:10:00Z',
      '2026-12-23T08:00:00Z',
    ]) {
      for (const target of [weekdays, opening, roundTheClock]) {
        expect(workingMinutesBetween(received, dueAt(received, target), target)).toBe(
          targetMinutes(target),
        )
      }
    }
  })
})

describe('workingTimeMeter', () => {
  it('measures every pair as workingMinutesBetween does, across holidays and clock changes', () => {
    // A quarter year with Easter, the spring clock change and Valborg; pairs minutes to weeks long.
    const from = Date.parse('2026-03-01T00:00:00Z')
    const to = Date.parse('2026-05-31T00:00:00Z')
    let seed = 7
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
    for (const target of [weekdays, opening, roundTheClock]) {
      const meter = workingTimeMeter(target, 'Europe/Stockholm', from, to)
      for (let i = 0; i < 400; i++) {
        const a = from + Math.floor(random() * (to - from))
        const b = a + Math.floor(random() ** 3 * 20 * 86_400_000)
        expect(meter(a, b)).toBeCloseTo(workingMinutesBetween(a, b, target), 6)
      }
    }
  })

  it('measures a pair outside its days too, and a reversed pair as nothing', () => {
    const meter = workingTimeMeter(
      weekdays,
      'Europe/Stockholm',
      Date.parse('2026-12-07T00:00:00Z'),
      Date.parse('2026-12-08T00:00:00Z'),
    )
    const friday = Date.parse('2026-12-04T20:00:00+01:00')
    const monday = Date.parse('2026-12-07T08:00:00+01:00')
    expect(meter(friday, monday)).toBe(12 * 60)
    expect(meter(monday, friday)).toBe(0)
  })
})

describe('summarizeResponseTimes', () => {
  it('gives the median, the 90th percentile and the share within the target', () => {
    expect(summarizeResponseTimes([30, 10, 20, 600, 40], 60)).toEqual({
      answered: 5,
      medianMinutes: 30,
      p90Minutes: 600,
      withinTarget: 0.8,
    })
    expect(summarizeResponseTimes([10, 20, 30, 40], null)).toEqual({
      answered: 4,
      medianMinutes: 25,
      p90Minutes: 40,
      withinTarget: null,
    })
    const many = Array.from({ length: 20 }, (_, i) => i + 1)
    expect(summarizeResponseTimes(many, 18).p90Minutes).toBe(18)
  })

  it('has nothing to say without answers', () => {
    expect(summarizeResponseTimes([], 1440)).toEqual({
      answered: 0,
      medianMinutes: null,
      p90Minutes: null,
      withinTarget: null,
    })
  })
})

describe('the target', () => {
  it('is described in plain words', () => {
    expect(describeTarget(weekdays, 'sv')).toBe('inom 24 timmar på vardagar')
    expect(describeTarget(weekdays, 'en')).toBe('within 24 hours on weekdays')
    expect(describeTarget({ ...roundTheClock, hours: 1 }, 'sv')).toBe('inom 1 timme')
    expect(describeTarget(opening, 'sv')).toBe('inom 4 timmar räknat i öppettid')
  })

  it('refuses hours out of range, closing before opening and a week with no hours', () => {
    expect(responseTargetSchema.safeParse({ ...weekdays, hours: 0 }).success).toBe(false)
    expect(responseTargetSchema.safeParse({ ...weekdays, hours: 721 }).success).toBe(false)
    expect(responseTargetSchema.safeParse({ ...weekdays, hours: 1.5 }).success).toBe(false)
    const late = { ...TYPICAL_OPENING_HOURS, mon: { open: '19:00', close: '10:00' } }
    expect(responseTargetSchema.safeParse({ ...opening, openingHours: late }).success).toBe(false)
    const badTime = { ...TYPICAL_OPENING_HOURS, mon: { open: '24:00', close: '25:00' } }
    expect(responseTargetSchema.safeParse({ ...opening, openingHours: badTime }).success).toBe(
      false,
    )
    const closed = { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null }
    expect(responseTargetSchema.safeParse({ ...opening, openingHours: closed }).success).toBe(false)
    expect(responseTargetSchema.safeParse(opening).success).toBe(true)
  })
})
