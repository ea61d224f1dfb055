import type { Network } from '../../../core/channels/networks.js'
import { DomainError } from '../../../core/errors.js'
import {
  DEFAULT_RESPONSE_TARGET,
  describeTarget,
  responseTargetSchema,
  summarizeResponseTimes,
  targetMinutes,
  measureAnswerTimes,
} from '../../../core/inbox/response-time.js'
import { hasQuestion } from '../../../core/inbox/detect.js'
import type { Locale } from '../../../core/locale.js'
import {
  STATS_MAX_DAYS,
  type StatsChart,
  type StatsDashboard,
  type StatsPeriodInput,
  type StatsQuery,
} from '../../../core/schemas/stats.js'
import { BEST_TIME_MIN_POSTS, bestTime } from '../../../core/stats/best-time.js'
import { RATE_BASE, daysBetween, granularityFor, timeOfDay } from '../../../core/stats/formulas.js'
import { addDays, isLocalDate, utcToZoned, zonedToUtc } from '../../../core/time/zoned.js'
import { type Clock, systemClock } from '../../clock.js'
import type { StoreOf } from '../../repos/index.js'
import type { LibraryAccess } from '../access.js'
import { figuresCache } from './figures-cache.js'
import { activityBuckets, followerFigures, periodFigures } from './period-figures.js'
import { type PostFacts, postCounts, rankPosts, rankingChangesAt } from './post-ranking.js'
import { localClock } from './rollup-delta.js'
import { STATS_CONSUMER } from './rollup-service.js'
import { statsCsv } from './stats-csv.js'

/** A chart's data as a file: semicolons, CRLF, UTF-8 with a byte-order mark (Excel). */
export interface StatsCsvFile {
  filename: string
  body: string
}

/**
 * The Statistik page's figures for one library, one period (days in the
 * library's time zone) and the chosen channels, read from the rollups
 * (migration 024) and the networks' own counts (migration 022). Every
 * formula is in docs/statistics.md.
 */
export interface StatsService {
  /** Everything the Statistik page shows; the answer target described in `locale`. */
  dashboard(
    access: LibraryAccess<'stats.read'>,
    query: StatsQuery,
    locale?: Locale,
  ): Promise<StatsDashboard>
  /** One chart's data as CSV, in the member's language. */
  csv(
    access: LibraryAccess<'stats.read'>,
    query: StatsQuery,
    chart: StatsChart,
    locale: Locale,
  ): Promise<StatsCsvFile>
  /**
   * The same figures for a job acting for the library itself (the monthly
   * report), which has no member. Never call it from a request: a route has
   * `dashboard` and an access.
   */
  forLibrary(libraryId: string, period: StatsPeriodInput, locale?: Locale): Promise<StatsDashboard>
}

type FiguresState = NonNullable<Awaited<ReturnType<StoreOf<'stats'>['repos']['stats']['state']>>>
type StatsRepos = 'stats' | 'metrics' | 'channels' | 'posts'

const DAY_MS = 86_400_000
const EARLIEST = '1970-01-01'
const LATEST = '9998-12-31'
/** How far back the best time to post looks from the period's end. */
const HISTORY_DAYS = 365
/** Answer times are measured on at most this many of the period's latest items. */
const RESPONSE_ITEMS = 50_000
/** Figures kept: a few periods for each of a region's libraries; each is tens of kilobytes. */
const KEPT_FIGURES = 200
/** Bounds what no trigger announces (a change made by hand in the database). */
const KEPT_MS = 5 * 60_000

const LOCAL_HOUR = (instant: string, timeZone: string) =>
  localClock(Date.parse(instant), timeZone).hour

const questions = new Map<string, boolean>()

/** Whether a post asks something; a published text does not change, so each is read once. */
function asksQuestion(text: string): boolean {
  let asks = questions.get(text)
  if (asks === undefined) {
    asks = hasQuestion(text)
    if (questions.size >= 10_000) questions.clear()
    questions.set(text, asks)
  }
  return asks
}

