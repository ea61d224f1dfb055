import { AtUri } from '@atproto/api'
import { z } from 'zod'
import { BLUESKY_LIMITS } from '../../../core/composer/limits.js'
import { guardedClient, type GuardedFetch } from '../../net/guarded-client.js'
import { readAccount } from './account.js'
import {
  type ChannelAdapter,
  type ChannelCredentials,
  ChannelError,
  type ConnectedChannel,
  type LookupQuery,
  type OutgoingPost,
  type PublishedPost,
} from '../channels/channel-adapter.js'
import {
  connectError,
  isRecordNotFound,
  isSessionRejected,
  mayHaveLanded,
  mayStillLand,
  toChannelError,
} from './errors.js'
import type { InteractionCapability } from '../channels/interactions.js'
import type { MetricsCapability } from '../channels/metrics.js'
import { memoryRateBudget, type SharedRateBudget } from '../channels/rate-budget.js'
import { accountMetrics, postMetrics } from './metrics.js'
import { moderate } from './moderation.js'
import { buildPostRecord, recordShows, type UploadedImage } from './post-record.js'
import { blockUntil, spend } from './rate-budget.js'
import { readInteractions } from './read-interactions.js'
import { recheckPosts } from './recheck.js'
import { postUrl, recordKeyFor } from './record-key.js'
import { assertMayReply, replyRef } from './reply.js'
import {
  type CredentialsUpdateHandler,
  type SessionOptions,
  type SignedIn,
  signIn,
  storedCredentials,
  withSession,
  withTimeout,
} from './session.js'

export const DEFAULT_BLUESKY_SERVICE = 'https://bsky.social'
export const DEFAULT_PLC_URL = 'https://plc.directory'
const POST = 'app.bsky.feed.post'

export interface BlueskyAdapterOptions {
  /** Persists refreshed sessions; see CredentialsUpdateHandler. */
  onCredentialsUpdate?: CredentialsUpdateHandler
  /** Per HTTP request. A createRecord without an answer in time is an `unknown` outcome. */
  requestTimeoutMs?: number
  /**
   * The guarded client (wiring passes the configured one); public addresses only
   * when not given. Every request goes through it: sign-in, the PDS named in the
   * account's DID document, refreshes, uploads, handle look-ups for mentions.
   */
  fetch?: GuardedFetch
  /**
   * Bluesky's per-account limits, shared by every process of one Torget
   * (wiring passes the database-backed one); in memory when not given.
   */
  budget?: SharedRateBudget
  /** Where did:plc documents are resolved, to ask an author's own PDS about a post. */
  plcUrl?: string
}

const connectInputSchema = z.object({
  identifier: z
    .string()
    .trim()
    .min(1)
    .transform((s) => s.replace(/^@/, '')),
  appPassword: z.string().trim().min(1),
  service: z
    .string()
    .trim()
    .optional()
    .transform((s) => (s ? s.replace(/\/+$/, '') : DEFAULT_BLUESKY_SERVICE))
    .pipe(z.url({ protocol: /^https?$/ })),
})

/**
 * Bluesky through the account's PDS. A post's record key is derived from the
 * publication id (record-key.ts), so publishing is idempotent at the PDS
 * itself: a second create with the same key is refused and read back instead.
 */
export class BlueskyAdapter implements ChannelAdapter {
  readonly network = 'bluesky'
  readonly #options: SessionOptions
  readonly #plcUrl: string

