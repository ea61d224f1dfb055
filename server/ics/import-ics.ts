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
  /** VEVENTs (overrides included) a file may hold; more is refused before parsing. Default 10,000. */
  maxEvents?: number
  /** VTIMEZONEs a file may define; more is refused before parsing. Default 100. */
  maxTimeZones?: number
  /** Components of any kind, and how deep they nest; more is refused before parsing. */
  maxComponents?: number
  maxDepth?: number
}

export const ICS_IMPORT_DEFAULTS = {
  daysBack: 30,
  monthsAhead: 18,
  maxBytes: 5 * 1024 * 1024,
  maxOccurrences: 5_000,
  maxStepsPerEvent: 100_000,
  timeBudgetMs: 5_000,
  maxEvents: 10_000,
  maxTimeZones: 100,
  maxComponents: 30_000,
  maxDepth: 8,
} as const

/** Kept warnings; past this one `more_warnings` says how many were left out. */
const MAX_WARNINGS = 100

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
  // Unfolded here (RFC 5545 3.1), so the census below sees every BEGIN line whole.
  return text.replace(/^\uFEFF/, '').replace(/\r?\n[ \t]/g, '')
}

type Limits = Required<Omit<IcsImportOptions, 'window' | 'now'>>

/**
 * Counts the components before ical.js builds anything: a file of a few
 * megabytes can name a hundred thousand bare events or thousands of time
 * zones, and everything after parsing grows with those counts.
 */
function census(text: string, limits: Limits): void {
  const counts = new Map<string, number>()
  let depth = 0
  let total = 0
  const lines = /^(BEGIN|END):([A-Za-z0-9-]+)/gim
  for (let match = lines.exec(text); match; match = lines.exec(text)) {
    if (match[1]!.toUpperCase() === 'END') {
      depth = Math.max(0, depth - 1)
      continue
    }
    const name = match[2]!.toUpperCase()
    counts.set(name, (counts.get(name) ?? 0) + 1)
    total++
    if (++depth > limits.maxDepth) {
      throw new IcsError('too_complex', `Components nest deeper than ${limits.maxDepth} levels`)
    }
  }
  const zones = counts.get('VTIMEZONE') ?? 0
  if (zones > limits.maxTimeZones) {
    throw new IcsError(
      'too_many_time_zones',
      `The file defines ${zones} time zones; at most ${limits.maxTimeZones} are read`,
    )
  }
  const events = counts.get('VEVENT') ?? 0
  if (events > limits.maxEvents) {
    throw new IcsError(
      'too_many_events',
      `The file holds ${events} events; at most ${limits.maxEvents} are read`,
    )
  }
  if (total > limits.maxComponents) {
    throw new IcsError(
      'too_complex',
      `The file has ${total} components; at most ${limits.maxComponents} are read`,
    )
  }
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
  descriptions: Descriptions
  from: number
  to: number
  maxOccurrences: number
  deadline: Deadline
}

/** What an occurrence takes from the component that describes it, as the file says it. */
interface Described {
  length: Length | undefined
  summary: string | null
  description: string | null
  location: string | null
  url: string | null
  status: string | null
  classification: string | null
  sequence: string | null
  lastModified: Time | null
}

/**
 * Each component's texts are cleaned once and shared by all its occurrences:
 * a daily event with a long DESCRIPTION must not copy it per day.
 */
class Descriptions {
  private readonly cache = new WeakMap<Component, Described>()

  constructor(private readonly zones: TimeResolver) {}

