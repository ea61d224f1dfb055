import { describe, expect, it } from 'vitest'
import { moveToDate } from './move.js'

const TZ = 'Europe/Stockholm'

describe('moving a post to another day', () => {
  it('keeps 10:00 in Stockholm across the change to summer time (28 March 2027)', () => {
    // 10:00 CET on Friday 26 March is 09:00 UTC; 10:00 CEST on Tuesday 30 March is 08:00 UTC.
    expect(moveToDate('2027-03-26T09:00:00.000Z', '2027-03-30', TZ).toISOString()).toBe(
      '2027-03-30T08:00:00.000Z',
    )
    expect(moveToDate('2027-03-28T08:00:00.000Z', '2027-03-30', TZ).toISOString()).toBe(
      '2027-03-30T08:00:00.000Z',
    )
  })

  it('keeps the time back across the change to winter time (31 October 2027)', () => {
    expect(moveToDate('2027-10-29T08:00:00.000Z', '2027-11-01', TZ).toISOString()).toBe(
      '2027-11-01T09:00:00.000Z',
    )
  })

  it('moves a time the new day skips forward by the gap', () => {
    expect(moveToDate('2027-03-27T01:30:00.000Z', '2027-03-28', TZ).toISOString()).toBe(
      '2027-03-28T01:30:00.000Z',
    )
  })
})
