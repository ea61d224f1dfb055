import ICAL from 'ical.js'
import { dateOf, type TimeResolver } from './zones.js'

type Time = InstanceType<typeof ICAL.Time>
type Component = InstanceType<typeof ICAL.Component>
type Recur = InstanceType<typeof ICAL.Recur>

export class WorkLimitError extends Error {
  constructor(readonly reason: 'steps' | 'time') {
    super(reason === 'steps' ? 'recurrence needs too many steps' : 'out of time')
  }
}

/**
 * Counts the steps of recurrence expansion. ical.js itself loops forever on
 * some rules that can never match (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30), and
 * an unbounded FREQ=MINUTELY from 1990 is millions of steps, so every step is
 * paid for here and the whole file has a deadline.
 */
export class WorkBudget {
  private steps = 0
  constructor(
    private readonly maxSteps: number,
    private readonly deadline: number,
  ) {}

  spend() {
    if (++this.steps > this.maxSteps) throw new WorkLimitError('steps')
    if ((this.steps & 1023) === 0) this.checkTime()
  }

  checkTime() {
    if (Date.now() > this.deadline) throw new WorkLimitError('time')
  }
}

class BoundedRecurIterator extends ICAL.RecurIterator {
  budget: WorkBudget | undefined

  // Called once per candidate inside every loop of next(), so no loop escapes the budget.
  override check_contracting_rules(): boolean {
    this.budget?.spend()
    return super.check_contracting_rules()
  }
}

export interface Instance {
  time: Time
  /** The TZID the time is read in. */
  tzid: string | null
  instant: number
}

/**
 * UNTIL is usually in UTC while DTSTART is local. ical.js compares them
 * as they stand, and a DTSTART in a zone it has no VTIMEZONE for counts as
 * floating, so the last instance could be lost; UNTIL is put on DTSTART's
 * wall clock first.
 */
function ruleOnWallClock(recur: Recur, dtstart: Time, tzid: string | null, zones: TimeResolver) {
  const rule = recur.clone()
  const until = rule.until
  if (!until) return rule
  if (until.isDate && !dtstart.isDate) {
    rule.until = new ICAL.Time(
      { year: until.year, month: until.month, day: until.day, hour: 23, minute: 59, second: 59 },
      dtstart.zone,
    )
  } else if (!until.isDate) {
    rule.until = zones.wallClockLike(zones.instant(until, null), dtstart, tzid)
  }
  return rule
}

interface Source {
  next(): Instance | undefined
}

function listSource(items: Instance[]): Source {
  const sorted = [...items].sort((a, b) => a.instant - b.instant)
  let i = 0
  return { next: () => sorted[i++] }
}

function ruleSource(
  recur: Recur,
  dtstart: Time,
  tzid: string | null,
  zones: TimeResolver,
  budget: WorkBudget,
): Source {
  const iterator = new BoundedRecurIterator({
    rule: ruleOnWallClock(recur, dtstart, tzid, zones),
    dtstart,
  })
  iterator.budget = budget
  return {
    next() {
      const time = iterator.next()
      if (!time) return undefined
      const copy = time.clone()
      return { time: copy, tzid, instant: zones.instant(copy, tzid) }
    },
  }
}

function propertyTimes(event: Component, name: string, zones: TimeResolver): Instance[] {
  return event.getAllProperties(name).flatMap((property) => {
    const tzid = (property.getParameter('tzid') as string | undefined) ?? null
    return property.getValues().map((value: unknown) => {
      const time = value instanceof ICAL.Period ? value.start : (value as Time)
      return { time, tzid, instant: zones.instant(time, tzid) }
    })
  })
}

/**
 * The instances of a VEVENT in order: DTSTART (which RFC 5545 counts as the
 * first instance whether or not the rule matches it), each RRULE and RDATE,
 * less EXDATE. Lazy, so the caller stops at the end of its window.
 */
export function* instancesOf(
  event: Component,
  zones: TimeResolver,
  budget: WorkBudget,
): Generator<Instance> {
  const dtstartProperty = event.getFirstProperty('dtstart')
  if (!dtstartProperty) return
  const dtstart = dtstartProperty.getFirstValue() as Time
  const tzid = (dtstartProperty.getParameter('tzid') as string | undefined) ?? null
  const first: Instance = { time: dtstart, tzid, instant: zones.instant(dtstart, tzid) }

  const sources: Source[] = [
    listSource([first, ...propertyTimes(event, 'rdate', zones)]),
    ...event
      .getAllProperties('rrule')
      .map((p) => ruleSource(p.getFirstValue() as Recur, dtstart, tzid, zones, budget)),
  ]
  const isExcluded = exclusions(event, zones)

  const heads = sources.map((s) => s.next())
  let last = -Infinity
  for (;;) {
    budget.spend()
    let pick = -1
    heads.forEach((head, i) => {
      if (head && (pick < 0 || head.instant < heads[pick]!.instant)) pick = i
    })
    if (pick < 0) return
    const instance = heads[pick]!
    heads[pick] = sources[pick]!.next()
    if (instance.instant === last) continue
    last = instance.instant
    if (!isExcluded(instance)) yield instance
  }
}

/** Whether EXDATE removes an instance: by instant, or by day for EXDATE;VALUE=DATE. */
export function exclusions(event: Component, zones: TimeResolver): (instance: Instance) => boolean {
  const excluded = propertyTimes(event, 'exdate', zones)
  const instants = new Set(excluded.filter((e) => !e.time.isDate).map((e) => e.instant))
  const dates = new Set(excluded.filter((e) => e.time.isDate).map((e) => dateOf(e.time)))
  return (instance) =>
    dates.has(dateOf(instance.time)) || (!instance.time.isDate && instants.has(instance.instant))
}
