import { z } from 'zod'
import { ChannelError, type ChannelCredentials } from '../channels/channel-adapter.js'
import type {
  AccountCounts,
  MetricsCapability,
  PostCounts,
  PostMetricsResult,
} from '../channels/metrics.js'
import { graph, readAs, type GraphDeps, type GraphTarget } from './graph.js'

/*
 * What Meta counts about the library's Page, Instagram account and Threads
 * profile, in Torget's names. docs/meta.md ("What the numbers mean") gives each
 * metric's Meta definition and the page it comes from. One request (two on
 * Facebook) a post: each post is read five times in its life, far inside the
 * account's budget. The three networks differ only in their dialect below.
 */

/** The account and token a read is made with, as each adapter opens its credentials. */
export type OpenCredentials = (credentials: ChannelCredentials) => {
  account: string
  token: string
}

/** One GET with the account's token, spent from its budget. */
type Get = (path: string, params: Record<string, string>) => Promise<unknown>

interface MetricsDialect {
  /** The account's followers (and what else its node says). */
  account(get: Get, account: string): Promise<AccountCounts>
  /** One post's counts. */
  post(get: Get, id: string): Promise<PostCounts>
  /** A refusal that leaves this post for later rather than ending the read. */
  unavailable?(error: ChannelError): boolean
}

// A count is a non-negative integer or nothing: anything else reads as "not said".
const count = z.number().int().nonnegative().nullish().catch(null)

/**
 * An insights answer: { data: [{ name, period, values: [{ value }] }] }, or
 * total_value for account metrics (Threads' followers_count). A metric Meta
 * has no figure for yet is left out of `data` rather than given as 0.
 */
const insightsSchema = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      values: z.array(z.object({ value: z.unknown() })).optional(),
      total_value: z.object({ value: z.unknown() }).optional(),
    }),
  ),
})

/** GET /{id}/insights?metric=…, as Meta's names to their latest values. */
async function insights(
  get: Get,
  path: string,
  metrics: readonly string[],
  network: string,
): Promise<(name: string) => number | null> {
  const parsed = readAs(
    insightsSchema,
    await get(path, { metric: metrics.join(',') }),
    network,
    'insights',
  )
  const values = new Map<string, number | null>()
  // Lifetime metrics carry one value; a day-period one its latest last.
  for (const metric of parsed.data)
    values.set(
      metric.name,
      count.parse(metric.total_value?.value ?? metric.values?.at(-1)?.value) ?? null,
    )
  return (name) => values.get(name) ?? null
}

/** Insights refused for this post or Page while the rest of the read is fine. */
const refusedInsights = (error: ChannelError) =>
  error.kind === 'permanent' &&
  (error.code === 'invalid_post' || error.code === 'permission_missing')

function metaMetrics(
  deps: GraphDeps,
  target: GraphTarget,
  open: OpenCredentials,
  dialect: MetricsDialect,
): MetricsCapability {
  const getter =
    (credentials: ChannelCredentials): Get =>
    async (path, params) => {
      const { account, token } = open(credentials)
      return (
        await graph(deps, target, { method: 'GET', path, params, token, account, effect: 'read' })
      ).body
    }
  return {
    accountMetrics: (credentials) =>
      dialect.account(getter(credentials), open(credentials).account),
    async postMetrics(credentials, remoteIds) {
      const get = getter(credentials)
      const results = new Map<string, PostMetricsResult>()
      for (const id of [...new Set(remoteIds)].filter(Boolean)) {
        try {
          results.set(id, { state: 'counted', counts: await dialect.post(get, id) })
        } catch (error) {
          if (error instanceof ChannelError && error.code === 'not_found') {
            results.set(id, { state: 'gone' })
            continue
          }
          if (error instanceof ChannelError && dialect.unavailable?.(error)) {
            results.set(id, { state: 'unavailable' })
            continue
          }
          // What was read stays read; the rest is asked again later.
          if (results.size === 0) throw error
          break
        }
      }
      return results
    },
  }
}

const facebookPageSchema = z.object({ followers_count: count })
const summarySchema = z.object({ summary: z.object({ total_count: count }).optional() }).optional()
const facebookPostSchema = z.object({
  id: z.string(),
  reactions: summarySchema.catch(undefined),
  comments: summarySchema.catch(undefined),
  shares: z.object({ count }).optional().catch(undefined),
})
/**
 * The Pages API changelog (Nov 15, 2025) names post_media_view as the
 * replacement of post_impressions; the deprecated-metrics page names
 * post_total_media_view_unique for post_impressions_unique.
 */
const FACEBOOK_POST_INSIGHTS = ['post_media_view', 'post_total_media_view_unique']

