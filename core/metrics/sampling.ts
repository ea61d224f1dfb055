import { addDays, utcToZoned, zonedToUtc } from '../time/zoned.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * When a published post's counts are read, after publishing: most of what a
 * post gets comes in its first hours, so it is read often then and rarely
 * after; after 30 days the counts hardly move and reading stops. Five reads
 * a post keep a library of thousands of posts well inside the networks' limits.
 */
export const POST_SAMPLE_AFTER_MS = [HOUR, 6 * HOUR, DAY, 7 * DAY, 30 * DAY] as const
export const FINAL_STAGE = POST_SAMPLE_AFTER_MS.length

/** A post's place in its schedule: how many intervals are behind it, and when it is read next. */
export interface PostSchedule {
  stage: number
  /** Null once the last interval is behind it. */
  nextAt: Date | null
}

function intervalsBehind(publishedAt: Date, at: Date): number {
  const age = at.getTime() - publishedAt.getTime()
  return POST_SAMPLE_AFTER_MS.filter((ms) => ms <= age).length
}

function scheduleAt(publishedAt: Date, stage: number): PostSchedule {
  if (stage >= FINAL_STAGE) return { stage: FINAL_STAGE, nextAt: null }
  return { stage, nextAt: new Date(publishedAt.getTime() + POST_SAMPLE_AFTER_MS[stage]!) }
}

/**
 * Where a post starts. A post just published is first read an hour later. A
 * post older than that (published before collection began, or found by the
 * sweep) is read once now, in place of the intervals it has passed, and then
 * goes on from the interval its age implies.
 */
export function firstSchedule(publishedAt: Date, now: Date): PostSchedule {
  const behind = intervalsBehind(publishedAt, now)
  if (behind === 0) return scheduleAt(publishedAt, 0)
  return { stage: behind - 1, nextAt: now }
}

/**
 * After a read at `sampledAt`: every interval up to then is behind the post,
 * however late the read was, and the next one is read at its own time.
 */
export function scheduleAfterSample(publishedAt: Date, sampledAt: Date): PostSchedule {
  return scheduleAt(publishedAt, intervalsBehind(publishedAt, sampledAt))
}

/** A read that failed is tried again after a minute, then after twice as long each time, at most six hours. */
export function retryDelayMs(failures: number): number {
  return Math.min(6 * HOUR, MINUTE * 2 ** Math.max(0, Math.min(failures - 1, 20)))
}

/**
 * A post the network has not answered for about a week of tries is no
 * longer asked (one the network hides but does not delete would otherwise be
 * asked every six hours for ever). A pause for revoked access or a rate
 * limit is not a failure.
 */
export const MAX_POST_FAILURES = 30

/**
 * An account's own counts are read once a day, late in the library's day
 * (23:00 plus a spread of up to half an hour, so an installation's accounts
 * are not all read in the same minute): that day's row then shows where the
 * day ended. The first read comes soon after a channel connects.
 */
export function nextAccountSampleAt(now: Date, timeZone: string, channelId: string): Date {
  const minute = spread(channelId)
  const time = `23:${String(minute).padStart(2, '0')}`
  const today = utcToZoned(now, timeZone).date
  // A read just taken at today's slot must not be repeated within the same minute.
  const notBefore = now.getTime() + MINUTE
  for (const date of [today, addDays(today, 1), addDays(today, 2)]) {
    const at = zonedToUtc(date, time, timeZone)
    if (at.getTime() > notBefore) return at
  }
  return new Date(now.getTime() + DAY)
}

/** The library's day (YYYY-MM-DD) at an instant: the day an account's counts are filed under. */
export function libraryDay(at: Date, timeZone: string): string {
  return utcToZoned(at, timeZone).date
}

function spread(id: string): number {
  let hash = 0
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return hash % 30
}
