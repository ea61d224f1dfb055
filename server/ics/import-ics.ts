/**
 * Reads a library's events from an iCalendar (RFC 5545) file: ical.js
 * parses and steps through the recurrence rules; the instants, time zones,
 * overrides and limits are decided here.
 */
import crypto from 'node:crypto'
import ICAL from 'ical.js'
import { addDays } from '../../core/time/zoned.js'
import { IcsError } from './errors.js'
import { exclusions, instancesOf, WorkBudget, WorkLimitError, type Instance } from './expand.js'
import type { IcsImport, IcsOccurrence, IcsWarning } from './occurrence.js'
import { oneLine, plainText } from './text.js'
import { dateOf, pruneTimeZones, TimeResolver } from './zones.js'

type Time = InstanceType<typeof ICAL.Time>
type Component = InstanceType<typeof ICAL.Component>
type Duration = InstanceType<typeof ICAL.Duration>

export interface IcsImportOptions {
  /** The library's IANA time zone: floating times and all-day events are read in it. */
  timeZone: string
  /** Occurrences overlapping this window are returned. Default: 30 days back to 18 months ahead. */
  window?: { from: Date; to: Date }
  /** The reference for the default window. */
  now?: Date
  /** Files larger than this are refused before parsing. Default 5 MiB. */
  maxBytes?: number
  /** At most this many occurrences; later ones are cut and `coverage.until` says where. Default 5,000. */
  maxOccurrences?: number
  /** Recurrence steps per event, counting those before the window. Default 100,000. */
  maxStepsPerEvent?: number
  /** For the whole file; past it the import fails as `too_complex`. Default 5 s. */
  timeBudgetMs?: number
}

export const ICS_IMPORT_DEFAULTS = {
  daysBack: 30,
  monthsAhead: 18,
  maxBytes: 5 * 1024 * 1024,
  maxOccurrences: 5_000,
  maxStepsPerEvent: 100_000,
  timeBudgetMs: 5_000,
} as const

const MAX_SUMMARY = 500
const MAX_LOCATION = 500
const MAX_DESCRIPTION = 20_000

function defaultWindow(now: Date) {
  const from = new Date(now.getTime() - ICS_IMPORT_DEFAULTS.daysBack * 24 * 3600 * 1000)
  const to = new Date(now)
  to.setUTCMonth(to.getUTCMonth() + ICS_IMPORT_DEFAULTS.monthsAhead)
  return { from, to }
}

function decode(input: string | Uint8Array, maxBytes: number): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength
  if (size > maxBytes) {
    throw new IcsError('too_large', `The file is ${size} bytes; at most ${maxBytes} are read`)
  }
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input)
  return text.replace(/^\uFEFF/, '')
}

function parseCalendar(text: string): Component {
  if (!/^\s*BEGIN:VCALENDAR/i.test(text)) {
    throw new IcsError('malformed', 'Not an iCalendar file: it does not begin with BEGIN:VCALENDAR')
  }
  let jcal: unknown
  try {
    jcal = ICAL.parse(text)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new IcsError('malformed', `The iCalendar file cannot be read: ${why}`, { cause: error })
  }
  const roots = (Array.isArray(jcal) && typeof jcal[0] === 'string' ? [jcal] : jcal) as unknown[]
  const calendar = roots.find((c) => Array.isArray(c) && c[0] === 'vcalendar')
  if (!calendar) throw new IcsError('malformed', 'The file holds no VCALENDAR')
  return new ICAL.Component(calendar as unknown[])
}

function text(component: Component | undefined, name: string): string | null {
  const value = component?.getFirstPropertyValue(name)
  return value === null || value === undefined ? null : String(value)
}

function tzidOf(component: Component, name: string): string | null {
  return (component.getFirstProperty(name)?.getParameter('tzid') as string | undefined) ?? null
}

type Length =
  | { kind: 'days'; days: number }
  | { kind: 'exact'; ms: number }
  | { kind: 'nominal'; days: number; ms: number }