export function statsService(deps: { store: StoreOf<StatsRepos>; clock?: Clock }): StatsService {
  const { store } = deps
  const clock = deps.clock ?? systemClock
  const { repos } = store
  const cache = figuresCache<Omit<StatsDashboard, 'updatedAt'>>({
    ttlMs: KEPT_MS,
    maxEntries: KEPT_FIGURES,
    now: () => clock.now().getTime(),
  })

  /** The library's time zone and what its figures were made from, in one read; refused when there is no such library. */
  async function stateOf(libraryId: string): Promise<FiguresState> {
    const state = await repos.stats.state(libraryId, STATS_CONSUMER)
    if (!state) throw new DomainError('library_not_found')
    return state
  }

  /** The period asked for, or the last 30 days to today, checked. */
  function resolvePeriod(query: StatsQuery, timeZone: string): StatsPeriodInput {
    const to = query.to ?? utcToZoned(clock.now(), timeZone).date
    const from = query.from ?? addDays(to, -29)
    return { from, to, channelIds: query.channel ?? [] }
  }

  /**
   * Followers per channel in the period and the last count before it: the
   * weeks before are read with the period (counts are daily), older days
   * only for a channel that had none then.
   */
  async function followerSeries(libraryId: string, ids: string[], from: string, to: string) {
    const lookback = addDays(from, -45)
    const days = (await repos.metrics.accountSeries(libraryId, ids, lookback, to))
      .filter((d) => d.followers !== null)
      .map((d) => ({ channel_id: d.channelId, day: d.day, followers: d.followers }))
    const found = new Set(days.filter((d) => d.day < from).map((d) => d.channel_id))
    const older = await repos.stats.followersBefore(
      libraryId,
      ids.filter((id) => !found.has(id)),
      lookback,
    )
    return [...older, ...days]
  }

  /**
   * The figures, kept between requests while nothing under them changes: every member
   * who opens the page, each chart's CSV and the monthly report read the same. When the
   * rollups last moved is read afresh each time.
   */
  async function figures(
    libraryId: string,
    input: StatsPeriodInput,
    locale: Locale = 'sv',
    known?: FiguresState,
  ): Promise<StatsDashboard> {
    checkPeriod(input)
    const key = [libraryId, input.from, input.to, locale, ...[...input.channelIds].sort()].join(
      '\u0000',
    )
    const state = known ?? (await stateOf(libraryId))
    const made = await cache.get(key, state.generation, () =>
      make(libraryId, input, locale, state.timeZone),
    )
    return { ...made, updatedAt: state.updatedAt }
  }

  function checkPeriod(input: StatsPeriodInput) {
    if (
      !isLocalDate(input.from) ||
      !isLocalDate(input.to) ||
      input.from > input.to ||
      // Dates a calendar and an instant both hold (a year 10000 is neither).
      input.from < EARLIEST ||
      input.to > LATEST
    )
      throw new DomainError('stats_period_invalid')
    if (daysBetween(input.from, input.to) > STATS_MAX_DAYS)
      throw new DomainError('stats_period_too_long')
  }

  async function make(
    libraryId: string,
    input: StatsPeriodInput,
    locale: Locale,
    timeZone: string,
  ): Promise<{ value: Omit<StatsDashboard, 'updatedAt'>; until: number }> {
    const nowMs = clock.now().getTime()
    const days = daysBetween(input.from, input.to)
    const all = await repos.channels.list(libraryId)
    const chosen = new Set(input.channelIds)
    const channels = chosen.size ? all.filter((c) => chosen.has(c.id)) : all
    const ids = channels.map((c) => c.id)
    const fromIso = zonedToUtc(input.from, '00:00', timeZone).toISOString()
    const toIso = zonedToUtc(addDays(input.to, 1), '00:00', timeZone).toISOString()
    const historyFromIso = new Date(
      Math.min(Date.parse(fromIso), Date.parse(toIso) - HISTORY_DAYS * DAY_MS),
    ).toISOString()

    const [daily, history, series, inbox, policyTarget] = await Promise.all([
      repos.stats.daily(libraryId, input.from, input.to, ids),
      repos.stats.published(libraryId, historyFromIso, toIso, ids),
      followerSeries(libraryId, ids, input.from, input.to),
      repos.stats.inboxItems(libraryId, fromIso, toIso, ids, RESPONSE_ITEMS),
      repos.stats.responseTarget(libraryId),
    ])
    const inPeriod = history.filter((p) => p.published_at! >= fromIso)
    const historyIds = history.map((p) => p.id)
    const [received, network, images, campaigns] = await Promise.all([
      repos.stats.postTotals(libraryId, historyFromIso, toIso, ids),
      repos.metrics.latestPostCounts(libraryId, historyIds),
      repos.posts.withImages(libraryId, [...new Set(inPeriod.map((p) => p.post_id))]),
      repos.stats.campaigns(
        libraryId,
        inPeriod.flatMap((p) => (p.campaign_id ? [p.campaign_id] : [])),
      ),
    ])

    const receivedBy = new Map(received.map((r) => [r.publicationId, r]))
    // A post not sampled yet has no counts of the network's to go by.
    const networkBy = new Map(network.filter((n) => n.sampledAt).map((n) => [n.publicationId, n]))
    const countsOf = (id: string) =>
      postCounts(
        receivedBy.get(id) ?? { likes: 0, reposts: 0, replies: 0, quotes: 0 },
        networkBy.get(id),
      )
    const campaignBy = new Map(campaigns.map((c) => [c.id, c]))
    const posts: PostFacts[] = inPeriod.map((p) => {
      const local = localClock(Date.parse(p.published_at!), timeZone)
      const variants = JSON.parse(p.variants) as Record<string, string>
      const text = variants[p.channel_id] ?? p.text
      const campaign = p.campaign_id ? campaignBy.get(p.campaign_id) : undefined
      return {
        publicationId: p.id,
        postId: p.post_id,
        channelId: p.channel_id,
        excerpt: text.length > 140 ? `${text.slice(0, 139)}…` : text,
        url: p.remote_url,
        publishedAt: p.published_at!,
        date: local.date,
        time: local.time,
        timeOfDay: timeOfDay(local.hour),
        hasImage: images.has(p.post_id),
        hasQuestion: asksQuestion(text),
        paid: p.paid_boost === 1,
        campaign: campaign ? { id: campaign.id, name: campaign.name } : null,
        ...countsOf(p.id),
        views: networkBy.get(p.id)?.views ?? null,
        reach: networkBy.get(p.id)?.reach ?? null,
        saves: networkBy.get(p.id)?.saves ?? null,
        deleted: p.state === 'deleted' || Boolean(networkBy.get(p.id)?.goneAt),
      }
    })

    const granularity = granularityFor(days)
    const ranking = rankPosts(posts, nowMs)
    const followers = followerFigures(series, ids, input.from, granularity)
    const period = periodFigures({
      daily,
      posts,
      followers,
      channels: channels.map((c) => ({ id: c.id, rateBase: RATE_BASE[c.network as Network] })),
      views: new Map(inPeriod.map((p) => [p.id, networkBy.get(p.id)?.views ?? null])),
      campaigns,
    })

    const historyPosts = history.map((p) => ({
      hour: LOCAL_HOUR(p.published_at!, timeZone),
      engagements: countsOf(p.id).engagements,
    }))
    const audience =
      historyPosts.length < BEST_TIME_MIN_POSTS
        ? (
            await repos.stats.hourly(
              libraryId,
              new Date(Date.parse(toIso) - HISTORY_DAYS * DAY_MS).toISOString(),
              toIso,
              ids,
            )
          ).map((h) => ({ hour: LOCAL_HOUR(h.hour, timeZone), count: h.count }))
        : []

    const parsedTarget = responseTargetSchema.safeParse(policyTarget)
    const target = parsedTarget.success ? parsedTarget.data : DEFAULT_RESPONSE_TARGET
    const summary = summarizeResponseTimes(
      measureAnswerTimes(
        inbox.flatMap((i) =>
          i.first_response_at
            ? [{ receivedAt: i.received_at, answeredAt: i.first_response_at }]
            : [],
        ),
        target,
        timeZone,
      ),
      targetMinutes(target),
    )

    const value = {
      period: { from: input.from, to: input.to, days, timeZone, granularity },
      channels: channels.map((c) => ({
        id: c.id,
        network: c.network as Network,
        handle: c.handle,
        rateBase: RATE_BASE[c.network as Network],
      })),
      totals: period.totals,
      activity: activityBuckets(daily, posts, input.from, input.to, granularity),
      followers: followers.series,
      byChannel: period.byChannel,
      bestPosts: ranking.best,
      weakestPosts: ranking.weakest,
      factors: ranking.factors,
      campaigns: period.campaigns,
      split: period.split,
      bestTime: bestTime({ posts: historyPosts, audience }),
      responseTimes: {
        received: inbox.length,
        answered: summary.answered,
        medianMinutes: summary.medianMinutes,
        p90Minutes: summary.p90Minutes,
        withinTarget: summary.withinTarget,
        targetMinutes: targetMinutes(target),
        target: describeTarget(target, locale),
      },
    }
    return { value, until: rankingChangesAt(posts, nowMs) }
  }

  return {
    async dashboard(access, query, locale) {
      const state = await stateOf(access.libraryId)
      return figures(access.libraryId, resolvePeriod(query, state.timeZone), locale, state)
    },
    async csv(access, query, chart, locale) {
      const state = await stateOf(access.libraryId)
      const period = resolvePeriod(query, state.timeZone)
      return statsCsv(await figures(access.libraryId, period, locale, state), chart, locale)
    },
    forLibrary: (libraryId, period, locale) => figures(libraryId, period, locale),
  }
}
