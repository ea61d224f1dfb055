import type { Permission, Role } from '../../../core/roles.js'
import { isoWeekday } from '../../../core/time/iso-week.js'
import { addDays, utcToZoned, zonedToUtc } from '../../../core/time/zoned.js'
import type { Torget } from '../../wiring.js'
import { type LibraryAccess, authorize } from '../access.js'

/** The services the demo is written through; nothing else, so it follows their rules. */
export type DemoServices = Pick<
  Torget['services'],
  | 'store'
  | 'strategy'
  | 'policy'
  | 'posts'
  | 'approval'
  | 'comments'
  | 'campaigns'
  | 'recurringSlots'
  | 'events'
  | 'path'
  | 'ideas'
>

export const DEMO_TIME_ZONE = 'Europe/Stockholm'

/** What every part of the seed is given: the library, its members, and a calendar anchored on today. */
export interface DemoContext {
  services: DemoServices
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
  now: Date
}

export function demoContext(input: {
  services: DemoServices
  libraryId: string
  members: Record<Role, string>
  now: Date
}): DemoContext {
  const today = utcToZoned(input.now, DEMO_TIME_ZONE).date
  const day = (days: number) => addDays(today, days)
  return {
    ...input,
    as: (role, permission) =>
      authorize(input.services.store.repos, input.members[role], input.libraryId, permission),
    today,
    day,
    at: (date, time) => zonedToUtc(date, time, DEMO_TIME_ZONE),
    weekday: (weeks, weekday) => day(weeks * 7 + weekday - isoWeekday(today)),
    channelIds: [],
  }
}