/** RFC 5545 3.8.5.3: DTEND gives an exact duration; DURATION a nominal one (days on the wall clock). */
function lengthOf(event: Component | undefined, zones: TimeResolver): Length | undefined {
  const start = event?.getFirstPropertyValue('dtstart') as Time | null | undefined
  if (!event || !start) return undefined
  const dtend = event.getFirstPropertyValue('dtend') as Time | null
  if (dtend) {
    if (start.isDate) {
      const days = (Date.parse(dateOf(dtend)) - Date.parse(dateOf(start))) / 86_400_000
      return { kind: 'days', days: Math.max(1, Math.round(days)) }
    }
    const ms =
      zones.instant(dtend, tzidOf(event, 'dtend')) - zones.instant(start, tzidOf(event, 'dtstart'))
    return { kind: 'exact', ms: Math.max(0, ms) }
  }
  const duration = event.getFirstPropertyValue('duration') as Duration | null
  if (duration) {
    const sign = duration.isNegative ? -1 : 1
    const days = sign * (duration.weeks * 7 + duration.days)
    const ms = sign * ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000
    if (start.isDate) return { kind: 'days', days: Math.max(1, days) }
    return { kind: 'nominal', days: Math.max(0, days), ms: Math.max(0, ms) }
  }
  return undefined
}

const STATUS = { CANCELLED: 'cancelled', TENTATIVE: 'tentative' } as const
const CLASSIFICATION = { PRIVATE: 'private', CONFIDENTIAL: 'confidential' } as const

