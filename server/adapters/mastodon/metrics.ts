import { z } from 'zod'
import { ChannelError } from '../channels/channel-adapter.js'
import type {
  AccountCounts,
  MetricsCapability,
  PostCounts,
  PostMetricsResult,
} from '../channels/metrics.js'
import { parseCredentials } from './account.js'
import type { MastodonCredentials } from './api.js'
import type { RequestContext } from './errors.js'
import { read, send, type HttpDeps } from './http.js'
import { budgetKey } from './rate-budget.js'

/**
 * GET /api/v1/statuses takes at most 20 ids: the docs do not say, Mastodon's
 * source does (check_statuses_limit against DEFAULT_STATUSES_LIMIT, a 422 beyond).
 */
export const STATUSES_MAX = 20
const HOUR = 3_600_000

// A count is a non-negative integer or nothing: anything else a server sends reads as "not said".
const count = z.number().int().nonnegative().nullish().catch(null)

/** https://docs.joinmastodon.org/entities/Account/ (the counts of the CredentialAccount). */
const accountCountsSchema = z.object({
  id: z.string().min(1),
  followers_count: count,
  following_count: count,
  statuses_count: count,
  suspended: z.boolean().optional().catch(undefined),
})

/**
 * https://docs.joinmastodon.org/entities/Status/: favourites_count, reblogs_count,
 * replies_count; quotes_count from Mastodon 4.5 (absent before, so null).
 */
const statusCountsSchema = z.object({
  id: z.string().min(1),
  favourites_count: count,
  reblogs_count: count,
  replies_count: count,
  quotes_count: count,
})
const statusListSchema = z.array(z.unknown())

function countsOf(status: z.infer<typeof statusCountsSchema>): PostCounts {
  return {
    likes: status.favourites_count ?? null,
    reposts: status.reblogs_count ?? null,
    replies: status.replies_count ?? null,
    quotes: status.quotes_count ?? null,
    views: null,
  }
}

/**
 * The account's and its statuses' counts. Statuses are read 20 a request
 * with GET /api/v1/statuses?id[] (Mastodon 4.3+); one it leaves out, and
 * every status on an older server, is read alone with GET /api/v1/statuses/:id,
 * where a 404 says it is gone.
 * https://docs.joinmastodon.org/methods/statuses/#index, #get;
 * https://docs.joinmastodon.org/methods/accounts/#verify_credentials
 */
export function createMetrics(deps: HttpDeps, timeoutMs: number): MetricsCapability {
  // Instances that answered the list with 404 (older than 4.3), and when: asked again after a day.
  const withoutList = new Map<string, number>()

  const get = (
    credentials: MastodonCredentials,
    path: string,
    ctx: RequestContext,
    query?: Record<string, string | readonly string[]>,
  ) =>
    send(deps, credentials.instanceUrl, {
      method: 'GET',
      path,
      query,
      token: credentials.accessToken,
      ctx,
      timeoutMs,
      budget: { account: budgetKey(credentials), buckets: ['metrics', 'api'] },
    })

  async function listed(credentials: MastodonCredentials, ids: readonly string[]) {
    const since = withoutList.get(credentials.instanceUrl)
    if (since !== undefined && deps.now() - since < 24 * HOUR) return undefined
    const ctx: RequestContext = { effect: 'read', what: 'GET /api/v1/statuses' }
    try {
      const response = await get(credentials, '/api/v1/statuses', ctx, { id: ids })
      const found = new Map<string, PostCounts>()
      // Each status on its own: one odd entry does not cost the others their counts.
      for (const raw of read(statusListSchema, response, ctx)) {
        const status = statusCountsSchema.safeParse(raw)
        if (status.success && ids.includes(status.data.id))
          found.set(status.data.id, countsOf(status.data))
      }
      return found
    } catch (error) {
      if (!(error instanceof ChannelError) || error.code !== 'not_found') throw error
      withoutList.set(credentials.instanceUrl, deps.now())
      return undefined
    }
  }

  async function single(credentials: MastodonCredentials, id: string): Promise<PostMetricsResult> {
    const path = `/api/v1/statuses/${encodeURIComponent(id)}`
    const ctx: RequestContext = { effect: 'read', what: `GET ${path}`, forbidden: 'not_supported' }
    try {
      return {
        state: 'counted',
        counts: countsOf(read(statusCountsSchema, await get(credentials, path, ctx), ctx)),
      }
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error
      // 404: deleted (Mastodon also answers 404 for a status it will not show, which for the
      // account's own status means it is gone). 403: there, but not shown to this token.
      if (error.code === 'not_found') return { state: 'gone' }
      if (error.code === 'not_supported') return { state: 'unavailable' }
      throw error
    }
  }

  return {
    async accountMetrics(stored): Promise<AccountCounts> {
      const credentials = parseCredentials(stored)
      const ctx: RequestContext = {
        effect: 'read',
        what: 'GET /api/v1/accounts/verify_credentials',
        notFound: 'account_gone',
      }
      const account = read(
        accountCountsSchema,
        await get(credentials, '/api/v1/accounts/verify_credentials', ctx),
        ctx,
      )
      if (account.suspended) {
        throw new ChannelError('permanent', 'account_gone', 'The Mastodon account is suspended')
      }
      return {
        followers: account.followers_count ?? null,
        following: account.following_count ?? null,
        posts: account.statuses_count ?? null,
      }
    },

    async postMetrics(stored, remoteIds) {
      const credentials = parseCredentials(stored)
      const results = new Map<string, PostMetricsResult>()
      const ids = [...new Set(remoteIds)].filter((id) => id.length > 0)
      try {
        for (let i = 0; i < ids.length; i += STATUSES_MAX) {
          const batch = ids.slice(i, i + STATUSES_MAX)
          const found = await listed(credentials, batch)
          for (const id of batch) {
            const counts = found?.get(id)
            results.set(id, counts ? { state: 'counted', counts } : await single(credentials, id))
          }
        }
      } catch (error) {
        // What was read stays read; the rest is asked again later.
        if (results.size === 0) throw error
      }
      return results
    },
  }
}
