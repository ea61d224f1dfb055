import { describe, expect, it } from 'vitest'
import {
  FINAL_STAGE,
  firstSchedule,
  libraryDay,
  nextAccountSampleAt,
  retryDelayMs,
  scheduleAfterSample,
} from './sampling.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const published = new Date('2025-03-14T09:00:00.000Z')
const after = (ms: number) => new Date(published.getTime() + ms)

describe('the thinning schedule of a post’s counts', () => {
  it('reads a new post an hour after publishing, then at 6 h, 1 d, 7 d and 30 d, then stops', () => {
    let schedule = firstSchedule(published, published)
    const reads: number[] = []
    while (schedule.nextAt) {
      reads.push(schedule.nextAt.getTime() - published.getTime())
      schedule = scheduleAfterSample(published, schedule.nextAt)
    }
    expect(reads).toEqual([HOUR, 6 * HOUR, DAY, 7 * DAY, 30 * DAY])
    expect(schedule).toEqual({ stage: FINAL_STAGE, nextAt: null })
  })

  it('counts every interval a late read passed, and reads the next one on time', () => {
    // Due at 1 h, read after three days (the channel was waiting for reconnection).
    expect(scheduleAfterSample(published, after(3 * DAY))).toEqual({
      stage: 3,
      nextAt: after(7 * DAY),
    })
    expect(scheduleAfterSample(published, after(45 * DAY))).toEqual({ stage: 5, nextAt: null })
  })

  it('reads an older post once now, at the stage its age implies, and goes on from there', () => {
    const now = after(3 * DAY)
    expect(firstSchedule(published, now)).toEqual({ stage: 2, nextAt: now })
    expect(firstSchedule(published, after(400 * DAY))).toEqual({
      stage: 4,
      nextAt: after(400 * DAY),
    })
    expect(firstSchedule(published, after(10 * 60_000))).toEqual({ stage: 0, nextAt: after(HOUR) })
  })

  it('backs off a failed read from a minute to at most six hours', () => {
    expect([1, 2, 3, 9, 10, 100].map(retryDelayMs)).toEqual([
      60_000,
      120_000,
      240_000,
      256 * 60_000,
      6 * HOUR,
      6 * HOUR,
    ])
  })
})

describe('an account’s daily read', () => {
  it('comes late in the library’s day, once a day, and files under that day', () => {
    const zone = 'Europe/Stockholm'
    const connected = new Date('2025-03-14T09:00:00.000Z')
    const first = nextAccountSampleAt(connected, zone, 'channel-a')
    // 23:00–23:29 in Stockholm (UTC+1 in March) the same day.
    expect(first.toISOString().slice(0, 13)).toBe('2025-03-14T22')
    expect(libraryDay(first, zone)).toBe('2025-03-14')
    const second = nextAccountSampleAt(first, zone, 'channel-a')
    expect(second.getTime() - first.getTime()).toBe(DAY)
    // Across the change to summer time the read stays at the same wall-clock time.
    const beforeDst = nextAccountSampleAt(new Date('2025-03-29T23:00:00.000Z'), zone, 'channel-a')
    expect(beforeDst.toISOString().slice(0, 13)).toBe('2025-03-30T21')
  })

  it('files a read after midnight under the library’s new day, not UTC’s', () => {
    expect(libraryDay(new Date('2025-03-14T23:30:00.000Z'), 'Europe/Stockholm')).toBe('2025-03-15')
    expect(libraryDay(new Date('2025-03-14T23:30:00.000Z'), 'America/New_York')).toBe('2025-03-14')
  })
})
