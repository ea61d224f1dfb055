import { createHash } from 'node:crypto'
import { countText } from '../../../core/composer/count.js'
import { guardedClient, type GuardedFetch } from '../../net/guarded-client.js'
import { memoryRateBudget, type SharedRateBudget } from '../channels/rate-budget.js'
import {
  ChannelError,
  type ChannelAdapter,
  type OutgoingImage,
} from '../channels/channel-adapter.js'
import {
  connectInputSchema,
  forConnect,
  parseCredentials,
  pendingCredentials,
  readAccount,
} from './account.js'
import {
  statusListSchema,
  statusSchema,
  statusUrl,
  type MastodonCredentials,
  type MastodonStatus,
} from './api.js'
import type { RequestContext } from './errors.js'
import { read, send, type HttpDeps } from './http.js'
import { fetchInstance, limitsFromInstance } from './instance-limits.js'
import { normalizeInstanceUrl } from './instance-url.js'
import { uploadImage, type MediaTiming } from './media.js'
import { exchangeCode } from './oauth.js'
import { createInteractions } from './interactions.js'
import { createMetrics } from './metrics.js'
import { budgetKey } from './rate-budget.js'
import { replyFields } from './reply.js'
import { contentMatches, normalizeDescription } from './status-text.js'

export { authorizeUrl, exchangeCode, MASTODON_SCOPES, registerApp } from './oauth.js'

