import ICAL from 'ical.js'
import type { Locale } from '../../core/locale.js'
import { NETWORK_NAMES, type Network } from '../../core/channels/networks.js'
import type { CalendarPostRow } from '../repos/calendar-repo.js'

type Channel = { id: string; network: Network; handle: string }

const STATE_NAMES: Record<string, Record<Locale, string>> = {
  draft: { sv: 'Utkast', en: 'Draft' },
  in_review: { sv: 'Granskas', en: 'In review' },
  approved: { sv: 'Godkänt', en: 'Approved' },
  scheduled: { sv: 'Schemalagt', en: 'Scheduled' },
  published: { sv: 'Publicerat', en: 'Published' },
  failed: { sv: 'Misslyckades', en: 'Failed' },
  withdrawn: { sv: 'Borttaget', en: 'Withdrawn' },
}

export function stateName(state: string, locale: Locale): string {
  return STATE_NAMES[state]?.[locale] ?? state
}

function channelList(ids: string[], channels: Channel[]): string {
  return ids
    .map((id) => channels.find((c) => c.id === id))
    .filter((c) => c !== undefined)
    .map(
      (c) => `${NETWORK_NAMES[c.network]} ${c.handle.startsWith('@') ? c.handle : `@${c.handle}`}`,
    )
    .join(', ')
}

/** The first few words of a post, as a calendar entry's title. */
export function firstWords(text: string, words = 8, max = 60): string {
  const line = text.trim().split('\n')[0]?.trim() ?? ''
  const parts = line.split(/\s+/).filter(Boolean)
  let title = parts.slice(0, words).join(' ')
  if ([...title].length > max)
    title = `${[...title]
      .slice(0, max - 1)
      .join('')
      .trimEnd()}`
  return title.length < line.length ? `${title}…` : title
}

// ---------------------------------------------------------------------------------------------
// CSV

const CSV_HEADERS: Record<Locale, string[]> = {
  sv: [
    'Datum',
    'Tid',
    'Läge',
    'Kanaler',
    'Författare',
    'Ansvarig',
    'Kampanj',
    'Taggar',
    'Text',
    'Länk',
  ],
  en: [
    'Date',
    'Time',
    'State',
    'Channels',
    'Author',
    'Assignee',
    'Campaign',
    'Tags',
    'Text',
    'Link',
  ],
}

/**
 * One CSV cell. A cell a spreadsheet would read as a formula (= + - @, or a
 * tab or carriage return that some programs strip first) gets a leading
 * apostrophe: OWASP's advice against CSV injection. Then RFC 4180 quoting.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[";\r\n,]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * Semicolons, CRLF and a UTF-8 byte-order mark: what Excel with Swedish
 * settings opens by a double click, with å, ä and ö intact. (Comma-separated
 * files open as one column there; LibreOffice and Google Sheets detect either.)
 */
export function csvFile(lines: string[][]): string {
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(';')).join('\r\n')}\r\n`
}

/** The posts of a period, one line each, for the planning export. */
export function calendarCsv(
  rows: { date: string; time: string; row: CalendarPostRow; channelIds: string[]; url: string }[],
  channels: Channel[],
  locale: Locale,
): string {
  const lines = [CSV_HEADERS[locale]]
  for (const { date, time, row, channelIds, url } of rows) {
    lines.push([
      date,
      time,
      stateName(row.state, locale),
      channelList(channelIds, channels),
      row.author_name,
      row.assignee_name ?? '',
      row.campaign_id ?? '',
      (JSON.parse(row.tags) as string[]).join(', '),
      row.text,
      url,
    ])
  }
  return csvFile(lines)
}

// ---------------------------------------------------------------------------------------------
// iCalendar

const TENTATIVE = new Set(['draft', 'in_review', 'approved'])
const ENTRY_MINUTES = 15

/**
 * The plan as RFC 5545 text, written by ical.js (which the event import
 * already uses): it escapes text values and folds lines by UTF-8 octets,
 * never inside a character. Times are in UTC, so no VTIMEZONE is needed.
 */
export function calendarIcs(input: {
  libraryName: string
  host: string
  locale: Locale
  channels: Channel[]
  posts: { row: CalendarPostRow; channelIds: string[]; url: string }[]
}): string {
  const { locale } = input
  const calendar = new ICAL.Component(['vcalendar', [], []])
  calendar.addPropertyWithValue('prodid', '-//Torget//Publiceringsplan//SV')
  calendar.addPropertyWithValue('version', '2.0')
  calendar.addPropertyWithValue('calscale', 'GREGORIAN')
  calendar.addPropertyWithValue('method', 'PUBLISH')
  const name = `${locale === 'sv' ? 'Publiceringsplan' : 'Publishing plan'}: ${input.libraryName}`
  calendar.addPropertyWithValue('x-wr-calname', name)
  calendar.addPropertyWithValue('x-published-ttl', 'PT1H')
  for (const { row, channelIds, url } of input.posts) {
    const start = new Date(row.calendar_at!)
    const event = new ICAL.Component('vevent')
    event.addPropertyWithValue('uid', `post-${row.id}@${input.host}`)
    event.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(row.updated_at), true))
    event.addPropertyWithValue(
      'last-modified',
      ICAL.Time.fromJSDate(new Date(row.updated_at), true),
    )
    event.addPropertyWithValue('sequence', row.version)
    event.addPropertyWithValue('dtstart', ICAL.Time.fromJSDate(start, true))
    event.addPropertyWithValue(
      'dtend',
      ICAL.Time.fromJSDate(new Date(start.getTime() + ENTRY_MINUTES * 60_000), true),
    )
    const title = firstWords(row.text) || (locale === 'sv' ? '(ingen text)' : '(no text)')
    event.addPropertyWithValue('summary', title)
    const channelsLine = channelList(channelIds, input.channels)
    const facts = [
      `${locale === 'sv' ? 'Läge' : 'State'}: ${stateName(row.state, locale)}`,
      ...(channelsLine ? [`${locale === 'sv' ? 'Kanaler' : 'Channels'}: ${channelsLine}`] : []),
    ]
    event.addPropertyWithValue('description', `${facts.join('\n')}\n\n${row.text}\n\n${url}`)
    event.addPropertyWithValue('url', url)
    event.addPropertyWithValue('status', TENTATIVE.has(row.state) ? 'TENTATIVE' : 'CONFIRMED')
    event.addPropertyWithValue('transp', 'TRANSPARENT')
    calendar.addSubcomponent(event)
  }
  // ical.js folds at 75 octets before the leading space of a continuation line; 74 keeps
  // every physical line, space included, within RFC 5545's 75.
  const fold = ICAL.foldLength
  ICAL.foldLength = 74
  try {
    return `${calendar.toString()}\r\n`
  } finally {
    ICAL.foldLength = fold
  }
}
