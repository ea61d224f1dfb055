import { z } from 'zod'
import { INSTAGRAM_LIMITS } from '../../../core/composer/limits.js'
import {
  ChannelError,
  type ChannelAdapter,
  type ChannelCredentials,
} from '../channels/channel-adapter.js'
import { containerPublisher } from './container-publisher.js'
import { COMMENT_SCOPES } from './oauth.js'
import { graph, readAs, type GraphDeps, type GraphTarget } from './graph.js'
import { assertReachable, commentsWarning, expiryOf } from './account.js'
import { instagramMetrics } from './metrics.js'
import { accountCall } from './comment-threads.js'
import {
  instagramComments,
  lookupInstagramAnswer,
  publishInstagramAnswer,
} from './instagram-comments.js'
import type { MetaAdapterDeps } from './shared.js'

const credentialsSchema = z.object({
  igUserId: z.string().min(1),
  pageId: z.string().min(1),
  /** The long-lived user token: Instagram API with Facebook Login takes a User access token. */
  token: z.string().min(1),
})

const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string().optional(),
})

const quotaSchema = z.object({
  data: z.array(
    z.object({
      quota_usage: z.coerce.number(),
      config: z.object({ quota_total: z.coerce.number() }).optional(),
    }),
  ),
})

/** Instagram's documented limit when the answer leaves out `config`. */
const DEFAULT_QUOTA = 25

/** Instagram professional accounts linked to a Facebook Page, through Facebook Login for Business. */
export function createInstagramAdapter(deps: MetaAdapterDeps): ChannelAdapter {
  const now = deps.now ?? Date.now
  const target: GraphTarget = {
    base: deps.settings.graphUrl,
    version: deps.settings.version,
    network: 'instagram',
    appSecret: deps.settings.facebook?.appSecret,
  }
  const graphDeps: GraphDeps = { fetch: deps.fetch, budget: deps.budget, now }
  const publisher = containerPublisher(deps, {
    target,
    create: 'media',
    publish: 'media_publish',
    statusField: 'status_code',
    recent: { edge: 'media', textField: 'caption' },
    single: (post, imageUrl) => {
      if (!imageUrl)
        throw new ChannelError(
          'permanent',
          'invalid_post',
          'Instagram needs an image in every post',
        )
      return { image_url: imageUrl, caption: post.text, alt_text: post.images[0]!.alt }
    },
    item: (imageUrl, alt) => ({ image_url: imageUrl, is_carousel_item: 'true', alt_text: alt }),
    carousel: (post, children) => ({
      media_type: 'CAROUSEL',
      children: children.join(','),
      caption: post.text,
    }),
    async checkQuota(userId, token, g) {
      const { body } = await graph(g, target, {
        method: 'GET',
        path: `/${userId}/content_publishing_limit`,
        params: { fields: 'quota_usage,config' },
        token,
        account: userId,
        effect: 'read',
      })
      const quota = readAs(quotaSchema, body, 'instagram', 'the publishing limit').data[0]
      const total = quota?.config?.quota_total ?? DEFAULT_QUOTA
      if (quota && quota.quota_usage >= total)
        throw new ChannelError(
          'permanent',
          'publishing_limit',
          `Instagram: ${quota.quota_usage} of ${total} posts in 24 hours used`,
        )
    },
  })
  const open = (credentials: ChannelCredentials) => {
    const c = credentialsSchema.safeParse(credentials)
    if (!c.success)
      throw new ChannelError('permanent', 'auth_revoked', 'Instagram credentials are incomplete')
    return { userId: c.data.igUserId, token: c.data.token }
  }
  const withCall = (credentials: ChannelCredentials) => {
    const { userId, token } = open(credentials)
    return { userId, call: accountCall(graphDeps, target, token, userId) }
  }

  async function account(igUserId: string, token: string) {
    const { body } = await graph(graphDeps, target, {
      method: 'GET',
      path: `/${igUserId}`,
      params: { fields: 'id,username,name' },
      token,
      account: igUserId,
      effect: 'read',
    })
    const a = readAs(accountSchema, body, 'instagram', 'the account')
    return {
      remoteId: a.id,
      handle: a.username,
      displayName: a.name ?? a.username,
      profileUrl: `https://www.instagram.com/${encodeURIComponent(a.username)}/`,
    }
  }

  return {
    network: 'instagram',
    async connect(input) {
      assertReachable(deps.settings)
      const c = credentialsSchema.parse(input)
      return {
        account: await account(c.igUserId, c.token),
        credentials: { igUserId: c.igUserId, pageId: c.pageId, token: c.token },
        limits: INSTAGRAM_LIMITS,
        ...expiryOf(input),
        ...commentsWarning(input, COMMENT_SCOPES.instagram),
      }
    },
    async verify(credentials) {
      const { userId, token } = open(credentials)
      return { account: await account(userId, token), limits: INSTAGRAM_LIMITS }
    },
    publish: (credentials, post) =>
      post.replyTo
        ? publishInstagramAnswer(withCall(credentials), post)
        : publisher.publish(open(credentials), post),
    lookup: (credentials, query) =>
      query.replyTo
        ? lookupInstagramAnswer(withCall(credentials), query)
        : publisher.lookup(open(credentials), query),
    async delete() {
      // The Instagram Graph API has no endpoint to delete a feed post.
      throw new ChannelError(
        'permanent',
        'not_supported',
        'Instagram posts are removed in the Instagram app',
      )
    },
    metrics: instagramMetrics(graphDeps, target, (c) => {
      const { userId, token } = open(c)
      return { account: userId, token }
    }),
    interactions: instagramComments(withCall, now),
  }
}
