import { z } from 'zod'
import { ChannelError } from '../channels/channel-adapter.js'
import type { AccountCounts, PostCounts, PostMetricsResult } from '../channels/metrics.js'
import type { SharedRateBudget } from '../channels/rate-budget.js'
import { appViewQuery } from './appview.js'
import { isRecordNotFound } from './errors.js'
import { didOf, rkeyOf } from './notifications.js'
import { spend } from './rate-budget.js'
import type { SignedIn } from './session.js'

/** app.bsky.feed.getPosts takes at most 25 uris (its lexicon's maxLength). */
export const GET_POSTS_MAX = 25
const POST_URI = /^at:\/\/did:[a-z]+:[^/]+\/app\.bsky\.feed\.post\/[^/]+$/

// A count is a non-negative integer or nothing: anything else the AppView sends reads as "not said".
const count = z.number().int().nonnegative().nullish().catch(null)

/** app.bsky.actor.defs#profileViewDetailed: the counts are optional in the lexicon. */
const profileSchema = z.object({
  did: z.string(),
  followersCount: count,
  followsCount: count,
  postsCount: count,
})

/** app.bsky.feed.defs#postView, the parts counted. */
const postCountsSchema = z.object({
  uri: z.string(),
  likeCount: count,
  repostCount: count,
  replyCount: count,
  quoteCount: count,
})
const postsSchema = z.object({ posts: z.array(z.unknown()) })

function badResponse(what: string, detail: string): ChannelError {
  return new ChannelError(
    'transient',
    'bad_response',
    `${what} answered with something that is not the lexicon's response (${detail})`,
  )
}

/**
 * The account's counts as the AppView keeps them (app.bsky.actor.getProfile),
 * once its PDS says it is still active (com.atproto.server.getSession).
 */
export async function accountMetrics(
  s: SignedIn,
  budget: SharedRateBudget,
): Promise<AccountCounts> {
  await spend(budget, s.did, 'metrics')
  // The AppView goes on showing a deactivated account's profile for a while; its PDS knows at once.
  const { data: session } = await s.agent.com.atproto.server.getSession()
  if (session.active === false) {
    throw new ChannelError(
      'permanent',
      'account_gone',
      `The Bluesky account ${session.handle} is ${session.status ?? 'inactive'}`,
    )
  }
  const body = await appViewQuery(s, budget, 'app.bsky.actor.getProfile', { actor: s.did })
  const profile = profileSchema.safeParse(body)
  if (!profile.success) throw badResponse('app.bsky.actor.getProfile', 'no profile')
  if (profile.data.did !== s.did) {
    throw badResponse('app.bsky.actor.getProfile', `the profile of ${profile.data.did}`)
  }
  return {
    followers: profile.data.followersCount ?? null,
    following: profile.data.followsCount ?? null,
    posts: profile.data.postsCount ?? null,
  }
}

/**
 * The posts' counts, 25 a request (app.bsky.feed.getPosts). A post the
 * AppView leaves out is looked up as a record in the account's own repository
 * before it is called gone: the AppView also leaves out what it has not
 * indexed yet and what moderation hides, and those still exist.
 */
export async function postMetrics(
  s: SignedIn,
  budget: SharedRateBudget,
  remoteIds: readonly string[],
): Promise<Map<string, PostMetricsResult>> {
  const results = new Map<string, PostMetricsResult>()
  const uris = [...new Set(remoteIds)].filter((uri) => POST_URI.test(uri))
  for (let i = 0; i < uris.length; i += GET_POSTS_MAX) {
    const batch = uris.slice(i, i + GET_POSTS_MAX)
    try {
      for (const [uri, counts] of await countPosts(s, budget, batch))
        results.set(uri, { state: 'counted', counts })
      for (const uri of batch) {
        if (results.has(uri)) continue
        const state = await recordState(s, budget, uri)
        if (state) results.set(uri, { state })
      }
    } catch (error) {
      // What was read stays read; the rest is asked again later.
      if (results.size === 0) throw error
      break
    }
  }
  return results
}

async function countPosts(
  s: SignedIn,
  budget: SharedRateBudget,
  uris: readonly string[],
): Promise<Map<string, PostCounts>> {
  await spend(budget, s.did, 'metrics')
  const body = postsSchema.safeParse(
    await appViewQuery(s, budget, 'app.bsky.feed.getPosts', { uris }),
  )
  if (!body.success) throw badResponse('app.bsky.feed.getPosts', 'no list of posts')
  const found = new Map<string, PostCounts>()
  // Each entry on its own: one odd entry does not cost the others their counts.
  for (const raw of body.data.posts) {
    const post = postCountsSchema.safeParse(raw)
    if (!post.success || !uris.includes(post.data.uri)) continue
    found.set(post.data.uri, {
      likes: post.data.likeCount ?? null,
      reposts: post.data.repostCount ?? null,
      replies: post.data.replyCount ?? null,
      quotes: post.data.quoteCount ?? null,
      views: null,
    })
  }
  return found
}

/** 'gone' when the repository no longer holds the record, 'unavailable' when it does; undefined when unsure. */
async function recordState(
  s: SignedIn,
  budget: SharedRateBudget,
  uri: string,
): Promise<'gone' | 'unavailable' | undefined> {
  await spend(budget, s.did, 'metrics')
  try {
    await s.agent.com.atproto.repo.getRecord({
      repo: didOf(uri),
      collection: 'app.bsky.feed.post',
      rkey: rkeyOf(uri),
    })
    return 'unavailable'
  } catch (error) {
    if (isRecordNotFound(error)) return 'gone'
    return undefined
  }
}
