import { z } from 'zod'
import {
  ChannelError,
  type LookupQuery,
  type OutgoingPost,
  type PublishedPost,
} from '../channels/channel-adapter.js'
import { graph, readAs, type GraphDeps, type GraphTarget } from './graph.js'
import { comparable, type MetaAdapterDeps } from './shared.js'

/**
 * Instagram and Threads publish in two steps: make a media container (for a
 * carousel, one per image and then the carousel's), wait until Meta has
 * fetched and processed it, then publish it. Exactly once: the container id is
 * stored before publishing, so a retry after a crash publishes that container
 * rather than making a second post; and the dispatcher looks up recent media
 * before any retry (LookupQuery), since a container once published cannot be
 * asked for the media it became.
 *
 * Instagram: developers.facebook.com/docs/instagram-platform/content-publishing,
 *   …/reference/ig-user/media, …/reference/ig-container (status_code),
 *   …/reference/ig-user/media_publish, …/reference/ig-user/content_publishing_limit
 * Threads: developers.facebook.com/docs/threads/posts, …/threads/reference/publishing
 */
export interface ContainerDialect {
  target: GraphTarget
  /** POST /{user}/{create} makes a container; POST /{user}/{publish} publishes one. */
  create: 'media' | 'threads'
  publish: 'media_publish' | 'threads_publish'
  /** The field holding a container's state: Instagram status_code, Threads status. */
  statusField: 'status_code' | 'status'
  /** The recent posts' edge and the field with their text. */
  recent: { edge: 'media' | 'threads'; textField: 'caption' | 'text' }
  /** Where the account's answers are listed, when answers are containers too (Threads: replies). */
  answers?: 'replies'
  /** Params of a single post's container (and of a carousel's). */
  single(post: OutgoingPost, imageUrl: string | undefined): Record<string, string>
  item(imageUrl: string, alt: string): Record<string, string>
  carousel(post: OutgoingPost, children: string[]): Record<string, string>
  /** Checks the account's publishing quota before publishing; throws when it is used up. */
  checkQuota?(userId: string, token: string, graphDeps: GraphDeps): Promise<void>
}

const idSchema = z.object({ id: z.string().min(1) })
const statusSchema = z.object({
  id: z.string().optional(),
  status_code: z.string().optional(),
  status: z.string().optional(),
  error_message: z.string().optional(),
})
const recentSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      caption: z.string().optional(),
      text: z.string().optional(),
      permalink: z.string().optional(),
      timestamp: z.string().optional(),
    }),
  ),
})

