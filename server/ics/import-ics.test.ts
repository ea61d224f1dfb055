import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { utcToZoned } from '../../core/time/zoned.js'
import { IcsError } from './errors.js'
import { importIcs, type IcsImportOptions } from './import-ics.js'
import { icsImportSchema, type IcsOccurrence } from './occurrence.js'

const STOCKHOLM = 'Europe/Stockholm'
const NOW = new Date('2026-03-01T00:00:00Z')
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name))
const read = (input: string | Uint8Array, options: Partial<IcsImportOptions> = {}) =>
  importIcs(input, { timeZone: STOCKHOLM, now: NOW, ...options })
const local = (o: IcsOccurrence) => utcToZoned(o.start, STOCKHOLM)
const named = (occurrences: IcsOccurrence[], summary: string) =>
  occurrences.filter((o) => o.summary.startsWith(summary))

function calendar(...lines: string[]) {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR'].join(
    '\r\n',
  )
}

function failure(fn: () => unknown): IcsError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(IcsError)
    return error as IcsError
  }
  throw new Error('no error')
}

describe('importing a Google Calendar export', () => {
  const result = read(fixture('google-calendar.ics'))
  const story = named(result.occurrences, 'Sagostund')

  it('keeps a weekly 10:00 event at 10:00 Stockholm time across the change to summer time', () => {
    expect(icsImportSchema.parse(result)).toEqual(result)
    const regular = story.filter((o) => !o.overridden)
    expect(regular.map((o) => local(o).time)).toEqual(regular.map(() => '10:00'))
    expect(story.find((o) => o.start.startsWith('2026-03-25'))?.start).toBe(
      '2026-03-25T09:00:00.000Z',
    )
    expect(story.find((o) => o.start.startsWith('2026-04-08'))?.start).toBe(
      '2026-04-08T08:00:00.000Z',
    )
    expect(story.at(-1)).toMatchObject({ start: '2026-05-27T08:00:00.000Z' })
  })

  it('leaves out the instance taken out by EXDATE and applies the overrides', () => {
    expect(story.map((o) => local(o).date)).toEqual([
      '2026-03-04',
      '2026-03-11',
      '2026-03-18',
      '2026-03-25',
      '2026-04-08',
      '2026-04-15',
      '2026-04-22',
      '2026-04-29',
      '2026-05-06',
      '2026-05-13',
      '2026-05-20',
      '2026-05-27',
    ])
    const moved = story.find((o) => o.start.startsWith('2026-03-18'))
    expect(moved).toMatchObject({
      summary: 'Sagostund med Astrid Lindgren-tema',
      overridden: true,
      recurrenceId: '2026-03-18T09:00:00.000Z',
      start: '2026-03-18T13:00:00.000Z',
      end: '2026-03-18T13:45:00.000Z',
      sequence: 1,
      lastModified: '2026-02-20T08:30:00.000Z',
    })
    expect(story.find((o) => o.start.startsWith('2026-04-15'))).toMatchObject({
      status: 'cancelled',
      overridden: true,
    })
    expect(story.filter((o) => o.status === 'cancelled')).toHaveLength(1)
  })

  it('reads an all-day event as dates in the library, and text as plain text', () => {
    expect(result.calendarName).toBe('Stadsbiblioteket – barn och unga')
    expect(named(result.occurrences, 'Bokrea')).toEqual([
      expect.objectContaining({
        allDay: true,
        startDate: '2026-02-24',
        endDate: '2026-02-27',
        start: '2026-02-23T23:00:00.000Z',
        end: '2026-02-26T23:00:00.000Z',
        recurrenceId: null,
      }),
    ])
    expect(named(result.occurrences, 'Författarsamtal')[0]).toMatchObject({
      start: '2026-03-12T17:00:00.000Z',
      end: '2026-03-12T18:30:00.000Z',
      allDay: false,
      startDate: null,
      location: 'Stadsbiblioteket, Hörsalen',
      url: 'https://bibliotek.storstad.se/evenemang/vinterljus',
      description:
        'Författarsamtal med Sara Berg om nya romanen Vinterljus.\n\nFri entré, begränsat antal platser.\nLäs mer: bibliotek.storstad.se',
    })
    expect(story[0]!.description).toBe(
      'Sagostund för barn 3–6 år i sagorummet. Ingen anmälan, först till kvarn.\nVarmt välkomna!',
    )
    expect(result.warnings).toEqual([])
  })
})