export interface MastodonAdapterOptions {
  /** The guarded client (wiring passes the configured one); public addresses only when not given. */
  fetch?: GuardedFetch
  /** Per request; 15 s by default. */
  timeoutMs?: number
  media?: Partial<Omit<MediaTiming, 'sleep' | 'timeoutMs'>>
  /**
   * The per-account budget every process of this Torget draws on (wiring passes the
   * database-backed one); one for this process alone when not given.
   */
  rateBudget?: SharedRateBudget
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

/**
 * Mastodon stores an Idempotency-Key for one hour per account: every attempt of
 * a publication sends the same one, so a retry within the hour returns the first
 * status instead of making a second. https://docs.joinmastodon.org/methods/statuses/#create
 */
export function idempotencyKey(publicationId: string): string {
  return `torget-${publicationId}`
}

const HOUR = 3_600_000
/**
 * A retry that starts within this long of the publication's first attempt sends
 * the same Idempotency-Key and gets the first status back, if there is one,
 * instead of looking it up by its text. Mastodon keeps the key an hour from the
 * status it made, which is after the first attempt began; the margin covers an
 * attempt's own length (uploads come first) and clocks differing between workers.
 */
export const IDEMPOTENCY_WINDOW_MS = 45 * 60_000
// A post's created_at comes from Mastodon's clock; allow for it running behind ours.
const CLOCK_SKEW_MS = 5 * 60_000

interface Attempt {
  startedAt: number
  media?: { fingerprint: string; ids: string[]; at: number }
}

export function createMastodonAdapter(options: MastodonAdapterOptions = {}): ChannelAdapter {
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const timeoutMs = options.timeoutMs ?? 15_000
  const deps: HttpDeps = {
    fetch: options.fetch ?? guardedClient(),
    budget: options.rateBudget ?? memoryRateBudget(now),
    now,
    sleep,
  }
  const timing: MediaTiming = {
    uploadTimeoutMs: options.media?.uploadTimeoutMs ?? 120_000,
    timeoutMs,
    pollIntervalMs: options.media?.pollIntervalMs ?? 1_000,
    pollMaxWaitMs: options.media?.pollMaxWaitMs ?? 60_000,
    sleep,
  }
  // Per publication, in memory: when it was first tried (lookup ignores older posts with
  // the same text) and which media it uploaded (a retry within the hour reuses them
  // rather than spending the 30-uploads-per-30-minutes budget again).
  const attempts = new Map<string, Attempt>()

  async function mediaIds(
    credentials: MastodonCredentials,
    images: OutgoingImage[],
    attempt: Attempt,
  ): Promise<string[]> {
    if (images.length === 0) return []
    const fingerprint = fingerprintImages(images)
    const earlier = attempt.media
    if (earlier && earlier.fingerprint === fingerprint && now() - earlier.at < HOUR) {
      return earlier.ids
    }
    const ids: string[] = []
    // One at a time and in order: the post shows the images in media_ids order.
    for (const [i, image] of images.entries()) {
      ids.push(await uploadImage(deps, credentials, image, i + 1, timing))
    }
    attempt.media = { fingerprint, ids, at: now() }
    return ids
  }

  async function tooLongForInstance(credentials: MastodonCredentials, text: string) {
    try {
      return !countText(text, limitsFromInstance(await fetchInstance(deps, credentials, timeoutMs)))
        .fits
    } catch {
      return false
    }
  }

  async function deleteStatus(credentials: MastodonCredentials, remoteId: string) {
    const path = `/api/v1/statuses/${encodeURIComponent(remoteId)}`
    try {
      await send(deps, credentials.instanceUrl, {
        method: 'DELETE',
        path,
        // Mastodon 4.4+ then removes the images at once instead of keeping them a day
        // for "delete and redraft"; older versions ignore the parameter.
        query: { delete_media: 'true' },
        token: credentials.accessToken,
        ctx: { effect: 'write', what: `DELETE ${path}` },
        timeoutMs,
        budget: { account: budgetKey(credentials), buckets: ['api', 'deletion'] },
      })
    } catch (error) {
      // 404: already deleted (or never this account's), which is what was asked for.
      if (error instanceof ChannelError && error.code === 'not_found') return
      throw error
    }
  }

  /**
   * A status made without all of its images is never a publication: it is
   * deleted again and the publication fails, for a person to decide (publish
   * without images, or ask the server's administrator). It is not retried on
   * its own: a server that drops images does so every time, and each retry
   * would show followers a post and its deletion. If the delete fails, the
   * outcome is unknown, so the next attempt comes back to the same status.
   */
  async function withdrawIncomplete(
    credentials: MastodonCredentials,
    status: MastodonStatus,
    sent: number,
  ): Promise<ChannelError> {
    const what = `Mastodon made the post with ${status.media_attachments.length} of its ${sent} images`
    try {
      await deleteStatus(credentials, status.id)
    } catch (error) {
      return new ChannelError(
        'unknown',
        'media_dropped',
        `${what}, and removing it again failed: ${status.url ?? status.uri}`,
        undefined,
        { cause: error },
      )
    }
    return new ChannelError('permanent', 'media_dropped', `${what}; Torget removed it again`)
  }

  return {
    network: 'mastodon',
    idempotencyWindowMs: IDEMPOTENCY_WINDOW_MS,

    async connect(input) {
      const parsed = connectInputSchema.safeParse(input)
      if (!parsed.success) {
        throw new ChannelError(
          'permanent',
          'auth_failed',
          'Connecting Mastodon takes an instance address and either an access token or an authorization code',
        )
      }
      const instanceUrl = normalizeInstanceUrl(parsed.data.instanceUrl)
      try {
        const accessToken =
          'accessToken' in parsed.data
            ? parsed.data.accessToken
            : (
                await exchangeCode(
                  { ...parsed.data, instanceUrl },
                  { fetch: deps.fetch, timeoutMs },
                )
              ).accessToken
        const pending = pendingCredentials(instanceUrl, accessToken)
        const { account, limits } = await readAccount(deps, pending, timeoutMs)
        return {
          account,
          credentials: { instanceUrl, accessToken, accountId: account.remoteId },
          limits,
        }
      } catch (error) {
        throw forConnect(error, instanceUrl)
      }
    },

    async verify(stored) {
      const credentials = parseCredentials(stored)
      const result = await readAccount(deps, credentials, timeoutMs)
      if (result.account.remoteId !== credentials.accountId) {
        throw new ChannelError(
          'permanent',
          'auth_revoked',
          'The token now belongs to a different Mastodon account: reconnect the channel',
        )
      }
      return result
    },

    async publish(stored, post) {
      const credentials = parseCredentials(stored)
      const attempt = rememberAttempt(
        attempts,
        `${budgetKey(credentials)} ${post.publicationId}`,
        now(),
      )
      const ids = await mediaIds(credentials, post.images, attempt)
      // JSON, as documented: servers differ in how they read form arrays (`media_ids[]`),
      // and one that ignores the field posts without the images. Visibility explicit:
      // public for a post (the account's default may be narrower), for an answer never
      // wider than what it answers.
      const json: Record<string, unknown> = { ...replyFields(post.text, post.replyTo) }
      if (ids.length > 0) json.media_ids = ids
      const language = iso6391(post.language)
      if (language) json.language = language
      const ctx: RequestContext = { effect: 'create-status', what: 'POST /api/v1/statuses' }
      let status: MastodonStatus
      try {
        const response = await send(deps, credentials.instanceUrl, {
          method: 'POST',
          path: '/api/v1/statuses',
          json,
          token: credentials.accessToken,
          headers: { 'Idempotency-Key': idempotencyKey(post.publicationId) },
          ctx,
          timeoutMs,
          budget: { account: budgetKey(credentials), buckets: ['api'] },
        })
        status = read(statusSchema, response, ctx)
      } catch (error) {
        if (
          error instanceof ChannelError &&
          error.code === 'invalid_post' &&
          (await tooLongForInstance(credentials, post.text))
        ) {
          throw new ChannelError('permanent', 'text_too_long', error.message, undefined, {
            cause: error,
          })
        }
        throw error
      }
      if (!attachmentsMatch(status.media_attachments, ids, post.images)) {
        attempt.media = undefined
        throw await withdrawIncomplete(credentials, status, post.images.length)
      }
      return published(status, credentials.instanceUrl)
    },

    async lookup(stored, query) {
      const credentials = parseCredentials(stored)
      const path = `/api/v1/accounts/${encodeURIComponent(credentials.accountId)}/statuses`
      const ctx: RequestContext = { effect: 'read', what: `GET ${path}`, notFound: 'account_gone' }
      const response = await send(deps, credentials.instanceUrl, {
        method: 'GET',
        path,
        // 40 is the documented maximum.
        query: { limit: '40', exclude_reblogs: 'true' },
        token: credentials.accessToken,
        ctx,
        timeoutMs,
        budget: { account: budgetKey(credentials), buckets: ['api'] },
      })
      const remembered = attempts.get(`${budgetKey(credentials)} ${query.publicationId}`)
      const candidates = read(statusListSchema, response, ctx).filter(
        (status) => !status.reblog && !query.taken?.has(status.id),
      )
      // An attachment belongs to one status only: the media this process uploaded for the
      // publication name its status, whatever the server made of the text.
      const uploaded = remembered?.media?.ids ?? []
      const byMedia =
        uploaded.length > 0 &&
        candidates.find(
          (status) =>
            status.media_attachments.length === uploaded.length &&
            status.media_attachments.every((a, i) => a.id === uploaded[i]),
        )
      if (byMedia) return published(byMedia, credentials.instanceUrl)
      // The caller knows the earliest moment the post can have been made, across restarts.
      const since = remembered?.startedAt ?? query.notBefore?.getTime()
      const hit = candidates.find(
        (status) =>
          (since === undefined || Date.parse(status.created_at) >= since - CLOCK_SKEW_MS) &&
          attachmentsMatch(status.media_attachments, [], query.images) &&
          showsText(status, query.text),
      )
      return hit ? published(hit, credentials.instanceUrl) : undefined
    },

    async delete(stored, post) {
      await deleteStatus(parseCredentials(stored), post.remoteId)
    },

    interactions: createInteractions(deps, timeoutMs),
    metrics: createMetrics(deps, timeoutMs),
  }
}

/**
 * Whether a status shows the text sent: as it is, or, for an answer, after the
 * mention of the author that publish put in front of it (see replyFields).
 */
function showsText(status: MastodonStatus, text: string): boolean {
  if (contentMatches(status.content, text)) return true
  if (!status.in_reply_to_id) return false
  return (status.mentions ?? []).some((m) => contentMatches(status.content, `@${m.acct} ${text}`))
}

function rememberAttempt(attempts: Map<string, Attempt>, key: string, at: number): Attempt {
  for (const [k, a] of attempts) if (at - a.startedAt > 24 * HOUR) attempts.delete(k)
  const attempt = attempts.get(key) ?? { startedAt: at }
  attempts.set(key, attempt)
  return attempt
}

/**
 * Whether a status carries the images sent, in order: as many, each either the
 * attachment uploaded (same id) or one with the same alt text. The second is how
 * a status an earlier attempt made shows, when a repeated Idempotency-Key
 * answers with it after this process uploaded the images anew.
 */
function attachmentsMatch(
  attached: MastodonStatus['media_attachments'],
  uploadedIds: readonly string[],
  images: readonly Pick<OutgoingImage, 'alt'>[],
): boolean {
  return (
    attached.length === images.length &&
    attached.every(
      (a, i) =>
        a.id === uploadedIds[i] ||
        normalizeDescription(a.description) === normalizeDescription(images[i]?.alt),
    )
  )
}

function published(status: MastodonStatus, instanceUrl: string) {
  return { remoteId: status.id, url: statusUrl(status, instanceUrl) }
}

/** Mastodon takes ISO 639-1 ("sv"), not a full BCP 47 tag ("sv-SE"). */
function iso6391(language: string | undefined): string | undefined {
  const primary = language?.split(/[-_]/)[0]?.toLowerCase()
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined
}

function fingerprintImages(images: OutgoingImage[]): string {
  const hash = createHash('sha256')
  for (const image of images) hash.update(image.data).update(`\0${image.mimeType}\0${image.alt}\0`)
  return hash.digest('hex')
}
