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
 * account's budget.
 */

/** The account and token a read is made with, as each adapter opens its credentials. */
export type OpenCredentials = (credentials: ChannelCredentials) => {
  account: string
  token: string
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

function insightValues(body: unknown, network: string): Map<string, number | null> {
  const parsed = readAs(insightsSchema, body, network, 'insights')
  const out = new Map<string, number | null>()
  for (const metric of parsed.data) {
    // Lifetime metrics carry one value; a day-period one its latest last.
    const raw = metric.total_value?.value ?? metric.values?.at(-1)?.value
    out.set(metric.name, count.parse(raw) ?? null)
  }
  return out
}

const pick = (values: Map<string, number | null>, name: string) => values.get(name) ?? null

/** Which answers about one post mean what, and which end the whole read. */
async function eachPost(
  remoteIds: readonly string[],
  read: (id: string) => Promise<PostCounts>,
  unavailable: (error: ChannelError) => boolean = () => false,
): Promise<Map<string, PostMetricsResult>> {
  const results = new Map<string, PostMetricsResult>()
  for (const id of [...new Set(remoteIds)].filter(Boolean)) {
    try {
      results.set(id, { state: 'counted', counts: await read(id) })
    } catch (error) {
      if (error instanceof ChannelError && error.code === 'not_found') {
        results.set(id, { state: 'gone' })
        continue
      }
      if (error instanceof ChannelError && unavailable(error)) {
        results.set(id, { state: 'unavailable' })
        continue
      }
      // What was read stays read; the rest is asked again later.
      if (results.size === 0) throw error
      break
    }
  }
  return results
}

function reader(deps: GraphDeps, target: GraphTarget, open: OpenCredentials) {
  return async (credentials: ChannelCredentials, path: string, params: Record<string, string>) => {
    const { account, token } = open(credentials)
    const { body } = await graph(deps, target, {
      method: 'GET',
      path,
      params,
      token,
      account,
      effect: 'read',
    })
    return body
  }
}

const facebookPageSchema = z.object({ followers_count: count, fan_count: count })
const summarySchema = z.object({ summary: z.object({ total_count: count }).optional() }).optional()
const facebookPostSchema = z.object({
  id: z.string(),
  reactions: summarySchema.catch(undefined),
  comments: summarySchema.catch(undefined),
  shares: z.object({ count }).optional().catch(undefined),
})
/** Meta's replacements (2025) for post_impressions and post_impressions_unique. */
const FACEBOOK_POST_INSIGHTS = ['post_media_view', 'post_total_media_view_unique']

/**
 * A Page: followers_count on the Page node; per post the reactions' and
 * comments' summaries and the shares field, then the post's insights
 * (views and reach). Insights can be refused where the counts are not
 * (a Page under 100 likes, a missing read_insights): views and reach are then null.
 */
export function facebookMetrics(
  deps: GraphDeps,
  target: GraphTarget,
  open: OpenCredentials,
): MetricsCapability {
  const get = reader(deps, target, open)
  return {
    async accountMetrics(credentials): Promise<AccountCounts> {
      const { account } = open(credentials)
      const page = readAs(
        facebookPageSchema,
        await get(credentials, `/${account}`, { fields: 'followers_count,fan_count' }),
        'facebook',
        'the Page',
      )
      return { followers: page.followers_count ?? null, following: null, posts: null }
    },
    postMetrics: (credentials, remoteIds) =>
      eachPost(remoteIds, async (id) => {
        const post = readAs(
          facebookPostSchema,
          await get(credentials, `/${id}`, {
            fields:
              'reactions.summary(total_count).limit(0),comments.filter(stream).summary(total_count).limit(0),shares',
          }),
          'facebook',
          'the post',
        )
        const insights = await get(credentials, `/${id}/insights`, {
          metric: FACEBOOK_POST_INSIGHTS.join(','),
        })
          .then((body) => insightValues(body, 'facebook'))
          .catch((error: unknown) => {
            if (error instanceof ChannelError && refusedInsights(error)) return new Map()
            throw error
          })
        return {
          likes: post.reactions?.summary?.total_count ?? null,
          replies: post.comments?.summary?.total_count ?? null,
          // Meta leaves `shares` out of a post nobody has shared; it does not say 0.
          reposts: post.shares?.count ?? null,
          quotes: null,
          views: pick(insights, 'post_media_view'),
          reach: pick(insights, 'post_total_media_view_unique'),
        }
      }),
  }
}

/** Insights refused for this post or Page, while the rest of the read is fine. */
function refusedInsights(error: ChannelError): boolean {
  return (
    error.kind === 'permanent' &&
    (error.code === 'invalid_post' || error.code === 'permission_missing')
  )
}

const instagramAccountSchema = z.object({
  followers_count: count,
  follows_count: count,
  media_count: count,
})
const INSTAGRAM_MEDIA_INSIGHTS = ['likes', 'comments', 'shares', 'saved', 'reach', 'views']

/**
 * An Instagram professional account: its counts on the IG User node, and each
 * medium's insights. "(#10) Not enough viewers for the media to show insights"
 * is code 10, as a missing permission is: the post is asked again later.
 */
export function instagramMetrics(
  deps: GraphDeps,
  target: GraphTarget,
  open: OpenCredentials,
): MetricsCapability {
  const get = reader(deps, target, open)
  return {
    async accountMetrics(credentials): Promise<AccountCounts> {
      const { account } = open(credentials)
      const user = readAs(
        instagramAccountSchema,
        await get(credentials, `/${account}`, {
          fields: 'followers_count,follows_count,media_count',
        }),
        'instagram',
        'the account',
      )
      return {
        followers: user.followers_count ?? null,
        following: user.follows_count ?? null,
        posts: user.media_count ?? null,
      }
    },
    postMetrics: (credentials, remoteIds) =>
      eachPost(
        remoteIds,
        async (id) => {
          const values = insightValues(
            await get(credentials, `/${id}/insights`, {
              metric: INSTAGRAM_MEDIA_INSIGHTS.join(','),
            }),
            'instagram',
          )
          return {
            likes: pick(values, 'likes'),
            replies: pick(values, 'comments'),
            reposts: pick(values, 'shares'),
            quotes: null,
            views: pick(values, 'views'),
            reach: pick(values, 'reach'),
            saves: pick(values, 'saved'),
          }
        },
        (error) => error.code === 'permission_missing',
      ),
  }
}

const THREADS_MEDIA_INSIGHTS = ['views', 'likes', 'replies', 'reposts', 'quotes']

/** A Threads profile: followers_count from the user's insights, and each thread's insights. */
export function threadsMetrics(
  deps: GraphDeps,
  target: GraphTarget,
  open: OpenCredentials,
): MetricsCapability {
  const get = reader(deps, target, open)
  return {
    async accountMetrics(credentials): Promise<AccountCounts> {
      const { account } = open(credentials)
      const values = insightValues(
        await get(credentials, `/${account}/threads_insights`, { metric: 'followers_count' }),
        'threads',
      )
      return { followers: pick(values, 'followers_count'), following: null, posts: null }
    },
    postMetrics: (credentials, remoteIds) =>
      eachPost(remoteIds, async (id) => {
        const values = insightValues(
          await get(credentials, `/${id}/insights`, { metric: THREADS_MEDIA_INSIGHTS.join(',') }),
          'threads',
        )
        return {
          likes: pick(values, 'likes'),
          replies: pick(values, 'replies'),
          reposts: pick(values, 'reposts'),
          quotes: pick(values, 'quotes'),
          views: pick(values, 'views'),
        }
      }),
  }
}
