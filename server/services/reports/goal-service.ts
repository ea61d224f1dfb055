import type { Locale } from '../../../core/locale.js'
import type { GoalProgressView, GoalsProgress } from '../../../core/schemas/reports.js'
import type { StrategyDocument } from '../../../core/schemas/strategy.js'
import { TREND_DAYS, goalProgress } from '../../../core/stats/goal-progress.js'
import { describeGoalProgress } from '../../../core/stats/goal-text.js'
import {
  type SeriesPoint,
  countByDay,
  dayRange,
  rollingShare,
  rollingSum,
} from '../../../core/stats/series.js'
import {
  type GoalMeasure,
  METRIC_SHAPE,
  describeMeasure,
} from '../../../core/strategy/goal-measure.js'
import { addDays, utcToZoned } from '../../../core/time/zoned.js'
import type { Clock } from '../../clock.js'
import type { LibraryAccess } from '../access.js'
import { parseDocument } from '../strategy-view.js'
import type { FiguresService, FiguresStore, LibraryContext } from './figures.js'

type ReadAccess =
  LibraryAccess<'strategy.read'> | LibraryAccess<'reports.read'> | LibraryAccess<'strategy.write'>

const WINDOW = 30

/**
 * The strategy's goals beside the figures they are measured by: where each
 * stands, and where the last 90 days' trend takes it by its deadline.
 */
export function goalService(deps: { store: FiguresStore; figures: FiguresService; clock: Clock }) {
  const { store, figures, clock } = deps

  /** The measure's values, one a day up to `today`, and its value now. */
  async function series(
    ctx: LibraryContext,
    measure: GoalMeasure,
    today: string,
  ): Promise<{ series: SeriesPoint[]; latest?: SeriesPoint }> {
    const days = dayRange(addDays(today, -TREND_DAYS), today)
    if (measure.metric === 'followers') {
      return { series: await figures.followers(ctx, measure.scope, days[0]!, today) }
    }
    // Each day's value looks back 30 days; the first of them needs 30 days before it.
    const from = addDays(days[0]!, -(WINDOW - 1))
    const since = ctx.since > from ? ctx.since : from
    const young = addDays(today, -(WINDOW - 1)) < ctx.since
    if (measure.metric === 'answered_within_target') {
      const answers = await figures.answersByDay(ctx, measure.scope, from, today)
      const hits = countByDay(answers.filter((a) => a.within).map((a) => a.day))
      const totals = countByDay(answers.map((a) => a.day))
      const points = rollingShare(hits, totals, days, since, WINDOW)
      if (!young || answers.length === 0) return { series: points }
      const within = answers.filter((a) => a.within).length
      return { series: points, latest: { day: today, value: (100 * within) / answers.length } }
    }
    const counts =
      measure.metric === 'posts_published'
        ? countByDay(await figures.postsByDay(ctx, measure.scope, from, today))
        : await figures.repliesByDay(ctx, measure.scope, from, today)
    const points = rollingSum(counts, days, since, WINDOW)
    if (!young) return { series: points }
    // A library younger than a month has no whole window yet: what it has done so far is its standing.
    let sofar = 0
    for (const n of counts.values()) sofar += n
    return { series: points, latest: { day: today, value: sofar } }
  }

  async function progress(
    ctx: LibraryContext,
    doc: StrategyDocument,
    locale: Locale,
    today: string,
  ): Promise<GoalProgressView[]> {
    const channelName = (id: string) => ctx.channels.find((c) => c.id === id)?.handle
    const views: GoalProgressView[] = []
    for (const [index, goal] of doc.goals.entries()) {
      if (!goal.goal.trim()) continue
      const measure = goal.measure
      const shape = measure ? METRIC_SHAPE[measure.metric] : null
      const values = measure ? await series(ctx, measure, today) : { series: [] }
      const result = goalProgress({
        shape,
        target: goal.target,
        deadline: goal.deadline,
        today,
        ...values,
      })
      const measureLabel = measure ? describeMeasure(measure, locale, channelName) : null
      views.push({
        index,
        goal: goal.goal,
        measure,
        measureLabel,
        shape,
        unit: goal.unit,
        ...result,
        sentence: describeGoalProgress(result, { measure: measureLabel, shape, today, locale }),
      })
    }
    return views
  }

  return {
    progress,

    /** The goals in force (the approved policy; the draft until one is approved), as of today. */
    async forLibrary(access: ReadAccess, locale: Locale): Promise<GoalsProgress> {
      const ctx = await figures.context(access.libraryId)
      const today = utcToZoned(clock.now(), ctx.timeZone).date
      const version = await store.repos.strategy.currentVersion(access.libraryId)
      const draft = version ? undefined : await store.repos.strategy.findDraft(access.libraryId)
      const json = version?.document ?? draft?.document
      if (!json) return { from: null, today, goals: [] }
      return {
        from: version ? 'policy' : 'draft',
        today,
        goals: await progress(ctx, parseDocument(json), locale, today),
      }
    },
  }
}
export type GoalService = ReturnType<typeof goalService>