describe('importing an Outlook / Exchange export', () => {
  const result = read(fixture('outlook-exchange.ics'))

  it('reads Windows time-zone names, COUNT with EXDATE, and an override by RECURRENCE-ID', () => {
    const cafe = named(result.occurrences, 'Språkcafé')
    expect(cafe.map((o) => `${local(o).date} ${local(o).time}`)).toEqual([
      '2026-03-03 17:00',
      '2026-03-10 17:00',
      '2026-03-17 17:00',
      '2026-03-24 17:00',
      '2026-03-31 17:00',
      '2026-04-14 17:00',
      '2026-04-21 17:00',
      '2026-04-28 17:00',
      '2026-05-05 17:00',
    ])
    expect(new Set(cafe.map((o) => o.uid)).size).toBe(1)
    expect(cafe[0]!.uid).toBe(
      '040000008200E00074C5B7101A82E0080000000060B2A1C3D4E5DC01000000000000000010000000A1B2C3D4E5F60718293A4B5C6D7E8F9',
    )
    expect(cafe.find((o) => o.overridden)).toMatchObject({
      location: 'Stadsbiblioteket, Hörsalen',
      sequence: 1,
      recurrenceId: '2026-04-14T15:00:00.000Z',
    })
  })

  it('converts a custom VTIMEZONE, and marks private and cancelled events', () => {
    expect(named(result.occurrences, 'Styrelsemöte')[0]).toMatchObject({
      start: '2026-04-09T07:00:00.000Z',
      end: '2026-04-09T08:30:00.000Z',
    })
    expect(named(result.occurrences, 'Personalmöte')[0]?.classification).toBe('private')
    expect(named(result.occurrences, 'Inställt: Filmvisning')[0]).toMatchObject({
      status: 'cancelled',
      sequence: 2,
    })
    expect(named(result.occurrences, 'Bokfestival')[0]).toMatchObject({
      allDay: true,
      startDate: '2026-03-14',
      endDate: '2026-03-15',
    })
    expect(result.warnings).toEqual([])
  })
})

describe('importing a municipal event calendar', () => {
  const result = read(fixture('municipal-calendar.ics'))

  it('reads TZID=Europe/Stockholm without a VTIMEZONE, and expands an endless rule only within the window', () => {
    const homework = named(result.occurrences, 'Läxhjälp')
    expect(homework.map(local).every((t) => t.time === '15:00')).toBe(true)
    expect(homework[0]!.start).toBe('2026-02-02T14:00:00.000Z')
    expect(homework.find((o) => o.start.startsWith('2026-03-30'))).toBeDefined()
    expect(homework.at(-1)!.start < result.coverage.until).toBe(true)
    expect(homework.at(-1)!.start.slice(0, 7)).toBe('2027-08')
    expect(homework[0]!.description).toBe(
      'Gratis läxhjälp för elever i årskurs 4–9.\nFrivilliga från Röda Korset hjälper till med matte, svenska och engelska. Ta med dina böcker & ditt schema!',
    )
  })

  it('reads floating times in the library zone, DURATION, and a date UNTIL as its whole day', () => {
    expect(named(result.occurrences, 'Lovaktivitet')[0]).toMatchObject({
      start: '2026-04-07T11:00:00.000Z',
      end: '2026-04-07T13:00:00.000Z',
    })
    const helsinki = read(fixture('municipal-calendar.ics'), { timeZone: 'Europe/Helsinki' })
    expect(named(helsinki.occurrences, 'Lovaktivitet')[0]?.start).toBe('2026-04-07T10:00:00.000Z')
    const circle = named(result.occurrences, 'Bokcirkel')
    expect(circle).toHaveLength(11)
    expect(circle.at(-1)!.start).toBe('2026-12-01T17:00:00.000Z')
  })

  it('gives an event without UID a stable one, and drops URLs that are not http(s)', () => {
    const visit = named(result.occurrences, 'Författarbesök')[0]!
    expect(visit.uid).toMatch(/^torget-generated-/)
    expect(
      named(read(fixture('municipal-calendar.ics')).occurrences, 'Författarbesök')[0]?.uid,
    ).toBe(visit.uid)
    expect(visit.url).toBeNull()
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'missing_uid' })])
  })

  it('returns an all-day event that began before the window but still runs', () => {
    const summer = read(fixture('municipal-calendar.ics'), {
      window: { from: new Date('2026-07-01T00:00:00Z'), to: new Date('2026-07-02T00:00:00Z') },
    })
    expect(summer.occurrences.map((o) => o.summary)).toEqual(['Sommarlovsläsning'])
  })
})

