import type { Locale } from '../../../core/locale.js'
import type { MonthFigures } from '../../../core/schemas/reports.js'
import { sumFigures } from '../../../core/stats/compare.js'
import { lastDay, monthOf, previousMonth } from '../../../core/stats/months.js'
import { type ReportData, reportOutline } from '../../../core/stats/report-outline.js'
import type { SeriesPoint } from '../../../core/stats/series.js'
import type { StatsDashboard } from '../../../core/schemas/stats.js'
import { utcToZoned } from '../../../core/time/zoned.js'
import type { Clock } from '../../clock.js'
import type { Store } from '../../repos/index.js'
import { fileSlug } from '../file-names.js'
import { parseDocument } from '../strategy-view.js'
import { type FiguresService, type LibraryContext, followerTotals } from './figures.js'
import type { GoalService } from './goal-service.js'

export type ReportFormat = 'html' | 'pdf'

export interface ReportFile {
  filename: string
  contentType: string
  body: Uint8Array
}

/** A month's report, built once and rendered as the reader needs it. */
export interface BuiltReport {
  data: ReportData
  basename: string
}

const INSTANCE_NAME: Record<Locale, string> = {
  sv: 'Biblioteken i Torget',
  en: 'The libraries on Torget',
}

const TOP_POSTS = 3

/** Posts published each day of a month, from the page's day-by-day activity. */
function postsByDay(d: StatsDashboard): SeriesPoint[] {
  return d.activity.map((a) => ({ day: a.start, value: a.posts }))
}

/**
 * Gathers a month's report: a library's own, or the instance's, which sums
 * the libraries that have opted in to comparison (the others' figures are
 * theirs alone).
 */
export function reportBuilder(deps: {
  store: Store
  figures: FiguresService
  goals: GoalService
  clock: Clock
}) {
  const { store, figures, goals, clock } = deps

  async function previous(ctx: LibraryContext, month: string): Promise<MonthFigures | null> {
    const before = previousMonth(month)
    return monthOf(ctx.since) <= before ? figures.month(ctx, before) : null
  }

  async function forLibrary(libraryId: string, month: string): Promise<BuiltReport> {
    const ctx = await figures.context(libraryId)
    const today = utcToZoned(clock.now(), ctx.timeZone).date
    const to = lastDay(month)
    const version = await store.repos.strategy.currentVersion(libraryId)
    const draft = version ? undefined : await store.repos.strategy.findDraft(libraryId)
    const json = version?.document ?? draft?.document
    const [counted, prior, goalViews] = await Promise.all([
      figures.count(ctx, month),
      previous(ctx, month),
      json
        ? goals.progress(ctx, parseDocument(json), ctx.locale, today < to ? today : to)
        : Promise.resolve([]),
    ])
    const d = counted.dashboard
    const network = new Map(d.channels.map((c) => [c.id, c.network]))
    return {
      basename: `manadsrapport-${fileSlug(ctx.name)}-${month}`,
      data: {
        name: ctx.name,
        month,
        locale: ctx.locale,
        timeZone: ctx.timeZone,
        figures: counted.figures,
        previous: prior,
        followers: followerTotals(d),
        postsByDay: postsByDay(d),
        topPosts: d.bestPosts
          .filter((p) => p.engagements > 0)
          .slice(0, TOP_POSTS)
          .map((p) => ({ ...p, network: network.get(p.channelId) ?? '' })),
        goals: goalViews,
        target: d.responseTimes.target,
        createdAt: clock.now().toISOString(),
      },
    }
  }

  async function forInstance(month: string): Promise<BuiltReport> {
    const to = lastDay(month)
    const libraries = (await store.repos.reports.consenting()).filter(
      (l) => utcToZoned(l.created_at, l.time_zone).date <= to,
    )
    // Swedish unless every library writes English.
    const locale: Locale =
      libraries.length > 0 && libraries.every((l) => l.locale === 'en') ? 'en' : 'sv'
    const months: MonthFigures[] = []
    const priors: MonthFigures[] = []
    const followers = new Map<string, number>()
    const posts = new Map<string, number>()
    const add = (into: Map<string, number>, points: SeriesPoint[]) => {
      for (const p of points) into.set(p.day, (into.get(p.day) ?? 0) + p.value)
    }
    for (const library of libraries) {
      const ctx = await figures.context(library.id)
      const counted = await figures.count(ctx, month)
      months.push(counted.figures)
      const prior = await previous(ctx, month)
      if (prior) priors.push(prior)
      add(followers, followerTotals(counted.dashboard))
      add(posts, postsByDay(counted.dashboard))
    }
    const series = (m: Map<string, number>) =>
      [...m].sort(([a], [b]) => a.localeCompare(b)).map(([day, value]) => ({ day, value }))
    return {
      basename: `manadsrapport-alla-bibliotek-${month}`,
      data: {
        name: INSTANCE_NAME[locale],
        libraries: libraries.length,
        month,
        locale,
        timeZone: libraries[0]?.time_zone ?? 'Europe/Stockholm',
        figures: sumFigures(month, months),
        previous: priors.length ? sumFigures(previousMonth(month), priors) : null,
        followers: series(followers),
        postsByDay: series(posts),
        topPosts: [],
        goals: [],
        target: locale === 'sv' ? 'varje biblioteks eget svarsmål' : "each library's own target",
        createdAt: clock.now().toISOString(),
      },
    }
  }

  async function render(report: BuiltReport, format: ReportFormat): Promise<ReportFile> {
    const outline = reportOutline(report.data)
    if (format === 'html') {
      const { renderReportHtml } = await import('../../documents/report-html.js')
      return {
        filename: `${report.basename}.html`,
        contentType: 'text/html; charset=utf-8',
        body: new TextEncoder().encode(renderReportHtml(outline)),
      }
    }
    // pdfkit and its fonts load on the first report, not at start.
    const { renderReportPdf } = await import('../../documents/report-pdf.js')
    return {
      filename: `${report.basename}.pdf`,
      contentType: 'application/pdf',
      body: await renderReportPdf(outline),
    }
  }

  return { forLibrary, forInstance, render }
}
export type ReportBuilder = ReturnType<typeof reportBuilder>