  of(component: Component): Described {
    let described = this.cache.get(component)
    if (!described) {
      const raw = (name: string) => text(component, name)
      const summary = raw('summary')
      const description = raw('description')
      const location = raw('location')
      const modified = component.getFirstPropertyValue('last-modified')
      described = {
        length: lengthOf(component, this.zones),
        summary: summary === null ? null : oneLine(summary, MAX_SUMMARY),
        description: description === null ? null : plainText(description, MAX_DESCRIPTION),
        location: location === null ? null : oneLine(location, MAX_LOCATION),
        url: raw('url'),
        status: raw('status'),
        classification: raw('class'),
        sequence: raw('sequence'),
        lastModified: modified instanceof ICAL.Time ? modified : null,
      }
      this.cache.set(component, described)
    }
    return described
  }
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
  const mine = ctx.descriptions.of(own)
  const theirs = master ? ctx.descriptions.of(master) : undefined
  const pick = <K extends keyof Described>(name: K): Described[K] | null =>
    mine[name] ?? theirs?.[name] ?? null
  const length = pick('length') ?? undefined
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
  const modified = pick('lastModified')
  const status = pick('status')?.toUpperCase()
  const classification = pick('classification')?.toUpperCase()
  return {
    uid,
    recurrenceId,
    overridden: own !== master,
    summary: pick('summary') ?? '',
    description: pick('description') ?? '',
    location: pick('location') || null,
    url: httpUrl(pick('url')),
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    allDay: at.time.isDate,
    startDate,
    endDate,
    status: STATUS[status as keyof typeof STATUS] ?? 'confirmed',
    classification: CLASSIFICATION[classification as keyof typeof CLASSIFICATION] ?? 'public',
    sequence: Math.max(0, Number.parseInt(pick('sequence') ?? '0', 10) || 0),
    lastModified: modified ? new Date(zones.instant(modified, null)).toISOString() : null,
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
    ctx.deadline.check()
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
    ctx.deadline.check()
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

/** The whole file's time budget, checked inside every loop that grows with the file. */
class Deadline {
  private ticks = 0
  constructor(
    readonly at: number,
    private readonly budgetMs: number,
  ) {}

  check() {
    if ((++this.ticks & 255) === 0 && Date.now() > this.at) throw tooComplex(this.budgetMs)
  }
}

class Warnings {
  readonly list: IcsWarning[] = []
  private left = 0

  add(warning: IcsWarning) {
    if (this.list.length < MAX_WARNINGS) this.list.push(warning)
    else this.left++
  }

  all(): IcsWarning[] {
    if (this.left === 0) return this.list
    return [...this.list, { code: 'more_warnings', uid: null, detail: `${this.left} more` }]
  }
}

/**
 * Reads the events of an iCalendar file as occurrences within a window.
 * Throws IcsError when the file as a whole is refused; problems with single
 * events are returned as warnings, and their UIDs listed as incomplete.
 */
export function importIcs(input: string | Uint8Array, options: IcsImportOptions): IcsImport {
  const limits: Limits = { ...ICS_IMPORT_DEFAULTS, ...options }
  const deadline = new Deadline(Date.now() + limits.timeBudgetMs, limits.timeBudgetMs)
  const window = options.window ?? defaultWindow(options.now ?? new Date())
  const source = decode(input, limits.maxBytes)
  census(source, limits)
  const root = parseCalendar(source)
  pruneTimeZones(root)

  const zones = new TimeResolver(options.timeZone)
  const ctx: Context = {
    zones,
    descriptions: new Descriptions(zones),
    from: window.from.getTime(),
    to: window.to.getTime(),
    maxOccurrences: limits.maxOccurrences,
    deadline,
  }
  const warnings = new Warnings()
  const incomplete = new Set<string>()
  const groups = new Map<string, { masters: Component[]; overrides: Component[] }>()
  // ical.js finds a TZID by scanning the children of the event's calendar, so every event
  // hangs under one calendar holding only the zones: each zone is then built once and shared.
  const definedZones = new Map(
    root
      .getAllSubcomponents('vtimezone')
      .map((zone) => [String(zone.getFirstPropertyValue('tzid')), zone.jCal] as const),
  )
  const zoneRoot = new ICAL.Component(['vcalendar', [], [...definedZones.values()]])
  for (const child of root.jCal[2] as unknown[][]) {
    deadline.check()
    if (child[0] !== 'vevent') continue
    const event = new ICAL.Component(child, zoneRoot)
    let uid = text(event, 'uid')?.trim()
    if (!uid) {
      uid = generatedUid(event)
      warnings.add({ code: 'missing_uid', uid, detail: `"${text(event, 'summary') ?? ''}"` })
    }
    const group = groups.get(uid) ?? { masters: [], overrides: [] }
    groups.set(uid, group)
    if (event.hasProperty('recurrence-id')) group.overrides.push(event)
    else group.masters.push(event)
  }

  let kept: IcsOccurrence[] = []
  let until = ctx.to
  // Keeps memory to a few times the cap however many events each add their own share.
  const cut = () => {
    kept = kept.filter((o) => Date.parse(o.start) < until).sort(byStart)
    if (kept.length > limits.maxOccurrences) {
      until = Date.parse(kept[limits.maxOccurrences]!.start)
      kept = kept.filter((o) => Date.parse(o.start) < until)
    }
  }
  for (const [uid, { masters, overrides }] of groups) {
    deadline.check()
    if (masters.length > 1) {
      warnings.add({ code: 'duplicate_uid', uid, detail: `${masters.length} events share it` })
    }
    const budget = new WorkBudget(limits.maxStepsPerEvent, deadline.at)
    const found: IcsOccurrence[] = []
    try {
      const stop = expandEvent(ctx, uid, chooseMaster(masters), overrides, budget, found)
      if (stop !== undefined) until = Math.min(until, stop)
    } catch (error) {
      if (error instanceof IcsError) throw error
      if (error instanceof WorkLimitError && error.reason === 'time') {
        throw tooComplex(limits.timeBudgetMs)
      }
      incomplete.add(uid)
      warnings.add(
        error instanceof WorkLimitError
          ? { code: 'recurrence_limited', uid, detail: 'its recurrence rule needs too much work' }
          : {
              code: 'event_skipped',
              uid,
              detail: error instanceof Error ? error.message : String(error),
            },
      )
    }
    for (const o of found) kept.push(o)
    if (kept.length > 2 * limits.maxOccurrences) cut()
  }
  cut()

  for (const tzid of zones.unknownZones) {
    warnings.add({
      code: 'unknown_time_zone',
      uid: null,
      detail: `${tzid}: read as ${options.timeZone}`,
    })
  }
  return {
    calendarName: text(root, 'x-wr-calname'),
    occurrences: kept,
    coverage: {
      from: window.from.toISOString(),
      until: new Date(until).toISOString(),
      incompleteUids: [...incomplete].sort(),
    },
    warnings: warnings.all(),
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
// Code-point order: ISO instants sort as time, and collation would cost microseconds a call.
const byStart = (a: IcsOccurrence, b: IcsOccurrence) =>
  compare(a.start, b.start) ||
  compare(a.uid, b.uid) ||
  compare(a.recurrenceId ?? '', b.recurrenceId ?? '')

function tooComplex(ms: number) {
  return new IcsError('too_complex', `Reading the file took longer than ${ms} ms`)
}