describe('what a file can do wrong', () => {
  it('refuses a file over the byte limit before reading it', () => {
    const huge = calendar('X-FILLER:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n'.repeat(200_000))
    const started = Date.now()
    expect(failure(() => read(huge)).code).toBe('too_large')
    expect(failure(() => read(fixture('google-calendar.ics'), { maxBytes: 1000 })).code).toBe(
      'too_large',
    )
    expect(Date.now() - started).toBeLessThan(500)
  })

  it('says a malformed file is malformed', () => {
    for (const text of [
      '<!doctype html><html><body>Sidan finns inte</body></html>',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Avbruten',
      'BEGIN:VCALENDAR\r\nthis is not iCalendar\r\nEND:VCALENDAR',
      '',
    ]) {
      const error = failure(() => read(text))
      expect(error.code, text).toBe('malformed')
    }
  })

  it('skips a broken event with a warning and keeps the rest', () => {
    const result = read(
      calendar(
        'BEGIN:VEVENT',
        'UID:broken',
        'DTSTART:2026banana',
        'SUMMARY:Trasig',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:no-start',
        'SUMMARY:Utan start',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:ok',
        'DTSTART:20260310T100000Z',
        'SUMMARY:Hel',
        'END:VEVENT',
      ),
    )
    expect(result.occurrences.map((o) => o.uid)).toEqual(['ok'])
    expect(result.warnings.map((w) => `${w.code} ${w.uid}`).sort()).toEqual([
      'event_skipped broken',
      'event_skipped no-start',
    ])
    expect(result.coverage.incompleteUids).toEqual(['broken', 'no-start'])
  })

  it('stops a recurrence rule that can never match, quickly, and says so', () => {
    const started = Date.now()
    const result = read(
      calendar(
        'BEGIN:VEVENT',
        'UID:never',
        'DTSTART;TZID=Europe/Stockholm:20260101T100000',
        'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
        'SUMMARY:Aldrig',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:every-minute',
        'DTSTART:19900101T000000Z',
        'RRULE:FREQ=MINUTELY',
        'SUMMARY:Varje minut',
        'END:VEVENT',
      ),
      { maxStepsPerEvent: 20_000 },
    )
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(result.warnings.map((w) => `${w.code} ${w.uid}`).sort()).toEqual([
      'recurrence_limited every-minute',
      'recurrence_limited never',
    ])
    expect(result.coverage.incompleteUids).toEqual(['every-minute', 'never'])
  })

  it('gives up on a file that takes longer than its time budget', () => {
    const events = Array.from({ length: 200 }, (_, i) => [
      'BEGIN:VEVENT',
      `UID:never-${i}`,
      'DTSTART:20260101T100000Z',
      'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
      'END:VEVENT',
    ]).flat()
    const started = Date.now()
    expect(failure(() => read(calendar(...events), { timeBudgetMs: 300 })).code).toBe('too_complex')
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('does not let a hostile VTIMEZONE make ical.js expand it for ever', () => {
    const started = Date.now()
    const result = read(
      calendar(
        'BEGIN:VTIMEZONE',
        'TZID:Evig zon',
        'BEGIN:STANDARD',
        'DTSTART:16010101T000000',
        'TZOFFSETFROM:+0100',
        'TZOFFSETTO:+0100',
        'RRULE:FREQ=SECONDLY',
        'END:STANDARD',
        'END:VTIMEZONE',
        'BEGIN:VEVENT',
        'UID:zoned',
        'DTSTART;TZID=Evig zon:20260310T100000',
        'SUMMARY:Zonad',
        'END:VEVENT',
      ),
    )
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(result.occurrences[0]?.start).toBe('2026-03-10T09:00:00.000Z')
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'unknown_time_zone' })])
  })

  it('caps the number of occurrences and says up to when the import is complete', () => {
    const result = read(
      calendar(
        'BEGIN:VEVENT',
        'UID:daily',
        'DTSTART:20260301T080000Z',
        'RRULE:FREQ=DAILY',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:weekly',
        'DTSTART:20260302T120000Z',
        'RRULE:FREQ=WEEKLY',
        'END:VEVENT',
      ),
      { maxOccurrences: 10 },
    )
    expect(result.occurrences).toHaveLength(10)
    expect(result.coverage.until).toBe('2026-03-09T12:00:00.000Z')
    expect(result.occurrences.every((o) => o.start < result.coverage.until)).toBe(true)
  })
})
