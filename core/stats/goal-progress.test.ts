import { describe, expect, it } from 'vitest'
import { describeMeasure } from '../strategy/goal-measure.js'
import { addDays } from '../time/zoned.js'
import { type GoalInput, goalProgress } from './goal-progress.js'
import { describeGoalProgress } from './goal-text.js'
import type { SeriesPoint } from './series.js'

const TODAY = '2026-03-15'

/** A value each day for `days` days up to `until`, rising `perDay`, ending at `end`. */
function rising(end: number, perDay: number, days = 91, until = TODAY): SeriesPoint[] {
  return Array.from({ length: days }, (_, i) => ({
    day: addDays(until, i - days + 1),
    value: end - perDay * (days - 1 - i),
  }))
}

const followersOnBluesky = describeMeasure(
  { metric: 'followers', scope: { kind: 'network', network: 'bluesky' } },
  'sv',
  () => undefined,
)

function sentence(input: Partial<GoalInput>, locale: 'sv' | 'en' = 'sv') {
  const full: GoalInput = {
    shape: 'level',
    target: 1000,
    deadline: '2026-06-30',
    series: [],
    today: TODAY,
    ...input,
  }
  const progress = goalProgress(full)
  const measure =
    locale === 'sv'
      ? followersOnBluesky
      : describeMeasure(
          { metric: 'followers', scope: { kind: 'network', network: 'bluesky' } },
          'en',
          () => undefined,
        )
  return {
    progress,
    text: describeGoalProgress(progress, { measure, shape: full.shape, today: TODAY, locale })
      // Intl writes thousands with a no-break space in Swedish; read as a space here.
      .replace(/\u00a0/g, ' '),
  }
}

describe('a goal’s progress and forecast', () => {
  it('is in pace when the recent trend reaches the target by the deadline', () => {
    const { progress, text } = sentence({ series: rising(640, 4) })
    expect(progress.status).toBe('on_track')
    expect(progress.current).toBe(640)
    expect(progress.forecast).toBeCloseTo(640 + 4 * 107)
    expect(progress.share).toBeCloseTo(0.64)
    expect(text).toBe('1 000 följare på Bluesky till juni: 640, i takt')
  })

  it('is behind when the trend falls short, and says where this pace ends', () => {
    const { progress, text } = sentence({ series: rising(640, 2) })
    expect(progress.status).toBe('behind')
    expect(progress.forecast).toBeCloseTo(854)
    expect(progress.reachesOn).toBe(addDays(TODAY, 180))
    expect(text).toBe('1 000 följare på Bluesky till juni: 640, efter (i den här takten 854)')
  })

  it('counts a falling trend as behind, never forecasting below zero', () => {
    const { progress } = sentence({ series: rising(30, -5), target: 100 })
    expect(progress.status).toBe('behind')
    expect(progress.forecast).toBe(0)
    expect(progress.reachesOn).toBeNull()
  })

  it('judges a passed deadline by the value on that day, not by what came after', () => {
    const missed = sentence({ series: rising(1100, 5), deadline: '2026-01-31' })
    // 1100 on 15 March, 5 a day: 885 on 31 January, 43 days before.
    expect(missed.progress).toMatchObject({ status: 'missed', current: 885 })
    expect(missed.text).toBe('1 000 följare på Bluesky till januari: 885, målet nåddes inte')
    const reached = sentence({ series: rising(1300, 2), deadline: '2026-01-31' })
    expect(reached.progress.status).toBe('reached')
    expect(reached.text).toMatch(/till januari: 1 214, målet nåddes$/)
  })

  it('says a goal already reached before its deadline is reached', () => {
    const { progress, text } = sentence({ series: rising(1040, 1) })
    expect(progress.status).toBe('reached')
    expect(text).toBe('1 000 följare på Bluesky till juni: 1 040, målet är nått')
  })

  it('says plainly when no measure is linked', () => {
    const { progress, text } = sentence({ shape: null, series: rising(640, 4) })
    expect(progress.status).toBe('not_measurable')
    expect(text).toBe('Inget mått är kopplat till målet, så Torget kan inte följa det.')
  })

  it('says there are no figures yet when nothing was measured', () => {
    const { progress, text } = sentence({ series: [] })
    expect(progress).toMatchObject({ status: 'no_data', current: null, forecast: null })
    expect(text).toBe('1 000 följare på Bluesky till juni: inga siffror ännu')
  })

  it('makes no forecast from a week of history', () => {
    const { progress, text } = sentence({ series: rising(640, 4, 7) })
    expect(progress.status).toBe('too_little_history')
    expect(progress.forecast).toBeNull()
    expect(text).toBe(
      '1 000 följare på Bluesky till juni: 640, för lite historik för en prognos ännu',
    )
  })

  it('shows the share of the target for a goal without a deadline, with the year when it is not this one', () => {
    const open = sentence({ series: rising(640, 4), deadline: null })
    expect(open.text).toBe('1 000 följare på Bluesky: 640 (64 % av målet)')
    const later = sentence({ series: rising(640, 4), deadline: '2027-06-15' }, 'en')
    expect(later.text).toBe('1,000 followers on Bluesky by 15 June 2027: 640, on track')
  })

  it('uses the value of a month not yet whole as the standing, beside the trend of whole ones', () => {
    const progress = goalProgress({
      shape: 'per_month',
      target: 12,
      deadline: '2026-06-30',
      series: [],
      latest: { day: TODAY, value: 5 },
      today: TODAY,
    })
    expect(progress).toMatchObject({ status: 'too_little_history', current: 5 })
  })

  it('keeps a share at or below 100 per cent', () => {
    const progress = goalProgress({
      shape: 'share',
      target: 99,
      deadline: '2026-12-31',
      series: rising(90, 0.5),
      today: TODAY,
    })
    expect(progress.status).toBe('on_track')
    expect(progress.forecast).toBe(100)
  })
})
