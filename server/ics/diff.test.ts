import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { diffOccurrences } from './diff.js'
import { importIcs } from './import-ics.js'
import type { IcsOccurrence } from './occurrence.js'

const original = fs.readFileSync(
  path.join(import.meta.dirname, 'fixtures', 'google-calendar.ics'),
  'utf8',
)
const read = (text: string, now = '2026-03-01T00:00:00Z', maxOccurrences?: number) =>
  importIcs(text, { timeZone: 'Europe/Stockholm', now: new Date(now), maxOccurrences })
const STORY = '5k2b8v0q9c1h3n4m6p7r8s9t0u@google.com'
const describeOccurrence = (o: IcsOccurrence) => `${o.summary} ${o.start.slice(0, 10)}`

const edited = original
  // An instance of the series moved an hour later.
  .replace(
    'END:VCALENDAR',
    [
      'BEGIN:VEVENT',
      `UID:${STORY}`,
      'RECURRENCE-ID;TZID=Europe/Stockholm:20260325T100000',
      'DTSTART;TZID=Europe/Stockholm:20260325T110000',
      'DTEND;TZID=Europe/Stockholm:20260325T114500',
      'SEQUENCE:1',
      'LAST-MODIFIED:20260302T090000Z',
      'SUMMARY:Sagostund',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:ny-handelse@google.com',
      'DTSTART:20260402T160000Z',
      'DTEND:20260402T170000Z',
      'SUMMARY:Poesikväll',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n'),
  )
  // Another instance taken out.
  .replace(
    'EXDATE;TZID=Europe/Stockholm:20260401T100000',
    'EXDATE;TZID=Europe/Stockholm:20260401T100000,20260520T100000',
  )
  // The book sale called off.
  .replace('STATUS:CONFIRMED\r\nSUMMARY:Bokrea', 'STATUS:CANCELLED\r\nSUMMARY:Bokrea')
  // The author talk deleted from the calendar.
  .replace(/BEGIN:VEVENT\r\nDTSTART:20260312T170000Z[\s\S]*?END:VEVENT\r\n/, '')

describe('comparing an import with the previous one', () => {
  const previous = read(original).occurrences

  it('finds nothing new in the same feed read again', () => {
    const diff = diffOccurrences(previous, read(original))
    expect(diff).toMatchObject({ added: [], changed: [], cancelled: [], removed: [] })
    expect(diff.unchanged).toHaveLength(previous.length)
  })

  it('says what is new, changed, cancelled and removed', () => {
    const diff = diffOccurrences(previous, read(edited))
    expect(diff.added.map(describeOccurrence)).toEqual(['Poesikväll 2026-04-02'])
    expect(diff.changed).toHaveLength(1)
    expect(diff.changed[0]!.current).toMatchObject({
      uid: STORY,
      recurrenceId: '2026-03-25T09:00:00.000Z',
      start: '2026-03-25T10:00:00.000Z',
    })
    expect(diff.changed[0]!.fields).toEqual(
      expect.arrayContaining(['start', 'end', 'sequence', 'lastModified']),
    )
    expect(diff.cancelled.map((c) => describeOccurrence(c.current))).toEqual(['Bokrea 2026-02-23'])
    expect(diff.removed.map(describeOccurrence).sort()).toEqual([
      'Författarsamtal: Sara Berg 2026-03-12',
      'Sagostund 2026-05-20',
    ])
  })

  it('does not call an occurrence removed because the window moved past it', () => {
    const later = read(original, '2026-05-01T00:00:00Z')
    const diff = diffOccurrences(previous, later)
    expect(diff.removed).toEqual([])
    expect(diff.added).toEqual([])
  })

  it('does not call occurrences removed past the cap or of an event it could not read', () => {
    const capped = read(original, '2026-03-01T00:00:00Z', 3)
    expect(capped.occurrences).toHaveLength(3)
    expect(diffOccurrences(previous, capped).removed).toEqual([])

    const broken = original.replace(
      'RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20260527T080000Z;BYDAY=WE',
      'RRULE:FREQ=WEEKLY;BYMONTHDAY=3',
    )
    const partial = read(broken)
    expect(partial.coverage.incompleteUids).toEqual([STORY])
    expect(diffOccurrences(previous, partial).removed).toEqual([])
  })
})
