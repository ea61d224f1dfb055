import type { Network } from '../../../core/channels/networks.js'
import { DomainError } from '../../../core/errors.js'
import {
  DEFAULT_RESPONSE_TARGET,
  type ResponseTarget,
  targetMinutes,
  measureAnswerTimes,
} from '../../../core/inbox/response-time.js'
import { type Locale, localeSchema } from '../../../core/locale.js'
import { type MonthFigures, monthFiguresSchema } from '../../../core/schemas/reports.js'
import type { StatsDashboard } from '../../../core/schemas/stats.js'
import { firstDay, lastDay, nextMonth } from '../../../core/stats/months.js'
import { type SeriesPoint, carryForwardTotal, dayRange } from '../../../core/stats/series.js'
import type { GoalScope } from '../../../core/strategy/goal-measure.js'
import { addDays, utcToZoned, zonedToUtc } from '../../../core/time/zoned.js'
import type { Clock } from '../../clock.js'
import type { StoreOf } from '../../repos/index.js'
import type { StatsService } from '../stats/stats-service.js'
import { parseDocument } from '../strategy-view.js'

export type FiguresStore = StoreOf<
  'stats' | 'metrics' | 'reports' | 'channels' | 'strategy' | 'libraries'
>

/** What a library's figures are counted by: its calendar, its channels and its answer target. */
export interface LibraryContext {
  id: string
  name: string
  timeZone: string
  locale: Locale
  /** The library's first day: counts before it would be zeros nobody measured. */
  since: string
  channels: { id: string; network: Network; handle: string }[]
  target: ResponseTarget
}

const DAY_MS = 86_400_000
// A month's figures keep changing for a while as late counts arrive; after this they are final.
const SETTLE_MS = 2 * DAY_MS
// An unsettled month is counted again at most this often.
const RECOUNT_MS = 60 * 60 * 1000
// Items answered are looked for among at most this many received in a goal's window.
const ANSWER_ITEMS = 50_000

/** A month of the Statistik page's figures as the report and the comparison keep them. */
export function monthFiguresOf(month: string, d: StatsDashboard): MonthFigures {
  const started = d.followers.filter((s) => s.first !== null)
  const rt = d.responseTimes
  return {
    month,
    followersStart: started.length ? started.reduce((n, s) => n + s.first!, 0) : null,
    followersEnd: d.totals.followers,
    postsPublished: d.totals.postsPublished,
    engagements: d.totals.engagements,
    likes: d.totals.likes,
    reposts: d.totals.reposts,
    replies: d.totals.replies,
    quotes: d.totals.quotes,
    mentions: d.totals.mentions,
    answered: rt.answered,
    answeredWithinTarget: Math.round((rt.withinTarget ?? 0) * rt.answered),
    medianResponseMinutes: rt.medianMinutes,
  }
}

/** Followers summed over the channels, one point a day; a day one channel was not read is no dip. */
export function followerTotals(d: StatsDashboard): SeriesPoint[] {
  const samples = d.followers.flatMap((s) =>
    s.points.map((p) => ({ key: s.channelId, day: p.start, value: p.followers })),
  )
  return carryForwardTotal(samples, dayRange(d.period.from, d.period.to))
}

/**
 * A library's figures: a month as the Statistik page counts it (StatsService,
 * its rollups and the networks' counts), kept once the month has settled;
 * and day-by-day series for the goals, read from the same tables.
 */
