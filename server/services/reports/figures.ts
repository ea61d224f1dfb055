import type { Network } from '../../../core/channels/networks.js'
import { DomainError } from '../../../core/errors.js'
import {
  DEFAULT_RESPONSE_TARGET,
  type ResponseTarget,
  summarizeResponseTimes,
  targetMinutes,
  workingMinutesBetween,
} from '../../../core/inbox/response-time.js'
import { type Locale, localeSchema } from '../../../core/locale.js'
import { type MonthFigures, monthFiguresSchema } from '../../../core/schemas/reports.js'
import { firstDay, lastDay, nextMonth } from '../../../core/stats/months.js'
import { type SeriesPoint, carryForwardTotal, dayRange } from '../../../core/stats/series.js'
import type { GoalScope } from '../../../core/strategy/goal-measure.js'
import { addDays, utcToZoned, zonedToUtc } from '../../../core/time/zoned.js'
import type { Clock } from '../../clock.js'
import type { StoreOf } from '../../repos/index.js'
import { parseDocument } from '../strategy-view.js'

export type FiguresStore = StoreOf<
  'reportFigures' | 'reports' | 'channels' | 'strategy' | 'libraries'
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

export interface TopPost {
  postId: string
  text: string
  network: string
  handle: string
  url: string | null
  publishedAt: string
  likes: number
  reposts: number
  replies: number
  quotes: number
  total: number
}

const DAY_MS = 86_400_000
// A month's figures keep changing for a while as late counts arrive; after this they are final.
const SETTLE_MS = 2 * DAY_MS
// An unsettled month is counted again at most this often.
const RECOUNT_MS = 60 * 60 * 1000

/**
 * A library's figures by month and by day, read from what collection and the
 * inbox keep. The Statistik page's own rollups answer the same questions;
 * this reads the source tables, kept behind this one module so it can be
 * pointed at them.
 */
export function figuresService({ store, clock }: { store: FiguresStore; clock: Clock }) {
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

  /** The channels a scope counts; null for "every channel, removed ones too". */
  function channelsOf(ctx: LibraryContext, scope: GoalScope): string[] | null {
    switch (scope.kind) {
      case 'all':
        return null
      case 'network':
        return ctx.channels.filter((c) => c.network === scope.network).map((c) => c.id)
      case 'channel':
        return ctx.channels.filter((c) => c.id === scope.channelId).map((c) => c.id)
    }
  }

  /** Followers summed over the scope's live channels, each day from `from` to `to`. */
  async function followers(
    ctx: LibraryContext,
    scope: GoalScope,
    from: string,
    to: string,
  ): Promise<SeriesPoint[]> {
    // Removed channels' last counts would otherwise be carried forward for ever.
    const ids = channelsOf(ctx, scope) ?? ctx.channels.map((c) => c.id)
    // A month back, so a channel read only now and then still has its count on the first day.
    const samples = await repos.reportFigures.followerSamples(ctx.id, ids, addDays(from, -31), to)
    return carryForwardTotal(
      samples.map((s) => ({ key: s.channel_id, day: s.day, value: s.followers! })),
      dayRange(addDays(from, -31), to),
    ).filter((p) => p.day >= from)
  }

  /** Posts published each day, by the library's calendar. */
  async function postsByDay(ctx: LibraryContext, scope: GoalScope, from: string, to: string) {
    const range = instants(ctx, from, to)
    const posts = await repos.reportFigures.publishedPosts(
      ctx.id,
      channelsOf(ctx, scope),
      range.from,
      range.to,
    )
    return posts.map((p) => dayOf(ctx, p.publishedAt))
  }

  /** Replies and comments received each day. */
  async function repliesByDay(ctx: LibraryContext, scope: GoalScope, from: string, to: string) {
    const range = instants(ctx, from, to)
    const items = await repos.reportFigures.inboxReceived(
      ctx.id,
      channelsOf(ctx, scope),
      range.from,
      range.to,
    )
    return items
      .filter((i) => i.kind === 'reply' || i.kind === 'comment')
      .map((i) => dayOf(ctx, i.received_at))
  }

  /** Each answer's day and whether it came within the policy's target. */
  async function answersByDay(ctx: LibraryContext, scope: GoalScope, from: string, to: string) {
    const range = instants(ctx, from, to)
    const rows = await repos.reportFigures.answered(
      ctx.id,
      channelsOf(ctx, scope),
      range.from,
      range.to,
    )
    const limit = targetMinutes(ctx.target)
    return rows.map((r) => {
      const minutes = workingMinutesBetween(
        r.received_at,
        r.first_response_at,
        ctx.target,
        ctx.timeZone,
      )
      return { day: dayOf(ctx, r.first_response_at), minutes, within: minutes <= limit }
    })
  }

  async function countMonth(ctx: LibraryContext, month: string): Promise<MonthFigures> {
    const all: GoalScope = { kind: 'all' }
    const [from, to] = [firstDay(month), lastDay(month)]
    const range = instants(ctx, from, to)
    const [followerPoints, posts, counts, received, answers] = await Promise.all([
      followers(ctx, all, from, to),
      postsByDay(ctx, all, from, to),
      repos.reportFigures.postCounts(ctx.id, range.from, range.to),
      repos.reportFigures.inboxReceived(ctx.id, null, range.from, range.to),
      answersByDay(ctx, all, from, to),
    ])
    const sum = (pick: (c: (typeof counts)[number]) => number | null) =>
      counts.reduce((s, c) => s + (pick(c) ?? 0), 0)
    const times = summarizeResponseTimes(
      answers.map((a) => a.minutes),
      targetMinutes(ctx.target),
    )
    return {
      month,
      followersStart: followerPoints[0]?.value ?? null,
      followersEnd: followerPoints.at(-1)?.value ?? null,
      postsPublished: posts.length,
      likes: sum((c) => c.likes),
      reposts: sum((c) => c.reposts),
      replies: sum((c) => c.replies),
      quotes: sum((c) => c.quotes),
      repliesReceived: received.filter((i) => i.kind === 'reply' || i.kind === 'comment').length,
      mentionsReceived: received.filter((i) => i.kind === 'mention').length,
      answered: answers.length,
      answeredWithinTarget: answers.filter((a) => a.within).length,
      medianResponseMinutes: times.medianMinutes,
    }
  }

  return {
    context,
    followers,
    postsByDay,
    repliesByDay,
    answersByDay,

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
      const figures = await countMonth(ctx, month)
      await repos.reports.saveFigures(ctx.id, month, JSON.stringify(figures), now.toISOString())
      return figures
    },

    /** The month's posts that people engaged with most, most first. */
    async topPosts(ctx: LibraryContext, month: string, limit = 3): Promise<TopPost[]> {
      const range = instants(ctx, firstDay(month), lastDay(month))
      const rows = await repos.reportFigures.postCounts(ctx.id, range.from, range.to)
      return rows
        .map((r) => {
          const c = {
            likes: r.likes ?? 0,
            reposts: r.reposts ?? 0,
            replies: r.replies ?? 0,
            quotes: r.quotes ?? 0,
          }
          return {
            postId: r.post_id,
            text: r.text,
            network: r.network,
            handle: r.handle,
            url: r.remote_url,
            publishedAt: r.published_at,
            ...c,
            total: c.likes + c.reposts + c.replies + c.quotes,
          }
        })
        .filter((p) => p.total > 0)
        .sort((a, b) => b.total - a.total || a.publishedAt.localeCompare(b.publishedAt))
        .slice(0, limit)
    },
  }
}
export type FiguresService = ReturnType<typeof figuresService>
