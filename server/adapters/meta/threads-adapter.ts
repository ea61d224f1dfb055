import { z } from 'zod'
import { THREADS_LIMITS } from '../../../core/composer/limits.js'
import {
  ChannelError,
  type ChannelAdapter,
  type ChannelCredentials,
} from '../channels/channel-adapter.js'
import { containerPublisher } from './container-publisher.js'
import { graph, readAs, type GraphDeps, type GraphTarget } from './graph.js'
import { assertReachable, expiryOf } from './account.js'
import { threadsMetrics } from './metrics.js'
import { accountCall } from './comment-threads.js'
import { threadsReplies } from './threads-replies.js'
import type { MetaAdapterDeps } from './shared.js'

const credentialsSchema = z.object({ threadsUserId: z.string().min(1), token: z.string().min(1) })
const profileSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string().optional(),
})

/** Threads profiles, through the Threads API's own OAuth (graph.threads.net, version v1.0). */
export function createThreadsAdapter(deps: MetaAdapterDeps): ChannelAdapter {
  const now = deps.now ?? Date.now
  const target: GraphTarget = {
    base: deps.settings.threadsGraphUrl,
    version: 'v1.0',
    network: 'threads',
  }
  const graphDeps: GraphDeps = { fetch: deps.fetch, budget: deps.budget, now }
  const publisher = containerPublisher(deps, {
    target,
    create: 'threads',
    publish: 'threads_publish',
    statusField: 'status',
    recent: { edge: 'threads', textField: 'text' },
    answers: 'replies',
    // An answer from Inkorg is a post with reply_to_id (developers.facebook.com/docs/threads/reply-management).
    single: (post, imageUrl): Record<string, string> => ({
      ...(imageUrl
        ? {
            media_type: 'IMAGE',
            image_url: imageUrl,
            text: post.text,
            alt_text: post.images[0]!.alt,
          }
        : { media_type: 'TEXT', text: post.text }),
      ...(post.replyTo?.replyToId && { reply_to_id: post.replyTo.replyToId }),
    }),
    item: (imageUrl, alt) => ({
      media_type: 'IMAGE',
      image_url: imageUrl,
      is_carousel_item: 'true',
      alt_text: alt,
    }),
    carousel: (post, children) => ({
      media_type: 'CAROUSEL',
      children: children.join(','),
      text: post.text,
    }),
  })
  const open = (credentials: ChannelCredentials) => {
    const c = credentialsSchema.safeParse(credentials)
    if (!c.success)
      throw new ChannelError('permanent', 'auth_revoked', 'Threads credentials are incomplete')
    return { userId: c.data.threadsUserId, token: c.data.token }
  }
  const withCall = (credentials: ChannelCredentials) => {
    const { userId, token } = open(credentials)
    return { userId, call: accountCall(graphDeps, target, token, userId) }
  }
  async function profile(userId: string, token: string) {
    const { body } = await graph(graphDeps, target, {
      method: 'GET',
      path: '/me',
      params: { fields: 'id,username,name' },
      token,
      account: userId,
      effect: 'read',
    })
    const p = readAs(profileSchema, body, 'threads', 'the profile')
    return {
      remoteId: p.id,
      handle: p.username,
      displayName: p.name ?? p.username,
      profileUrl: `https://www.threads.net/@${encodeURIComponent(p.username)}`,
    }
  }
  return {
    network: 'threads',
    async connect(input) {
      assertReachable(deps.settings)
      const c = credentialsSchema.parse(input)
      return {
        account: await profile(c.threadsUserId, c.token),
        credentials: { threadsUserId: c.threadsUserId, token: c.token },
        limits: THREADS_LIMITS,
        ...expiryOf(input),
      }
    },
    async verify(credentials) {
      const { userId, token } = open(credentials)
      return { account: await profile(userId, token), limits: THREADS_LIMITS }
    },
    publish: (credentials, post) => publisher.publish(open(credentials), post),
    lookup: (credentials, query) => publisher.lookup(open(credentials), query),
    async delete(credentials, published) {
      const { userId, token } = open(credentials)
      await graph(graphDeps, target, {
        method: 'DELETE',
        path: `/${published.remoteId}`,
        token,
        account: userId,
        effect: 'write',
      }).catch((error: unknown) => {
        if (error instanceof ChannelError && error.code === 'not_found') return
        throw error
      })
    },
    metrics: threadsMetrics(graphDeps, target, (c) => {
      const { userId, token } = open(c)
      return { account: userId, token }
    }),
    interactions: threadsReplies(withCall, now),
  }
}
