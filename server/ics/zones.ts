import ICAL from 'ical.js'
import { isTimeZone } from '../../core/locale.js'
import { utcToZoned, zonedToUtc } from '../../core/time/zoned.js'

type Time = InstanceType<typeof ICAL.Time>
type Component = InstanceType<typeof ICAL.Component>

/**
 * Windows time-zone names that Outlook and Exchange write as TZIDs, mapped to
 * an IANA zone with the same rules (from CLDR's windowsZones), for the zones a
 * Swedish library's events are likely in.
 */
const WINDOWS_ZONES: Record<string, string> = {
  'W. Europe Standard Time': 'Europe/Stockholm',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'Romance Standard Time': 'Europe/Paris',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'FLE Standard Time': 'Europe/Helsinki',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'GTB Standard Time': 'Europe/Bucharest',
  'Russian Standard Time': 'Europe/Moscow',
  UTC: 'UTC',
}

/**
 * The IANA zone a TZID names, if any: an IANA name, one with a vendor prefix
 * ("/freeassociation.sourceforge.net/Europe/Stockholm"), or a Windows name.
 */
export function ianaZone(tzid: string | null | undefined): string | undefined {
  if (!tzid) return undefined
  if (known.has(tzid)) return known.get(tzid)
  const zone = lookupZone(tzid)
  if (known.size >= 1000) known.clear()
  known.set(tzid, zone)
  return zone
}

// Checking a zone name builds an Intl formatter, far slower than the rest of reading a time.
const known = new Map<string, string | undefined>()

function lookupZone(tzid: string): string | undefined {
  const id = tzid.replace(/^"|"$/g, '').trim()
  if (WINDOWS_ZONES[id]) return WINDOWS_ZONES[id]
  if (isTimeZone(id)) return id
  const tail = /([A-Za-z_]+\/[A-Za-z_+-]+(?:\/[A-Za-z_+-]+)?)$/.exec(id)?.[1]
  return tail && isTimeZone(tail) ? tail : undefined
}

/**
 * Drops the file's VTIMEZONE definitions that are not needed or not safe.
 * A zone with an IANA name is converted by the platform's own rules (always
 * current, and the same whether or not the file defines it). A custom zone is
 * kept for ical.js only when its rules are yearly, as every real one is: a
 * zone with, say, a secondly rule from 1601 would make ical.js expand it for
 * minutes.
 */
export function pruneTimeZones(root: Component): { dropped: string[] } {
  const dropped: string[] = []
  for (const zone of root.getAllSubcomponents('vtimezone')) {
    const tzid = String(zone.getFirstPropertyValue('tzid') ?? '')
    if (ianaZone(tzid)) {
      root.removeSubcomponent(zone)
      continue
    }
    const parts = [...zone.getAllSubcomponents('standard'), ...zone.getAllSubcomponents('daylight')]
    const sane =
      parts.length > 0 &&
      parts.length <= 50 &&
      parts.every(
        (part) =>
          part.hasProperty('dtstart') &&
          part.hasProperty('tzoffsetto') &&
          part.getAllProperties('rdate').length <= 200 &&
          part
            .getAllProperties('rrule')
            .every((p) => (p.getFirstValue() as InstanceType<typeof ICAL.Recur>).freq === 'YEARLY'),
      )
    if (!sane) {
      root.removeSubcomponent(zone)
      dropped.push(tzid)
    }
  }
  return { dropped }
}

const UTC_ZONE = ICAL.Timezone.utcTimezone

function isUtc(time: Time): boolean {
  return time.zone === UTC_ZONE || time.zone?.tzid === 'UTC'
}

/** ical.js knows the zone from a VTIMEZONE kept by `pruneTimeZones`. */
function hasDefinedZone(time: Time): boolean {
  return (
    !isUtc(time) &&
    time.zone !== undefined &&
    time.zone !== ICAL.Timezone.localTimezone &&
    time.zone.tzid !== 'floating'
  )
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

export function dateOf(time: Time): string {
  return `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`
}

/**
 * Turns the times of one file into instants. A time is read as the file
 * says: UTC when it ends in Z; in its TZID's zone; and in the library's zone
 * when it is floating or its TZID is unknown (a warning says so).
 */
export class TimeResolver {
  readonly unknownZones = new Set<string>()

  constructor(readonly libraryZone: string) {}

  /** The IANA zone a time's wall clock is read in, or 'defined' for a custom VTIMEZONE. */
  zoneOf(time: Time, tzid: string | null): string | 'defined' {
    if (isUtc(time)) return 'UTC'
    const iana = ianaZone(tzid)
    if (iana) return iana
    if (hasDefinedZone(time)) return 'defined'
    if (tzid) this.unknownZones.add(tzid)
    return this.libraryZone
  }

  /** Milliseconds since the epoch; a date (all-day) is midnight in the library's zone. */
  instant(time: Time, tzid: string | null): number {
    if (time.isDate) return zonedToUtc(dateOf(time), '00:00', this.libraryZone).getTime()
    const zone = this.zoneOf(time, tzid)
    if (zone === 'defined') return time.toUnixTime() * 1000
    const wall = `${pad(time.hour)}:${pad(time.minute)}`
    return zonedToUtc(dateOf(time), wall, zone).getTime() + time.second * 1000
  }

  /**
   * `instant` as a time on the same wall clock as `like` (same zone, same
   * kind), so ical.js can compare it with times of a recurrence it expands.
   */
  wallClockLike(instant: number, like: Time, tzid: string | null): Time {
    const zone = this.zoneOf(like, tzid)
    if (zone === 'defined' || zone === 'UTC') {
      const utc = ICAL.Time.fromJSDate(new Date(instant), true)
      return zone === 'UTC' ? utc : utc.convertToZone(like.zone)
    }
    const { date, time } = utcToZoned(new Date(instant), zone)
    const [year, month, day] = date.split('-').map(Number) as [number, number, number]
    const [hour, minute] = time.split(':').map(Number) as [number, number]
    const second = new Date(instant).getUTCSeconds()
    if (like.isDate) return new ICAL.Time({ year, month, day, isDate: true }, like.zone)
    return new ICAL.Time({ year, month, day, hour, minute, second }, like.zone)
  }
}
