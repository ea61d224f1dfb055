import { z } from 'zod'
import { FACEBOOK_LIMITS } from '../../../core/composer/limits.js'
import {
  ChannelError,
  type ChannelAdapter,
  type ChannelCredentials,
  type PublishedPost,
} from '../channels/channel-adapter.js'
import { assertReachable, commentsWarning, expiryOf } from './account.js'
import { accountCall } from './comment-threads.js'
import {
  facebookComments,
  lookupFacebookAnswer,
  publishFacebookAnswer,
} from './facebook-comments.js'
import { COMMENT_SCOPES } from './oauth.js'
import { graph, readAs, type GraphDeps, type GraphTarget } from './graph.js'
import { facebookMetrics } from './metrics.js'
import { comparable, firstUrl, type MetaAdapterDeps } from './shared.js'

const credentialsSchema = z.object({ pageId: z.string().min(1), token: z.string().min(1) })
const pageSchema = z.object({ id: z.string(), name: z.string(), link: z.string().optional() })
const idSchema = z.object({ id: z.string().min(1) })
const feedSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      message: z.string().optional(),
      created_time: z.string().optional(),
      permalink_url: z.string().optional(),
    }),
  ),
})

/**
 * A Facebook Page's feed, with the Page access token
 * (developers.facebook.com/docs/pages-api/posts): text and a link as one
 * POST /{page-id}/feed; photos first uploaded unpublished (POST /{page-id}/photos
 * with published=false, developers.facebook.com/docs/graph-api/reference/page/photos)
 * and then attached to one feed post as attached_media.
 */
export function createFacebookAdapter(deps: MetaAdapterDeps): ChannelAdapter {
  const now = deps.now ?? Date.now
  const target: GraphTarget = {
    base: deps.settings.graphUrl,
    version: deps.settings.version,
    network: 'facebook',
    appSecret: deps.settings.facebook?.appSecret,
  }
  const graphDeps: GraphDeps = { fetch: deps.fetch, budget: deps.budget, now }
  const open = (credentials: ChannelCredentials) => {
    const c = credentialsSchema.safeParse(credentials)
    if (!c.success)
      throw new ChannelError('permanent', 'auth_revoked', 'Facebook credentials are incomplete')
    return c.data
  }
  const call = (
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    c: { pageId: string; token: string },
    params: Record<string, string>,
    effect: 'read' | 'write',
  ) => graph(graphDeps, target, { method, path, params, token: c.token, account: c.pageId, effect })
  const withCall = (credentials: ChannelCredentials) => {
    const c = open(credentials)
    return { ...c, call: accountCall(graphDeps, target, c.token, c.pageId) }
  }

  async function page(c: { pageId: string; token: string }) {
    const { body } = await call('GET', `/${c.pageId}`, c, { fields: 'id,name,link' }, 'read')
    const p = readAs(pageSchema, body, 'facebook', 'the Page')
    return {
      remoteId: p.id,
      handle: p.name,
      displayName: p.name,
      profileUrl: p.link ?? `https://www.facebook.com/${p.id}`,
    }
  }

  async function permalink(c: { pageId: string; token: string }, id: string): Promise<string> {
    const { body } = await call('GET', `/${id}`, c, { fields: 'permalink_url' }, 'read')
    const parsed = z.object({ permalink_url: z.string().optional() }).safeParse(body)
    return (parsed.success && parsed.data.permalink_url) || `https://www.facebook.com/${id}`
  }

  return {
    network: 'facebook',
    async connect(input) {
      assertReachable(deps.settings)
      const c = credentialsSchema.parse(input)
      return {
        account: await page(c),
        credentials: { pageId: c.pageId, token: c.token },
        limits: FACEBOOK_LIMITS,
        ...expiryOf(input),
        ...commentsWarning(input, COMMENT_SCOPES.facebook),
      }
    },
    async verify(credentials) {
      return { account: await page(open(credentials)), limits: FACEBOOK_LIMITS }
    },
    async publish(credentials, post): Promise<PublishedPost> {
      const c = open(credentials)
      if (post.replyTo)
        return publishFacebookAnswer(withCall(credentials), post, (id) => permalink(c, id))
      const params: Record<string, string> = { message: post.text }
      // Unpublished photos made by an attempt that then failed stay invisible on the Page.
      for (const [index, image] of post.images.entries()) {
        const url = await deps.media.share(image)
        const { body } = await call(
          'POST',
          `/${c.pageId}/photos`,
          c,
          { url, published: 'false', alt_text_custom: image.alt },
          'read',
        )
        const photo = readAs(idSchema, body, 'facebook', 'an uploaded photo')
        params[`attached_media[${index}]`] = JSON.stringify({ media_fbid: photo.id })
      }
      const link = post.images.length === 0 ? firstUrl(post.text) : undefined
      if (link) params.link = link
      const { body } = await call('POST', `/${c.pageId}/feed`, c, params, 'write')
      const made = readAs(idSchema, body, 'facebook', 'the new post')
      return { remoteId: made.id, url: await permalink(c, made.id) }
    },
    async lookup(credentials, query) {
      if (query.replyTo) return lookupFacebookAnswer(withCall(credentials), query)
      const c = open(credentials)
      const { body } = await call(
        'GET',
        `/${c.pageId}/feed`,
        c,
        { fields: 'id,message,created_time,permalink_url', limit: '25' },
        'read',
      )
      const feed = readAs(feedSchema, body, 'facebook', 'the Page feed')
      const want = comparable(query.text)
      const since = query.notBefore ? query.notBefore.getTime() - 60_000 : 0
      const found = feed.data.find(
        (p) =>
          !query.taken?.has(p.id) &&
          comparable(p.message) === want &&
          (!p.created_time || Date.parse(p.created_time) >= since),
      )
      return found
        ? { remoteId: found.id, url: found.permalink_url ?? `https://www.facebook.com/${found.id}` }
        : undefined
    },
    async delete(credentials, published) {
      const c = open(credentials)
      await call('DELETE', `/${published.remoteId}`, c, {}, 'write').catch((error: unknown) => {
        if (error instanceof ChannelError && error.code === 'not_found') return
        throw error
      })
    },
    metrics: facebookMetrics(graphDeps, target, (c) => {
      const { pageId, token } = open(c)
      return { account: pageId, token }
    }),
    interactions: facebookComments(withCall, now),
  }
}
