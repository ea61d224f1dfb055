import type { DemoContext } from './demo-context.js'

/** The UID of the festival in the demo's calendar file: the campaign is built around it. */
export const BOKFESTIVAL_UID = 'bokfestival@exempelbiblioteket.se'

interface DemoEvent {
  uid: string
  summary: string
  description: string
  location: string
  date: string
  start: string
  end: string
  rrule?: string
  status?: 'CANCELLED'
  classification?: 'PRIVATE'
}

const stamp = (date: string, time: string) =>
  `${date.replaceAll('-', '')}T${time.replace(':', '')}00`

/** The programme a library keeps in its calendar, around today: weekly groups, a visit, the festival. */
export function demoEvents(ctx: Pick<DemoContext, 'weekday'>): DemoEvent[] {
  const place = 'Exempelbiblioteket, Storgatan 1'
  return [
    {
      uid: 'sagostund@exempelbiblioteket.se',
      summary: 'Sagostund för 3–5 år',
      description: 'Vi läser och sjunger tillsammans i barnavdelningen. Ingen anmälan.',
      location: `${place}, barnavdelningen`,
      date: ctx.weekday(-8, 3),
      start: '10:00',
      end: '10:30',
      rrule: 'FREQ=WEEKLY;COUNT=16',
    },
    {
      uid: 'sprakcafe@exempelbiblioteket.se',
      summary: 'Språkcafé – prata svenska',
      description: 'Öva svenska över en kopp kaffe med volontärer från Röda Korset.',
      location: `${place}, caféet`,
      date: ctx.weekday(-8, 4),
      start: '17:00',
      end: '18:30',
      rrule: 'FREQ=WEEKLY;COUNT=16',
    },
    {
      uid: 'forfattarbesok@exempelbiblioteket.se',
      summary: 'Författarbesök: Maria Lind om sin nya roman',
      description: 'Samtal och signering. Fri entré, begränsat antal platser.',
      location: `${place}, hörsalen`,
      date: ctx.weekday(-2, 2),
      start: '18:00',
      end: '19:30',
    },
    {
      uid: 'digital-hjalp@exempelbiblioteket.se',
      summary: 'Digital hjälp: BankID och e-tjänster',
      description: 'Ta med din telefon, vi hjälper dig komma igång.',
      location: `${place}, datortorget`,
      date: ctx.weekday(0, 2),
      start: '13:00',
      end: '15:00',
    },
    {
      uid: BOKFESTIVAL_UID,
      summary: 'Bokfestival på Exempelbiblioteket',
      description:
        'En hel dag om läsning: författarsamtal, bokloppis, pyssel för barn och tävlingar. Fri entré.',
      location: place,
      date: ctx.weekday(1, 6),
      start: '10:00',
      end: '16:00',
    },
    {
      uid: 'stickcafe@exempelbiblioteket.se',
      summary: 'Stickcafé',
      description: 'Inställt: ledaren är sjuk. Vi återkommer med nytt datum.',
      location: `${place}, caféet`,
      date: ctx.weekday(0, 5),
      start: '14:00',
      end: '16:00',
      status: 'CANCELLED',
    },
    {
      uid: 'julpyssel@exempelbiblioteket.se',
      summary: 'Julpyssel för hela familjen',
      description: 'Vi gör julkort och pappersstjärnor. Material finns på plats.',
      location: `${place}, barnavdelningen`,
      date: ctx.weekday(2, 6),
      start: '11:00',
      end: '14:00',
    },
    {
      uid: 'apt@exempelbiblioteket.se',
      summary: 'Arbetsplatsträff',
      description: 'Personalens månadsmöte.',
      location: `${place}, personalrummet`,
      date: ctx.weekday(1, 2),
      start: '08:30',
      end: '10:00',
      classification: 'PRIVATE',
    },
  ]
}

/** The events as the library's calendar program would export them (RFC 5545). */
export function demoCalendarFile(events: DemoEvent[], dtstamp: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Exempelbiblioteket//Program//SV',
    'X-WR-CALNAME:Exempelbibliotekets program',
  ]
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;TZID=Europe/Stockholm:${stamp(e.date, e.start)}`,
      `DTEND;TZID=Europe/Stockholm:${stamp(e.date, e.end)}`,
      `SUMMARY:${e.summary}`,
      `DESCRIPTION:${e.description.replaceAll(',', '\\,')}`,
      `LOCATION:${e.location.replaceAll(',', '\\,')}`,
      ...(e.rrule ? [`RRULE:${e.rrule}`] : []),
      ...(e.status ? [`STATUS:${e.status}`] : []),
      ...(e.classification ? [`CLASS:${e.classification}`] : []),
      'END:VEVENT',
    )
  }
  lines.push('END:VCALENDAR')
  return `${lines.join('\r\n')}\r\n`
}

/** Imports the library's programme as an uploaded calendar file, through the same import as any. */
export async function seedEvents(ctx: DemoContext): Promise<void> {
  const dtstamp = `${ctx.today.replaceAll('-', '')}T060000Z`
  await ctx.services.events.addFile(await ctx.as('editor', 'events.manage'), {
    name: 'Exempelbibliotekets program.ics',
    bytes: new TextEncoder().encode(demoCalendarFile(demoEvents(ctx), dtstamp)),
  })
}
