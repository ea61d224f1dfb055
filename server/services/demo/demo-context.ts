import type { Permission, Role } from '../../../core/roles.js'
import { isoWeekday } from '../../../core/time/iso-week.js'
import { addDays, utcToZoned, zonedToUtc } from '../../../core/time/zoned.js'
import type { Clock } from '../../clock.js'
import type { Torget } from '../../wiring.js'
import { type LibraryAccess, narrow } from '../access.js'

/** The services the demo is written through; nothing else, so it follows their rules. */
export type DemoServices = Torget['services']

/** What the demo is given: Torget's services as they would run at any time it chooses. */
export type DemoTorget = Pick<Torget, 'servicesAt' | 'servicesInOneTransaction'>

/** The demo's own time: it walks the library's past with it, then stops at today. */
export interface DemoClock extends Clock {
  set(at: Date): void
}

export function demoClock(start: Date): DemoClock {
  let at = start.getTime()
  return {
    now: () => new Date(at),
    set: (next) => {
      at = next.getTime()
    },
  }
}

export const DEMO_TIME_ZONE = 'Europe/Stockholm'

/** What every part of the seed is given: the library, its members, and a calendar anchored on today. */
export interface DemoContext {
  services: DemoServices
  /** What the services read as now; a part moves it (the past), and leaves it at `now`. */
  clock: DemoClock
  libraryId: string
  /** The member of each role, by user id. */
  members: Record<Role, string>
  /** The member of `role` acting with `permission`, checked like any request. */
  as<P extends Permission>(role: Role, permission: P): Promise<LibraryAccess<P>>
  /** Today in the library's zone (YYYY-MM-DD). */
  today: string
  /** The date `days` from today. */
  day(days: number): string
  /** `time` (HH:MM) on `date` in the library's zone. */
  at(date: string, time: string): Date
  /** The date of ISO weekday `weekday` (1 Monday … 7 Sunday) in the week `weeks` from this one. */
  weekday(weeks: number, weekday: number): string
  /** The library's channels the demo may plan for; none until a channel that reaches no network exists. */
  channelIds: string[]
  /** Members who join later in the story, by a name of the part's own. */
  newcomers: Record<string, string>
  /** Today: where the story ends. */
  now: Date
}

/** The library's calendar anchored on `now`: today, days and weekdays from it, times on them. */
export function demoCalendar(now: Date): Pick<DemoContext, 'today' | 'day' | 'at' | 'weekday'> {
  const today = utcToZoned(now, DEMO_TIME_ZONE).date
  const day = (days: number) => addDays(today, days)
  return {
    today,
    day,
    at: (date, time) => zonedToUtc(date, time, DEMO_TIME_ZONE),
    weekday: (weeks, weekday) => day(weeks * 7 + weekday - isoWeekday(today)),
  }
}

export function demoContext(input: {
  services: DemoServices
  clock?: DemoClock
  libraryId: string
  members: Record<Role, string>
  now: Date
}): DemoContext {
  // As the web app's requests do: each member's place is loaded once (the access cache),
  // and each action narrows it to the permission it needs.
  const places = new Map<Role, Promise<LibraryAccess>>()
  const place = (role: Role) => {
    let found = places.get(role)
    if (!found) {
      found = input.services.access.membership(input.members[role], input.libraryId)
      places.set(role, found)
    }
    return found
  }
  return {
    ...input,
    ...demoCalendar(input.now),
    clock: input.clock ?? demoClock(input.now),
    as: async (role, permission) => narrow(await place(role), permission),
    channelIds: [],
    newcomers: {},
  }
}

/** Steps of the story at their times, run in time order (ties in the order given) on the demo clock. */
export interface DemoTimeline {
  on(at: Date, run: () => Promise<unknown>): void
  run(): Promise<void>
}

export function demoTimeline(clock: DemoClock): DemoTimeline {
  const steps: { at: number; order: number; run: () => Promise<unknown> }[] = []
  return {
    on(at, run) {
      steps.push({ at: at.getTime(), order: steps.length, run })
    },
    async run() {
      steps.sort((a, b) => a.at - b.at || a.order - b.order)
      for (const step of steps) {
        clock.set(new Date(step.at))
        await step.run()
      }
    },
  }
}
