import { describe, expect, it } from 'vitest'
import { explainCounting, explainLadder } from './explain.js'
import { levelRank, movementOf } from './levels.js'
import { addMonths, localDay, monthOf, monthStart, monthsBefore, monthsBetween } from './months.js'
import {
  DEFAULT_LADDER_RULES,
  type LadderFacts,
  distinctWeeks,
  earnedLevel,
  windowDays,
  isUnprompted,
  ladderRulesSchema,
  placeOnLadder,
  rulesOrDefault,
} from './rules.js'

const none: LadderFacts = { follows: false, endorsements: 0, contributions: 0, unpromptedWeeks: 0 }
const rules = DEFAULT_LADDER_RULES

describe('placing a person on the ladder', () => {
  it('puts each person on the highest step their actions show', () => {
    expect(earnedLevel(none, rules)).toBeNull()
    expect(earnedLevel({ ...none, follows: true }, rules)).toBe('follow')
    expect(earnedLevel({ ...none, endorsements: 1 }, rules)).toBe('endorse')
    expect(earnedLevel({ ...none, follows: true, endorsements: 5, contributions: 1 }, rules)).toBe(
      'contribute',
    )
    expect(earnedLevel({ ...none, contributions: 3, unpromptedWeeks: 2 }, rules)).toBe('contribute')
    expect(earnedLevel({ ...none, contributions: 3, unpromptedWeeks: 3 }, rules)).toBe('own')
  })

  it('follows the library’s own thresholds', () => {
    const strict = { ...rules, endorseMin: 3, contributeMin: 2 }
    expect(earnedLevel({ ...none, follows: true, endorsements: 2 }, strict)).toBe('follow')
    expect(earnedLevel({ ...none, endorsements: 3, contributions: 1 }, strict)).toBe('endorse')
    expect(earnedLevel({ ...none, contributions: 2 }, strict)).toBe('contribute')
  })

  it('lets staff place someone as leading, whatever they did', () => {
    expect(placeOnLadder(none, true, rules)).toBe('lead')
    expect(placeOnLadder({ ...none, unpromptedWeeks: 9 }, false, rules)).toBe('own')
  })

  it('counts only mentions and quotes that are not answers to the library as unprompted', () => {
    expect(isUnprompted('mention', false)).toBe(true)
    expect(isUnprompted('quote', false)).toBe(true)
    expect(isUnprompted('quote', true)).toBe(false)
    expect(isUnprompted('reply', false)).toBe(false)
    expect(isUnprompted('like', false)).toBe(false)
  })

  it('counts weeks Monday to Sunday, and windows of days ending on a day', () => {
    expect(distinctWeeks(['2026-01-04', '2026-01-05', '2026-01-11'])).toBe(2)
    expect(distinctWeeks(['2026-12-31', '2027-01-01'])).toBe(1)
    expect(distinctWeeks([])).toBe(0)
    expect(windowDays('2026-03-31', { windowDays: 90 })).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
    })
  })

  it('tells up from down, with no step below following', () => {
    expect(levelRank(null)).toBe(0)
    expect(movementOf(null, 'follow')).toBe('up')
    expect(movementOf('contribute', 'endorse')).toBe('down')
    expect(movementOf('own', null)).toBe('down')
    expect(movementOf('lead', 'lead')).toBe('same')
  })
})

describe('the library’s rules', () => {
  it('refuses more weeks than the window holds, and a retention shorter than the window', () => {
    expect(ladderRulesSchema.safeParse({ ...rules, windowDays: 14, ownWeeks: 3 }).success).toBe(
      false,
    )
    expect(ladderRulesSchema.safeParse({ ...rules, windowDays: 14, ownWeeks: 2 }).success).toBe(
      true,
    )
    expect(
      ladderRulesSchema.safeParse({ ...rules, windowDays: 365, retentionMonths: 6 }).success,
    ).toBe(false)
    expect(ladderRulesSchema.safeParse({ ...rules, extra: 1 }).success).toBe(false)
  })

  it('falls back to the defaults when what is stored no longer holds', () => {
    expect(rulesOrDefault({ windowDays: 2 })).toEqual(DEFAULT_LADDER_RULES)
    expect(rulesOrDefault({ ...rules, windowDays: 30 }).windowDays).toBe(30)
  })

  it('explains every step in Swedish and English with the library’s numbers', () => {
    const sv = explainLadder({ ...rules, endorseMin: 2, windowDays: 60 }, 'sv')
    expect(sv.map((s) => s.label)).toEqual([
      'Observera',
      'Följa',
      'Gilla och stödja',
      'Bidra',
      'Äga',
      'Leda',
    ])
    expect(sv.find((s) => s.step === 'endorse')?.text).toBe(
      'Minst 2 gillningar eller delningar de senaste 60 dagarna.',
    )
    const en = explainLadder(rules, 'en')
    expect(en.find((s) => s.step === 'contribute')?.text).toBe(
      'At least 1 reply, comment, quote or mention in the last 90 days.',
    )
    expect(en.find((s) => s.step === 'own')?.text).toContain('at least 3 different weeks')
    expect(explainCounting(rules, 'sv')[2]).toContain('13 månader')
  })
})

describe('months in the library’s time zone', () => {
  it('starts a month at local midnight', () => {
    expect(monthStart('2026-03', 'Europe/Stockholm').toISOString()).toBe('2026-02-28T23:00:00.000Z')
    expect(monthOf('2026-02-28T23:30:00.000Z', 'Europe/Stockholm')).toBe('2026-03')
    expect(monthOf('2026-02-28T23:30:00.000Z', 'UTC')).toBe('2026-02')
  })

  it('tells the library’s day of an instant, across the change to summer time', () => {
    expect(localDay('2026-03-28T23:30:00.000Z', 'Europe/Stockholm')).toBe('2026-03-29')
    expect(localDay('2026-03-29T21:59:00.000Z', 'Europe/Stockholm')).toBe('2026-03-29')
    expect(localDay('2026-03-29T22:00:00.000Z', 'Europe/Stockholm')).toBe('2026-03-30')
    expect(localDay('2026-06-01T03:00:00.000Z', 'Asia/Kolkata')).toBe('2026-06-01')
    expect(localDay('2026-05-31T18:29:00.000Z', 'Asia/Kolkata')).toBe('2026-05-31')
    expect(localDay('2026-05-31T18:30:00.000Z', 'Asia/Kolkata')).toBe('2026-06-01')
  })

  it('steps and lists months across a year', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(addMonths('2025-12', 13)).toBe('2027-01')
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01'])
  })

  it('goes back whole months, keeping the day where the month has it', () => {
    expect(monthsBefore(new Date('2026-03-31T10:00:00Z'), 1).toISOString()).toBe(
      '2026-02-28T10:00:00.000Z',
    )
    expect(monthsBefore(new Date('2026-03-15T10:00:00Z'), 13).toISOString()).toBe(
      '2025-02-15T10:00:00.000Z',
    )
  })
})
