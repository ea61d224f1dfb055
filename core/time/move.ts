import { utcToZoned, zonedToUtc } from './zoned.js'

/**
 * The same wall-clock time on another day, in the library's zone: a post at
 * 10:00 moved across the change to summer time is still at 10:00, one hour
 * fewer later in UTC. A time the new day skips (02:30 on the day clocks move
 * forward) moves forward by the gap, as everywhere else in Torget.
 */
export function moveToDate(instant: string | Date, date: string, timeZone: string): Date {
  return zonedToUtc(date, utcToZoned(instant, timeZone).time, timeZone)
}