export function containerPublisher(deps: MetaAdapterDeps, dialect: ContainerDialect) {
  const now = deps.now ?? Date.now
  const sleep = deps.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)))
  const graphDeps: GraphDeps = { fetch: deps.fetch, budget: deps.budget, now }
  const { target } = dialect
  const call = (
    method: 'GET' | 'POST',
    path: string,
    token: string,
    account: string,
    params: Record<string, string> = {},
    effect: 'read' | 'write' = method === 'GET' ? 'read' : 'write',
  ) => graph(graphDeps, target, { method, path, params, token, account, effect })

  async function makeContainer(userId: string, token: string, post: OutgoingPost) {
    const urls = await Promise.all(post.images.map((image) => deps.media.share(image)))
    const create = async (params: Record<string, string>) => {
      // A lost answer here leaves at most an unpublished container, which Meta drops after 24 h.
      const { body } = await call(
        'POST',
        `/${userId}/${dialect.create}`,
        token,
        userId,
        params,
        'read',
      )
      return readAs(idSchema, body, target.network, 'a new container').id
    }
    if (urls.length <= 1) return create(dialect.single(post, urls[0]))
    const children: string[] = []
    for (const [index, url] of urls.entries())
      children.push(await create(dialect.item(url, post.images[index]!.alt)))
    for (const child of children) {
      const state = await waitUntilReady(child, token, userId, post.publicationId, false)
      if (state !== 'ready') throw notReady(target.network, state)
    }
    return create(dialect.carousel(post, children))
  }

  /** Waits for FINISHED; ERROR is this post's fault, EXPIRED starts over. */
  async function waitUntilReady(
    containerId: string,
    token: string,
    userId: string,
    publicationId: string,
    stored: boolean,
  ): Promise<'ready' | 'published' | 'expired'> {
    const attempts = deps.pollAttempts ?? 20
    for (let attempt = 0; attempt < attempts; attempt++) {
      const { body } = await call('GET', `/${containerId}`, token, userId, {
        fields:
          dialect.statusField === 'status_code' ? 'status_code,status' : 'status,error_message',
      })
      const status = readAs(statusSchema, body, target.network, 'a container status')
      const state = status[dialect.statusField]
      if (state === 'FINISHED') return 'ready'
      if (state === 'PUBLISHED') return 'published'
      if (state === 'ERROR') {
        if (stored) await deps.containers.forget(publicationId)
        const why =
          status.error_message ??
          (dialect.statusField === 'status_code' ? status.status : undefined)
        throw new ChannelError(
          'permanent',
          'media_rejected',
          `${target.network} could not process the images${why ? `: ${why}` : ''}`,
        )
      }
      if (state === 'EXPIRED') {
        if (stored) await deps.containers.forget(publicationId)
        return 'expired'
      }
      await sleep(deps.pollIntervalMs ?? 3000)
    }
    // Still IN_PROGRESS: the next attempt resumes from the stored container.
    throw new ChannelError(
      'transient',
      'server_error',
      `${target.network} is still processing the images`,
      60_000,
    )
  }

  async function lookup(
    credentials: { userId: string; token: string },
    query: LookupQuery,
  ): Promise<PublishedPost | undefined> {
    const { body } = await call(
      'GET',
      `/${credentials.userId}/${(query.replyTo && dialect.answers) || dialect.recent.edge}`,
      credentials.token,
      credentials.userId,
      {
        fields: `id,${dialect.recent.textField},permalink,timestamp`,
        limit: '25',
      },
    )
    const recent = readAs(recentSchema, body, target.network, 'recent posts')
    const want = comparable(query.text)
    const since = query.notBefore ? query.notBefore.getTime() - 60_000 : 0
    const found = recent.data.find(
      (m) =>
        !query.taken?.has(m.id) &&
        comparable(m[dialect.recent.textField]) === want &&
        (!m.timestamp || Date.parse(m.timestamp) >= since),
    )
    return found ? { remoteId: found.id, url: found.permalink ?? '' } : undefined
  }

  return {
    lookup,
    async publish(
      credentials: { userId: string; token: string },
      post: OutgoingPost,
    ): Promise<PublishedPost> {
      const { userId, token } = credentials
      let containerId = await deps.containers.find(post.publicationId)
      if (containerId) {
        const state = await waitUntilReady(containerId, token, userId, post.publicationId, true)
        if (state === 'published') {
          const found = await lookup(credentials, {
            publicationId: post.publicationId,
            text: post.text,
            images: post.images,
            ...(post.replyTo && { replyTo: post.replyTo }),
          })
          if (found) return found
          throw new ChannelError(
            'unknown',
            'bad_response',
            `${target.network} published the container, but the post is not among the recent ones yet`,
            60_000,
          )
        }
        if (state === 'expired') containerId = undefined
      }
      if (!containerId) {
        const made = await makeContainer(userId, token, post)
        containerId = await deps.containers.record(post.publicationId, made)
        const state = await waitUntilReady(containerId, token, userId, post.publicationId, true)
        if (state !== 'ready') throw notReady(target.network, state)
      }
      await dialect.checkQuota?.(userId, token, graphDeps)
      const { body } = await call('POST', `/${userId}/${dialect.publish}`, token, userId, {
        creation_id: containerId,
      })
      const published = readAs(idSchema, body, target.network, 'the published post')
      const { body: media } = await call('GET', `/${published.id}`, token, userId, {
        fields: 'permalink',
      })
      const permalink = z.object({ permalink: z.string().optional() }).safeParse(media)
      return { remoteId: published.id, url: (permalink.success && permalink.data.permalink) || '' }
    },
  }
}

function notReady(network: string, state: string) {
  return new ChannelError(
    'transient',
    'server_error',
    `${network}: a new container is ${state}`,
    1000,
  )
}
