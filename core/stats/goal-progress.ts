import type { MetricShape } from '../strategy/goal-measure.js'
import { addDays } from '../time/zoned.js'
import { type SeriesPoint, daysApart, linearTrend } from './series.js'

/*
 * How a measurable goal of the strategy is going: where it stands, and where
 * the recent trend (a straight line through the last 90 days) takes it by
 * the deadline. Plain arithmetic a reader can check, shown beside the goal.
 */

export const TREND_DAYS = 90
/** A line through less than this is a guess, not a trend. */
export const MIN_TREND_POINTS = 3
export const MIN_TREND_SPAN_DAYS = 14

export const GOAL_STATUSES = [
  'not_measurable',
  'no_target',
  'no_data',
  'reached',
  'missed',
  'no_deadline',
  'too_little_history',
  'on_track',
  'behind',
] as const
export type GoalStatus = (typeof GOAL_STATUSES)[number]

export interface GoalProgress {
  status: GoalStatus
  /** The latest value (for a passed deadline: the last one on or before it). */
  current: number | null
  currentDay: string | null
  target: number | null
  deadline: string | null
  /** current / target, 0 and up; null without both. */
  share: number | null
  /** Where the trend is on the deadline. */
  forecast: number | null
  /** The day the trend reaches the target, when it rises and has not yet. */
  reachesOn: string | null
}

export interface GoalInput {
  /** Null: the goal has no measure linked. */
  shape: MetricShape | null
  target: number | null
  deadline: string | null
  /** Values up to `today`, oldest first: what the trend is drawn through. */
  series: readonly SeriesPoint[]
  /** The value now, when it is known but not (yet) part of the series (a month not yet whole). */
  latest?: SeriesPoint | undefined
  today: string
}

const empty = (input: GoalInput, status: GoalStatus): GoalProgress => ({
  status,
  current: null,
  currentDay: null,
  target: input.target,
  deadline: input.deadline,
  share: null,
  forecast: null,
  reachesOn: null,
})

function clamp(value: number, shape: MetricShape): number {
  const floor = Math.max(0, value)
  return shape === 'share' ? Math.min(100, floor) : floor
}

export function goalProgress(input: GoalInput): GoalProgress {
  const { shape, target, deadline, today } = input
  if (shape === null) return empty(input, 'not_measurable')
  const deadlinePassed = deadline !== null && deadline < today
  const known = input.series.filter((p) => p.day <= today)
  const lastOf = (points: readonly SeriesPoint[]) => points[points.length - 1]
  const latest =
    input.latest && (!lastOf(known) || input.latest.day >= lastOf(known)!.day)
      ? input.latest
      : lastOf(known)
  const standing = deadlinePassed
    ? (lastOf(known.filter((p) => p.day <= deadline!)) ??
      (input.latest && input.latest.day <= deadline! ? input.latest : undefined))
    : latest
  if (!standing) return empty(input, 'no_data')
  const base = {
    ...empty(input, 'no_target'),
    current: standing.value,
    currentDay: standing.day,
    share: target !== null && target > 0 ? standing.value / target : null,
  }
  if (target === null) return base
  if (deadlinePassed) return { ...base, status: standing.value >= target ? 'reached' : 'missed' }
  if (standing.value >= target) return { ...base, status: 'reached' }
  if (deadline === null) return { ...base, status: 'no_deadline' }

  const recent = known.filter((p) => daysApart(p.day, today) <= TREND_DAYS)
  const span = recent.length > 0 ? daysApart(recent[0]!.day, lastOf(recent)!.day) : 0
  const trend =
    recent.length >= MIN_TREND_POINTS && span >= MIN_TREND_SPAN_DAYS
      ? linearTrend(recent)
      : undefined
  if (!trend) return { ...base, status: 'too_little_history' }
  // The trend's pace, from where the goal stands now: "in this pace, by the deadline".
  const forecast = clamp(standing.value + trend.slope * daysApart(standing.day, deadline), shape)
  let reachesOn: string | null = null
  if (trend.slope > 0) {
    const days = Math.ceil((target - standing.value) / trend.slope)
    if (days <= 3650) reachesOn = addDays(standing.day, days)
  }
  return {
    ...base,
    status: forecast >= target ? 'on_track' : 'behind',
    forecast,
    reachesOn,
  }
}