/**
 * A Page: followers_count on the Page node; per post the reactions' and
 * comments' summaries and the shares field, then the post's insights
 * (views and reach). Insights can be refused where the counts are not
 * (a Page under 100 likes, a missing read_insights): views and reach are then null.
 */
export const facebookMetrics = (deps: GraphDeps, target: GraphTarget, open: OpenCredentials) =>
  metaMetrics(deps, target, open, {
    async account(get, account) {
      const page = readAs(
        facebookPageSchema,
        await get(`/${account}`, { fields: 'followers_count' }),
        'facebook',
        'the Page',
      )
      return { followers: page.followers_count ?? null, following: null, posts: null }
    },
    async post(get, id) {
      const post = readAs(
        facebookPostSchema,
        await get(`/${id}`, {
          fields:
            'reactions.summary(total_count).limit(0),comments.filter(stream).summary(total_count).limit(0),shares',
        }),
        'facebook',
        'the post',
      )
      const pick = await insights(get, `/${id}/insights`, FACEBOOK_POST_INSIGHTS, 'facebook').catch(
        (error: unknown) => {
          if (error instanceof ChannelError && refusedInsights(error)) return () => null
          throw error
        },
      )
      return {
        likes: post.reactions?.summary?.total_count ?? null,
        replies: post.comments?.summary?.total_count ?? null,
        // Meta leaves `shares` out of a post nobody has shared; it does not say 0.
        reposts: post.shares?.count ?? null,
        quotes: null,
        views: pick('post_media_view'),
        reach: pick('post_total_media_view_unique'),
      }
    },
  })

const instagramAccountSchema = z.object({
  followers_count: count,
  follows_count: count,
  media_count: count,
})
/**
 * `reposts` came in December 2025 (Instagram Platform changelog); `shares`
 * (sends in Direct and to stories) is not a repost and Torget has no figure for it.
 */
const INSTAGRAM_MEDIA_INSIGHTS = ['likes', 'comments', 'saved', 'reach', 'views', 'reposts']

/**
 * An Instagram professional account: its counts on the IG User node, and each
 * medium's insights. "(#10) Not enough viewers for the media to show insights"
 * is code 10, as a missing permission is: the post is asked again later.
 */
export const instagramMetrics = (deps: GraphDeps, target: GraphTarget, open: OpenCredentials) =>
  metaMetrics(deps, target, open, {
    async account(get, account) {
      const user = readAs(
        instagramAccountSchema,
        await get(`/${account}`, { fields: 'followers_count,follows_count,media_count' }),
        'instagram',
        'the account',
      )
      return {
        followers: user.followers_count ?? null,
        following: user.follows_count ?? null,
        posts: user.media_count ?? null,
      }
    },
    async post(get, id) {
      // One unknown metric fails the whole request (code 100): should `reposts` be refused
      // where it has not reached yet, the rest is asked for without it.
      const pick = await insights(
        get,
        `/${id}/insights`,
        INSTAGRAM_MEDIA_INSIGHTS,
        'instagram',
      ).catch((error: unknown) => {
        if (error instanceof ChannelError && error.code === 'invalid_post')
          return insights(
            get,
            `/${id}/insights`,
            INSTAGRAM_MEDIA_INSIGHTS.filter((m) => m !== 'reposts'),
            'instagram',
          )
        throw error
      })
      return {
        likes: pick('likes'),
        replies: pick('comments'),
        reposts: pick('reposts'),
        quotes: null,
        views: pick('views'),
        reach: pick('reach'),
        saves: pick('saved'),
      }
    },
    unavailable: (error) => error.code === 'permission_missing',
  })

/** Threads' media metrics; `shares` is "in development" and Torget has no figure for it. */
const THREADS_MEDIA_INSIGHTS = ['views', 'likes', 'replies', 'reposts', 'quotes']

/** A Threads profile: followers_count from the user's insights, and each thread's insights. */
export const threadsMetrics = (deps: GraphDeps, target: GraphTarget, open: OpenCredentials) =>
  metaMetrics(deps, target, open, {
    async account(get, account) {
      const pick = await insights(
        get,
        `/${account}/threads_insights`,
        ['followers_count'],
        'threads',
      )
      return { followers: pick('followers_count'), following: null, posts: null }
    },
    async post(get, id) {
      const pick = await insights(get, `/${id}/insights`, THREADS_MEDIA_INSIGHTS, 'threads')
      return {
        likes: pick('likes'),
        replies: pick('replies'),
        reposts: pick('reposts'),
        quotes: pick('quotes'),
        views: pick('views'),
      }
    },
  })
