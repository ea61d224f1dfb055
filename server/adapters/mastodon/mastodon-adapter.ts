import { createHash } from 'node:crypto'
import { countText } from '../../../core/composer/count.js'
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
  type MastodonCredentials,
  type MastodonStatus,
} from './api.js'
import type { RequestContext } from './errors.js'
import { read, send, type HttpDeps } from './http.js'
import { fetchInstance, limitsFromInstance } from './instance-limits.js'
import { normalizeInstanceUrl } from './instance-url.js'
import { uploadImage, type MediaTiming } from './media.js'
import { exchangeCode } from './oauth.js'
import { RateBudget, budgetKey } from './rate-budget.js'
import { contentMatches } from './status-text.js'

export { authorizeUrl, exchangeCode, MASTODON_SCOPES, registerApp } from './oauth.js'

export interface MastodonAdapterOptions {
  fetch?: typeof fetch
  /** Per request; 15 s by default. */
  timeoutMs?: number
  media?: Partial<Omit<MediaTiming, 'sleep' | 'timeoutMs'>>
  rateBudget?: RateBudget
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
    fetch: options.fetch ?? fetch,
    budget: options.rateBudget ?? new RateBudget({ now, sleep }),
    now,
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

  return {
    network: 'mastodon',

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
      // Explicitly public: the account's default visibility may be narrower.
      const body = new URLSearchParams({ status: post.text, visibility: 'public' })
      for (const id of ids) body.append('media_ids[]', id)
      const language = iso6391(post.language)
      if (language) body.set('language', language)
      const ctx: RequestContext = { effect: 'create-status', what: 'POST /api/v1/statuses' }
      try {
        const response = await send(deps, credentials.instanceUrl, {
          method: 'POST',
          path: '/api/v1/statuses',
          body,
          token: credentials.accessToken,
          headers: { 'Idempotency-Key': idempotencyKey(post.publicationId) },
          ctx,
          timeoutMs,
          budget: { account: budgetKey(credentials), buckets: ['api'] },
        })
        return published(read(statusSchema, response, ctx))
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
    },

    async lookup(stored, post) {
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
      // The caller knows the earliest moment the post can have been made, across restarts.
      const since =
        attempts.get(`${budgetKey(credentials)} ${post.publicationId}`)?.startedAt ??
        post.notBefore?.getTime()
      const hit = read(statusListSchema, response, ctx).find(
        (status) =>
          !status.reblog &&
          (since === undefined || Date.parse(status.created_at) >= since - CLOCK_SKEW_MS) &&
          contentMatches(status.content, post.text),
      )
      return hit ? published(hit) : undefined
    },

    async delete(stored, post) {
      const credentials = parseCredentials(stored)
      const path = `/api/v1/statuses/${encodeURIComponent(post.remoteId)}`
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
    },
  }
}

function rememberAttempt(attempts: Map<string, Attempt>, key: string, at: number): Attempt {
  for (const [k, a] of attempts) if (at - a.startedAt > 24 * HOUR) attempts.delete(k)
  const attempt = attempts.get(key) ?? { startedAt: at }
  attempts.set(key, attempt)
  return attempt
}

function published(status: MastodonStatus) {
  return { remoteId: status.id, url: status.url ?? status.uri }
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