  constructor(options: BlueskyAdapterOptions = {}) {
    this.#options = {
      fetch: withTimeout(options.fetch ?? guardedClient(), options.requestTimeoutMs ?? 30_000),
      budget: options.budget ?? memoryRateBudget(),
      onCredentialsUpdate: options.onCredentialsUpdate,
    }
    this.#plcUrl = options.plcUrl ?? DEFAULT_PLC_URL
  }

  readonly interactions: InteractionCapability = {
    read: (credentials, options) =>
      withSession(this.#options, credentials, 'Reading Bluesky notifications', (s) =>
        readInteractions(s, this.#options.budget, options),
      ),
    recheck: (credentials, remoteIds) =>
      withSession(this.#options, credentials, 'Rechecking Bluesky posts', (s) =>
        recheckPosts(
          s,
          this.#options.budget,
          { fetch: this.#options.fetch, plcUrl: this.#plcUrl },
          remoteIds,
        ),
      ),
    moderate: (credentials, request) =>
      withSession(this.#options, credentials, 'Moderating on Bluesky', (s) =>
        moderate(s, this.#options.budget, request, false),
      ),
    undoModeration: (credentials, request) =>
      withSession(this.#options, credentials, 'Undoing moderation on Bluesky', (s) =>
        moderate(s, this.#options.budget, request, true),
      ),
  }

  readonly metrics: MetricsCapability = {
    accountMetrics: (credentials) =>
      withSession(this.#options, credentials, 'Reading the Bluesky account’s counts', (s) =>
        accountMetrics(s, this.#options.budget),
      ),
    postMetrics: (credentials, remoteIds) =>
      withSession(this.#options, credentials, 'Reading the Bluesky posts’ counts', (s) =>
        postMetrics(s, this.#options.budget, remoteIds),
      ),
  }

  async connect(input: Record<string, string>): Promise<ConnectedChannel> {
    const parsed = connectInputSchema.safeParse(input)
    if (!parsed.success) {
      throw new ChannelError(
        'permanent',
        'auth_failed',
        'Enter a Bluesky handle or email address, an app password and, if not bsky.social, a valid server address',
      )
    }
    const { identifier, appPassword, service } = parsed.data
    let signedIn: SignedIn
    try {
      signedIn = await signIn(this.#options, service, identifier, appPassword)
    } catch (error) {
      throw connectError(error, service)
    }
    const account = await readAccount(signedIn).catch((error: unknown) => {
      throw toChannelError(error, 'Reading the Bluesky account')
    })
    const base = { service, identifier, appPassword, did: signedIn.did, handle: account.handle }
    return {
      account,
      credentials: storedCredentials(base, signedIn.session),
      limits: BLUESKY_LIMITS,
    }
  }

  verify(credentials: ChannelCredentials) {
    return withSession(this.#options, credentials, 'Checking the Bluesky account', async (s) => ({
      account: await readAccount(s),
      limits: BLUESKY_LIMITS,
    }))
  }

  publish(credentials: ChannelCredentials, post: OutgoingPost): Promise<PublishedPost> {
    return withSession(this.#options, credentials, 'Publishing to Bluesky', async (s) => {
      const rkey = recordKeyFor(post.publicationId)
      const reply = post.replyTo && replyRef(post.replyTo)
      if (reply) {
        // A retry of an answer that landed is answered by the record, whatever the thread says now.
        const existing = await readPost(s, rkey)
        if (existing) return ours(existing, post)
        await assertMayReply(s, this.#options.budget, reply)
      }
      const images: UploadedImage[] = []
      for (const image of post.images) {
        // Blobs are content-addressed: uploading again on a retry stores nothing new.
        const { data } = await s.agent.uploadBlob(image.data, { encoding: image.mimeType })
        images.push({ blob: data.blob, alt: image.alt, width: image.width, height: image.height })
      }
      const record = await buildPostRecord(s.agent, post, images, new Date().toISOString())
      if (reply) record.reply = reply
      await spend(this.#options.budget, s.did, 'create')
      try {
        const { data } = await s.agent.com.atproto.repo.createRecord({
          repo: s.did,
          collection: POST,
          rkey,
          record,
          validate: true,
        })
        return { remoteId: data.uri, url: postUrl(s.did, rkey) }
      } catch (error) {
        if (isSessionRejected(error)) throw error
        return await this.#settle(s, rkey, post, error)
      }
    })
  }

  /**
   * The record key is derived from the publication id, so a record under it
   * can only be this publication's; it is still read back whole, and one that
   * does not show this post's text and images is refused rather than taken.
   */
  lookup(credentials: ChannelCredentials, query: LookupQuery): Promise<PublishedPost | undefined> {
    return withSession(this.#options, credentials, 'Looking up the Bluesky post', async (s) => {
      const existing = await readPost(s, recordKeyFor(query.publicationId))
      return existing && ours(existing, query)
    })
  }

  delete(credentials: ChannelCredentials, published: PublishedPost): Promise<void> {
    return withSession(this.#options, credentials, 'Deleting the Bluesky post', async (s) => {
      const uri = parsePostUri(published.remoteId)
      if (uri.hostname !== s.did) {
        throw new ChannelError(
          'permanent',
          'invalid_post',
          `The post ${published.url} belongs to another Bluesky account than the connected one`,
        )
      }
      await spend(this.#options.budget, s.did, 'delete')
      // Deleting a record that is already gone succeeds at the PDS.
      await s.agent.com.atproto.repo.deleteRecord({ repo: s.did, collection: POST, rkey: uri.rkey })
    })
  }

  /**
   * createRecord failed. The PDS refuses a second create with the same key
   * (with a 500, not a conflict), so whatever the error, the record may be
   * there: read it back before deciding.
   */
  async #settle(
    s: SignedIn,
    rkey: string,
    post: OutgoingPost,
    error: unknown,
  ): Promise<PublishedPost> {
    const failure = toChannelError(error, 'Publishing to Bluesky')
    if (failure.code === 'rate_limited' && failure.retryAfterMs) {
      await blockUntil(this.#options.budget, s.did, 'create', Date.now() + failure.retryAfterMs)
    }
    let existing: Awaited<ReturnType<typeof readPost>>
    try {
      existing = await readPost(s, rkey)
    } catch {
      if (mayHaveLanded(error)) throw outcomeUnknown(failure)
      throw failure
    }
    if (existing) return ours(existing, post)
    // No answer yet no record: the create may still be under way at the PDS.
    if (mayStillLand(error)) throw outcomeUnknown(failure)
    throw failure
  }
}

function outcomeUnknown(failure: ChannelError): ChannelError {
  return new ChannelError(
    'unknown',
    failure.code,
    `Bluesky did not confirm the post (${failure.message}); look it up before trying again`,
    undefined,
    { cause: failure },
  )
}

/** The record under this publication's key, if it shows this post; a different one is refused. */
function ours(
  existing: NonNullable<Awaited<ReturnType<typeof readPost>>>,
  post: Pick<LookupQuery, 'text' | 'images'>,
): PublishedPost {
  if (recordShows(existing.record, post)) return existing.published
  throw new ChannelError(
    'permanent',
    'invalid_post',
    `This publication is already on Bluesky with other text or images: ${existing.published.url}`,
  )
}

async function readPost(s: SignedIn, rkey: string) {
  try {
    const { data } = await s.agent.com.atproto.repo.getRecord({
      repo: s.did,
      collection: POST,
      rkey,
    })
    return { record: data.value, published: { remoteId: data.uri, url: postUrl(s.did, rkey) } }
  } catch (error) {
    if (isRecordNotFound(error)) return undefined
    throw error
  }
}

function parsePostUri(remoteId: string): AtUri {
  try {
    const uri = new AtUri(remoteId)
    if (uri.collection === POST && uri.rkey) return uri
  } catch {
    // reported below
  }
  throw new ChannelError('permanent', 'invalid_post', `Not a Bluesky post: ${remoteId}`)
}
