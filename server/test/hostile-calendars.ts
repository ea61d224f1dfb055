/** Calendar files built to hurt the importer, each a few megabytes at most. */

const wrap = (body: string) =>
  `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hostile//EN\r\n${body}END:VCALENDAR\r\n`

/** The file that took the server down: custom zones with one empty STANDARD each, times bare events. */
export function zonesTimesEvents(zones = 3_000, events = 100_000): string {
  const zone = (i: number) =>
    `BEGIN:VTIMEZONE\r\nTZID:Zon ${i}\r\nBEGIN:STANDARD\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n`
  return wrap(
    Array.from({ length: zones }, (_, i) => zone(i)).join('') +
      'BEGIN:VEVENT\r\nEND:VEVENT\r\n'.repeat(events),
  )
}

/** Rules that step through every second since 1970, each without an end. */
export function deepRecurrence(events = 200): string {
  return wrap(
    Array.from(
      { length: events },
      (_, i) =>
        `BEGIN:VEVENT\r\nUID:sekund-${i}\r\nDTSTART:19700101T000000Z\r\nRRULE:FREQ=SECONDLY\r\nSUMMARY:Varje sekund\r\nEND:VEVENT\r\n`,
    ).join(''),
  )
}

/** A daily event whose DESCRIPTION is megabytes of half-open tags. */
export function hugeDescription(bytes = 4_500_000): string {
  const junk = '<script<a <li &aaaaaaaa'.repeat(Math.ceil(bytes / 23)).slice(0, bytes)
  return wrap(
    `BEGIN:VEVENT\r\nUID:lang-text\r\nDTSTART:20260301T100000Z\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Lång text\r\nDESCRIPTION:${junk}\r\nEND:VEVENT\r\n`,
  )
}

/** One daily series with a long description, and thousands of overrides of it. */
export function manyOverrides(overrides = 3_000): string {
  const day = (i: number) => new Date(Date.UTC(2026, 2, 1) + i * 86_400_000)
  const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z'
  const master = `BEGIN:VEVENT\r\nUID:serie\r\nDTSTART:20260301T100000Z\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Serie\r\nDESCRIPTION:${'Lång beskrivning. '.repeat(1_100)}\r\nEND:VEVENT\r\n`
  const override = (i: number) =>
    `BEGIN:VEVENT\r\nUID:serie\r\nRECURRENCE-ID:${stamp(day(i))}\r\nDTSTART:${stamp(new Date(day(i).getTime() + 3_600_000))}\r\nEND:VEVENT\r\n`
  return wrap(master + Array.from({ length: overrides }, (_, i) => override(i)).join(''))
}

/** Components nested a thousand deep. */
export function deepNesting(depth = 1_000): string {
  return wrap('BEGIN:X-DJUP\r\n'.repeat(depth) + 'END:X-DJUP\r\n'.repeat(depth))
}
