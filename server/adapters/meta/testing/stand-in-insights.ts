import type http from 'node:http'
import type { PublishedMedia, StandInPage } from './stand-in-graph.js'

/*
 * The stand-in's counts and insights, from Meta's documentation like the rest
 * of it (stand-in-graph.ts). Tests set what Meta would count; a metric left
 * unset is left out of the answer, as Meta does for data it does not have.
 */

export const INSIGHTS_DOCS = {
  page: 'https://developers.facebook.com/docs/graph-api/reference/page',
  pagePost: 'https://developers.facebook.com/docs/graph-api/reference/post',
  pagePostInsights: 'https://developers.facebook.com/docs/graph-api/reference/page-post/insights/',
  deprecatedPageMetrics:
    'https://developers.facebook.com/documentation/pages-api/platforminsights/page/deprecated-metrics',
  pagesChangelog: 'https://developers.facebook.com/documentation/pages-api/changelog/',
  igUser:
    'https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user',
  igMediaInsights:
    'https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights',
  igChangelog: 'https://developers.facebook.com/docs/instagram-platform/changelog',
  threadsInsights: 'https://developers.facebook.com/docs/threads/insights',
} as const

/** What Meta counts about one published post, by the names of its own API. */
export type MediaCounts = Partial<Record<string, number>>

export interface InsightsFaults {
  /** Instagram answers "(#10) Not enough viewers for the media to show insights". */
  notEnoughViewers: boolean
}

// Metrics each endpoint knows (INSIGHTS_DOCS); anything else is Meta's error 100. Page posts:
// post_media_view replaced post_impressions (pagesChangelog, Nov 15, 2025) and
// post_total_media_view_unique post_impressions_unique (deprecatedPageMetrics). Instagram media:
// `reposts` since December 2025 (igChangelog). Threads: the Media Insights table (threadsInsights).
const KNOWN = {
  facebook: new Set(['post_media_view', 'post_total_media_view_unique', 'post_clicks']),
  instagram: new Set([
    'likes',
    'comments',
    'shares',
    'saved',
    'reach',
    'views',
    'reposts',
    'total_interactions',
    'profile_visits',
  ]),
  threads: new Set(['views', 'likes', 'replies', 'reposts', 'quotes', 'shares']),
}

type Fail = (res: http.ServerResponse, status: number, code: number, message: string) => void
type Json = (res: http.ServerResponse, status: number, body: unknown) => void

export function standInInsights(options: {
  media: PublishedMedia[]
  pages: StandInPage[]
  threadsUser?: { id: string }
  grantedScopes?: string[]
  fail: Fail
  json: Json
}) {
  const { media, fail, json } = options
  /** Per published post id. */
  const counts = new Map<string, MediaCounts>()
  /** Per Page, Instagram account or Threads profile id. */
  const followers = new Map<string, number>()
  const faults: InsightsFaults = { notEnoughViewers: false }
  const granted = (scope: string) => !options.grantedScopes || options.grantedScopes.includes(scope)

  // { data: [{ name, period, values: [{ value }], title, description, id }] } (INSIGHTS_DOCS.igMediaInsights).
  const insightsOf = (id: string, names: string[], period = 'lifetime') => ({
    data: names.flatMap((name) => {
      const value = counts.get(id)?.[name]
      return value === undefined
        ? []
        : [
            {
              name,
              period,
              values: [{ value }],
              title: name,
              description: `Stand-in ${name}`,
              id: `${id}/insights/${name}/${period}`,
            },
          ]
    }),
  })

  /** Answers the request if it is about counts; false leaves it to the rest of the stand-in. */
  function handle(
    method: string,
    first: string,
    edge: string | undefined,
    params: Record<string, string>,
    res: http.ServerResponse,
  ): boolean {
    if (method !== 'GET') return false
    const fields = (params.fields ?? '').split(',')
    const metrics = (params.metric ?? '').split(',').filter(Boolean)
    const page = options.pages.find((p) => p.id === first)
    const ig = options.pages.find((p) => p.instagram?.id === first)?.instagram

    // Page fields followers_count and fan_count (INSIGHTS_DOCS.page).
    if (page && !edge && fields.includes('followers_count')) {
      json(res, 200, {
        id: page.id,
        followers_count: followers.get(page.id) ?? 0,
        fan_count: followers.get(page.id) ?? 0,
      })
      return true
    }
    // IG User fields followers_count, follows_count, media_count (INSIGHTS_DOCS.igUser).
    if (ig && !edge && fields.includes('followers_count')) {
      json(res, 200, {
        id: ig.id,
        followers_count: followers.get(ig.id) ?? 0,
        follows_count: 12,
        media_count: media.filter((m) => m.owner === ig.id).length,
      })
      return true
    }
    // Threads user insights: followers_count as a total_value (INSIGHTS_DOCS.threadsInsights).
    if (options.threadsUser?.id === first && edge === 'threads_insights') {
      if (!granted('threads_manage_insights'))
        fail(res, 403, 10, 'Application does not have permission for this action')
      else
        json(res, 200, {
          data: [
            {
              name: 'followers_count',
              period: 'day',
              title: 'followers_count',
              description: 'Stand-in followers_count',
              total_value: { value: followers.get(first) ?? 0 },
              id: `${first}/insights/followers_count/day`,
            },
          ],
        })
      return true
    }

    const post = media.find((m) => m.id === first)
    if (!post) return false
    // A Page post's reactions and comments as edge summaries, shares as a field that is
    // left out while nobody has shared (INSIGHTS_DOCS.pagePost).
    if (post.network === 'facebook' && !edge && params.fields?.includes('reactions')) {
      const c = counts.get(post.id) ?? {}
      json(res, 200, {
        id: post.id,
        reactions: { data: [], summary: { total_count: c.reactions ?? 0 } },
        comments: { data: [], summary: { total_count: c.comments ?? 0, can_comment: true } },
        ...(c.shares && { shares: { count: c.shares } }),
      })
      return true
    }
    if (edge !== 'insights') return false
    if (metrics.length === 0) {
      // "No metric was specified to be fetched" (INSIGHTS_DOCS.pagePostInsights).
      fail(res, 400, 100, 'No metric was specified to be fetched.')
      return true
    }
    // Deprecated metrics answer "invalid metric" (INSIGHTS_DOCS.deprecatedPageMetrics,
    // and impressions for Instagram media from April 2025, INSIGHTS_DOCS.igMediaInsights).
    const unknown = metrics.find((m) => !KNOWN[post.network].has(m))
    if (unknown) {
      fail(res, 400, 100, `(#100) The value must be a valid insights metric: ${unknown}`)
      return true
    }
    if (post.network === 'instagram') {
      if (!granted('instagram_manage_insights'))
        fail(res, 403, 10, '(#10) Application does not have permission for this action')
      else if (faults.notEnoughViewers)
        fail(res, 400, 10, '(#10) Not enough viewers for the media to show insights')
      else json(res, 200, insightsOf(post.id, metrics))
      return true
    }
    // Page post insights need read_insights besides the Page token (INSIGHTS_DOCS.pagePostInsights).
    if (post.network === 'facebook' && !granted('read_insights')) {
      fail(res, 403, 10, '(#10) Application does not have permission for this action')
      return true
    }
    if (post.network === 'threads' && !granted('threads_manage_insights')) {
      fail(res, 403, 10, 'Application does not have permission for this action')
      return true
    }
    json(res, 200, insightsOf(post.id, metrics))
    return true
  }

  return { counts, followers, faults, handle }
}