export function figuresService(deps: { store: FiguresStore; stats: StatsService; clock: Clock }) {
  const { store, stats, clock } = deps
  const repos = store.repos

  async function context(libraryId: string): Promise<LibraryContext> {
    const [library, channels, version] = await Promise.all([
      repos.libraries.findById(libraryId),
      repos.channels.list(libraryId),
      repos.strategy.currentVersion(libraryId),
    ])
    if (!library) throw new DomainError('library_not_found')
    return {
      id: library.id,
      name: library.name,
      timeZone: library.time_zone,
      locale: localeSchema.catch('sv').parse(library.locale),
      since: utcToZoned(library.created_at, library.time_zone).date,
      channels: channels.map((c) => ({
        id: c.id,
        network: c.network as Network,
        handle: c.handle,
      })),
      target: version
        ? parseDocument(version.document).responses.target
        : { ...DEFAULT_RESPONSE_TARGET },
    }
  }

  const dayOf = (ctx: LibraryContext, at: string) => utcToZoned(at, ctx.timeZone).date
  /** The instants that bound the library's days `from` to `to`, both included. */
  const instants = (ctx: LibraryContext, from: string, to: string) => ({
    from: zonedToUtc(from, '00:00', ctx.timeZone).toISOString(),
    to: zonedToUtc(addDays(to, 1), '00:00', ctx.timeZone).toISOString(),
  })

  /** The live channels a scope counts, as the Statistik page counts them. */
  function channelsOf(ctx: LibraryContext, scope: GoalScope): string[] {
    switch (scope.kind) {
      case 'all':
        return ctx.channels.map((c) => c.id)
      case 'network':
        return ctx.channels.filter((c) => c.network === scope.network).map((c) => c.id)
      case 'channel':
        return ctx.channels.filter((c) => c.id === scope.channelId).map((c) => c.id)
    }
  }

  /** The month as the Statistik page shows it, for the library itself (no member asks). */
  async function dashboard(ctx: LibraryContext, month: string): Promise<StatsDashboard> {
    const period = { from: firstDay(month), to: lastDay(month), channelIds: [] }
    return stats.forLibrary(ctx.id, period, ctx.locale)
  }

  async function save(ctx: LibraryContext, figures: MonthFigures) {
    await repos.reports.saveFigures(
      ctx.id,
      figures.month,
      JSON.stringify(figures),
      clock.now().toISOString(),
    )
  }

  return {
    context,
    dashboard,

    /** Counts a month afresh: its figures (kept for the comparison) and the page's whole answer. */
    async count(ctx: LibraryContext, month: string) {
      const d = await dashboard(ctx, month)
      const figures = monthFiguresOf(month, d)
      await save(ctx, figures)
      return { dashboard: d, figures }
    },

    /**
     * A library's month in figures. A month that has settled is counted once
     * and kept; one still open is counted again when an hour old.
     */
    async month(ctx: LibraryContext, month: string): Promise<MonthFigures> {
      const now = clock.now()
      const stored = await repos.reports.findFigures(ctx.id, month)
      const monthEnds = zonedToUtc(firstDay(nextMonth(month)), '00:00', ctx.timeZone).getTime()
      if (stored) {
        const computed = new Date(stored.computed_at).getTime()
        if (computed >= monthEnds + SETTLE_MS || now.getTime() - computed < RECOUNT_MS) {
          const parsed = monthFiguresSchema.safeParse(JSON.parse(stored.figures))
          if (parsed.success) return parsed.data
        }
      }
      const figures = monthFiguresOf(month, await dashboard(ctx, month))
      await save(ctx, figures)
      return figures
    },

    /** Followers summed over the scope's channels, each day from `from` to `to`. */
    async followers(ctx: LibraryContext, scope: GoalScope, from: string, to: string) {
      const ids = channelsOf(ctx, scope)
      // As the Statistik page reads them: the weeks before with the period, older days only
      // for a channel that had none then, so each channel has its count on the first day.
      const lookback = addDays(from, -45)
      const days = (await repos.metrics.accountSeries(ctx.id, ids, lookback, to)).flatMap((d) =>
        d.followers === null ? [] : [{ key: d.channelId, day: d.day, value: d.followers }],
      )
      const found = new Set(days.filter((d) => d.day < from).map((d) => d.key))
      const older = (
        await repos.stats.followersBefore(
          ctx.id,
          ids.filter((id) => !found.has(id)),
          lookback,
        )
      ).map((r) => ({ key: r.channel_id, day: r.day, value: r.followers! }))
      const samples = [...older, ...days]
      const first = samples.reduce((d, s) => (s.day < d ? s.day : d), from)
      return carryForwardTotal(samples, dayRange(first, to)).filter((p) => p.day >= from)
    },

    /** The day of each post published (a post on two channels counts twice, as on the page). */
    async postsByDay(ctx: LibraryContext, scope: GoalScope, from: string, to: string) {
      const range = instants(ctx, from, to)
      const rows = await repos.stats.published(ctx.id, range.from, range.to, channelsOf(ctx, scope))
      return rows.map((r) => dayOf(ctx, r.published_at!))
    },

    /** Replies and comments received each day, from the rollups. */
    async repliesByDay(ctx: LibraryContext, scope: GoalScope, from: string, to: string) {
      const rows = await repos.stats.daily(ctx.id, from, to, channelsOf(ctx, scope))
      const counts = new Map<string, number>()
      for (const r of rows)
        if (r.kind === 'reply' || r.kind === 'comment')
          counts.set(r.day, (counts.get(r.day) ?? 0) + Number(r.count))
      return counts
    },

    /** Items received each day that have been answered, and whether within the policy's target. */
    async answersByDay(ctx: LibraryContext, scope: GoalScope, from: string, to: string) {
      const range = instants(ctx, from, to)
      const rows = await repos.stats.inboxItems(
        ctx.id,
        range.from,
        range.to,
        channelsOf(ctx, scope),
        ANSWER_ITEMS,
      )
      const limit = targetMinutes(ctx.target)
      const answered = rows.flatMap((r) =>
        r.first_response_at ? [{ receivedAt: r.received_at, answeredAt: r.first_response_at }] : [],
      )
      const minutes = measureAnswerTimes(answered, ctx.target, ctx.timeZone)
      return answered.map((a, i) => ({
        day: dayOf(ctx, a.receivedAt),
        within: minutes[i]! <= limit,
      }))
    },
  }
}
export type FiguresService = ReturnType<typeof figuresService>