function httpUrl(value: string | null): string | null {
  if (!value) return null
  try {
    const url = new URL(value.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

interface Context {
  zones: TimeResolver
  from: number
  to: number
  maxOccurrences: number
}

/**
 * One occurrence from the component that describes it (an override, or the
 * master), falling back to the master for what an override leaves out.
 */
function occurrence(
  ctx: Context,
  uid: string,
  recurrenceId: string | null,
  own: Component,
  master: Component | undefined,
  at: Instance,
): IcsOccurrence {
  const { zones } = ctx
  const pick = (name: string) => text(own, name) ?? text(master, name)
  const length = lengthOf(own, zones) ?? lengthOf(master, zones)
  let start = at.instant
  let end: number
  let startDate: string | null = null
  let endDate: string | null = null
  if (at.time.isDate) {
    startDate = dateOf(at.time)
    endDate = addDays(startDate, length && length.kind !== 'exact' ? Math.max(1, length.days) : 1)
    start = zones.instant(at.time, null)
    end = zones.instant(ICAL.Time.fromDateString(endDate), null)
  } else if (!length) {
    end = start
  } else if (length.kind === 'exact') {
    end = start + length.ms
  } else {
    const later = at.time.clone() as Time
    later.adjust(length.days, 0, 0, 0)
    end = zones.instant(later, at.tzid) + (length.kind === 'nominal' ? length.ms : 0)
  }
  const modified =
    own.getFirstPropertyValue('last-modified') ?? master?.getFirstPropertyValue('last-modified')
  const status = pick('status')?.toUpperCase()
  const classification = pick('class')?.toUpperCase()
  const location = oneLine(pick('location') ?? '', MAX_LOCATION)
  return {
    uid,
    recurrenceId,
    overridden: own !== master,
    summary: oneLine(pick('summary') ?? '', MAX_SUMMARY),
    description: plainText(pick('description') ?? '', MAX_DESCRIPTION),
    location: location || null,
    url: httpUrl(pick('url')),
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    allDay: at.time.isDate,
    startDate,
    endDate,
    status: STATUS[status as keyof typeof STATUS] ?? 'confirmed',
    classification: CLASSIFICATION[classification as keyof typeof CLASSIFICATION] ?? 'public',
    sequence: Math.max(0, Number.parseInt(pick('sequence') ?? '0', 10) || 0),
    lastModified:
      modified instanceof ICAL.Time ? new Date(zones.instant(modified, null)).toISOString() : null,
  }
}

function keyOf(instance: Instance): string {
  return instance.time.isDate ? dateOf(instance.time) : new Date(instance.instant).toISOString()
}

function recurrenceInstance(override: Component, zones: TimeResolver): Instance | undefined {
  const time = override.getFirstPropertyValue('recurrence-id') as Time | null
  if (!time) return undefined
  const tzid = tzidOf(override, 'recurrence-id')
  return { time, tzid, instant: zones.instant(time, tzid) }
}

function startOf(component: Component, zones: TimeResolver): Instance | undefined {
  const time = component.getFirstPropertyValue('dtstart') as Time | null
  if (!time) return undefined
  const tzid = tzidOf(component, 'dtstart')
  return { time, tzid, instant: zones.instant(time, tzid) }
}

const overlaps = (ctx: Context, o: IcsOccurrence) =>
  Date.parse(o.end) > ctx.from && Date.parse(o.start) < ctx.to

/**
 * The occurrences of one UID in the window. Returns the start of the first
 * occurrence it left out when it reached the cap.
 */
function expandEvent(
  ctx: Context,
  uid: string,
  master: Component | undefined,
  overrides: Component[],
  budget: WorkBudget,
  out: IcsOccurrence[],
): number | undefined {
  const { zones } = ctx
  const overrideByKey = new Map<string, { component: Component; instance: Instance }>()
  for (const component of overrides) {
    const instance = recurrenceInstance(component, zones)
    if (instance) overrideByKey.set(keyOf(instance), { component, instance })
  }
  let cut: number | undefined
  if (master) {
    if (!master.hasProperty('dtstart')) throw new Error('it has no DTSTART')
    const recurring = master.hasProperty('rrule') || master.hasProperty('rdate')
    let count = 0
    for (const instance of instancesOf(master, zones, budget)) {
      if (instance.instant >= ctx.to) break
      const key = recurring ? keyOf(instance) : null
      if (key && overrideByKey.has(key)) continue
      const o = occurrence(ctx, uid, key, master, master, instance)
      if (!overlaps(ctx, o)) continue
      if (++count > ctx.maxOccurrences) {
        cut = instance.instant
        break
      }
      out.push(o)
    }
    const isExcluded = exclusions(master, zones)
    for (const [key, { instance }] of overrideByKey) {
      if (isExcluded(instance)) overrideByKey.delete(key)
    }
  }
  for (const [key, { component, instance }] of overrideByKey) {
    const at = startOf(component, zones) ?? instance
    const o = occurrence(ctx, uid, key, component, master, at)
    if (overlaps(ctx, o)) out.push(o)
  }
  return cut
}

function chooseMaster(masters: Component[]): Component | undefined {
  const rank = (c: Component) => [
    Number.parseInt(text(c, 'sequence') ?? '0', 10) || 0,
    text(c, 'last-modified') ?? '',
  ]
  return [...masters].sort((a, b) => {
    const [sa, ma] = rank(a) as [number, string]
    const [sb, mb] = rank(b) as [number, string]
    return sb - sa || (mb > ma ? 1 : mb < ma ? -1 : 0)
  })[0]
}

/** A UID for an event that has none, stable while its start and title stay. */
function generatedUid(event: Component): string {
  const seed = `${text(event, 'dtstart') ?? ''}\u0000${text(event, 'summary') ?? ''}`
  return `torget-generated-${crypto.createHash('sha256').update(seed).digest('hex').slice(0, 24)}`
}

/**
 * Reads the events of an iCalendar file as occurrences within a window.
 * Throws IcsError when the file as a whole is refused; problems with single
 * events are returned as warnings, and their UIDs listed as incomplete.
 */
export function importIcs(input: string | Uint8Array, options: IcsImportOptions): IcsImport {
  const started = Date.now()
  const limits = { ...ICS_IMPORT_DEFAULTS, ...options }
  const deadline = started + limits.timeBudgetMs
  const window = options.window ?? defaultWindow(options.now ?? new Date())
  const root = parseCalendar(decode(input, limits.maxBytes))
  pruneTimeZones(root)

  const zones = new TimeResolver(options.timeZone)
  const ctx: Context = {
    zones,
    from: window.from.getTime(),
    to: window.to.getTime(),
    maxOccurrences: limits.maxOccurrences,
  }
  const warnings: IcsWarning[] = []
  const incomplete = new Set<string>()
  const groups = new Map<string, { masters: Component[]; overrides: Component[] }>()
  const definedZones = root.getAllSubcomponents('vtimezone').map((zone) => zone.jCal)
  for (const whole of root.getAllSubcomponents('vevent')) {
    // ical.js looks up a TZID by scanning every child of the calendar, which is quadratic in a
    // large file; each event gets a calendar of its own holding only the zones it may need.
    const event = new ICAL.Component([
      'vcalendar',
      [],
      [...definedZones, whole.jCal],
    ]).getFirstSubcomponent('vevent')!
    let uid = text(event, 'uid')?.trim()
    if (!uid) {
      uid = generatedUid(event)
      warnings.push({ code: 'missing_uid', uid, detail: `"${text(event, 'summary') ?? ''}"` })
    }
    const group = groups.get(uid) ?? { masters: [], overrides: [] }
    groups.set(uid, group)
    if (event.hasProperty('recurrence-id')) group.overrides.push(event)
    else group.masters.push(event)
  }

  const all: IcsOccurrence[] = []
  let until = ctx.to
  for (const [uid, { masters, overrides }] of groups) {
    if (Date.now() > deadline) throw tooComplex(limits.timeBudgetMs)
    if (masters.length > 1) {
      warnings.push({ code: 'duplicate_uid', uid, detail: `${masters.length} events share it` })
    }
    const budget = new WorkBudget(limits.maxStepsPerEvent, deadline)
    const found: IcsOccurrence[] = []
    try {
      const cut = expandEvent(ctx, uid, chooseMaster(masters), overrides, budget, found)
      if (cut !== undefined) until = Math.min(until, cut)
    } catch (error) {
      if (error instanceof WorkLimitError && error.reason === 'time') {
        throw tooComplex(limits.timeBudgetMs)
      }
      incomplete.add(uid)
      warnings.push(
        error instanceof WorkLimitError
          ? { code: 'recurrence_limited', uid, detail: 'its recurrence rule needs too much work' }
          : {
              code: 'event_skipped',
              uid,
              detail: error instanceof Error ? error.message : String(error),
            },
      )
    }
    all.push(...found)
  }

  const byStart = (a: IcsOccurrence, b: IcsOccurrence) =>
    a.start.localeCompare(b.start) ||
    a.uid.localeCompare(b.uid) ||
    (a.recurrenceId ?? '').localeCompare(b.recurrenceId ?? '')
  let occurrences = all.filter((o) => Date.parse(o.start) < until).sort(byStart)
  if (occurrences.length > limits.maxOccurrences) {
    until = Date.parse(occurrences[limits.maxOccurrences]!.start)
    occurrences = occurrences.filter((o) => Date.parse(o.start) < until)
  }
  for (const tzid of zones.unknownZones) {
    warnings.push({
      code: 'unknown_time_zone',
      uid: null,
      detail: `${tzid}: read as ${options.timeZone}`,
    })
  }
  return {
    calendarName: text(root, 'x-wr-calname'),
    occurrences,
    coverage: {
      from: window.from.toISOString(),
      until: new Date(until).toISOString(),
      incompleteUids: [...incomplete].sort(),
    },
    warnings,
  }
}

function tooComplex(ms: number) {
  return new IcsError('too_complex', `Reading the file took longer than ${ms} ms`)
}
