import { DomainError } from '../../core/errors.js'
import { networkLimitsSchema } from '../../core/composer/limits.js'
import { ChannelError, type OutgoingImage } from '../adapters/channels/channel-adapter.js'
import type { Logger } from '../logger.js'
import { fitToBytes } from '../media/images.js'
import type { Store } from '../repos/index.js'
import type { SecretBox } from '../security/secret-box.js'
import { type Adapters, channelCredentials } from './channel-service.js'
import type { EmailOutbox } from './emails.js'
import { refreshPostState } from './post-state.js'

/** The queue seen from the publishing rules: one job per publication and due time. */
export interface PublicationQueue {
  publishAt(libraryId: string, publicationId: string, runAt: Date, key: string): Promise<void>
  cancelPublish(key: string): Promise<void>
  withdraw(libraryId: string, publicationId: string): Promise<void>
}

export interface PublicationScheduler {
  schedule(
    libraryId: string,
    publicationId: string,
    dueAt: string,
    previousDueAt?: string,
  ): Promise<void>
  cancel(publicationId: string, dueAt: string): Promise<void>
  withdraw(libraryId: string, publicationId: string): Promise<void>
}

/** By default, a publication whose attempt began this long ago without an outcome lost its worker. */
export const IN_FLIGHT_LEASE_MS = 90_000
/** Transient failures are retried for this long after the due time; then a person is told. */
const RETRY_BUDGET_MS = 6 * 60 * 60 * 1000

const publishKey = (publicationId: string, dueAt: string) => `publish:${publicationId}:${dueAt}`

export function publicationScheduler(queue: PublicationQueue): PublicationScheduler {
  return {
    async schedule(libraryId, publicationId, dueAt, previousDueAt) {
      if (previousDueAt && previousDueAt !== dueAt)
        await queue.cancelPublish(publishKey(publicationId, previousDueAt))
      await queue.publishAt(
        libraryId,
        publicationId,
        new Date(dueAt),
        publishKey(publicationId, dueAt),
      )
    },
    cancel: (publicationId, dueAt) => queue.cancelPublish(publishKey(publicationId, dueAt)),
    withdraw: (libraryId, publicationId) => queue.withdraw(libraryId, publicationId),
  }
}

export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  baseMs = 30_000,
): number {
  const backoff = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 30 * 60_000)
  const jittered = backoff / 2 + Math.random() * (backoff / 2)
  return Math.max(jittered, retryAfterMs ?? 0)
}

export interface PublishingDeps {
  store: Store
  adapters: Adapters
  box: SecretBox
  queue: PublicationQueue
  emails: EmailOutbox
  publicUrl: string
  logger: Logger
  /** First retry delay; doubles per attempt (tests shorten it). */
  retryBaseMs?: number
  /** Shorter than the job's timeout, so the re-run job finds the attempt stale. */
  inFlightLeaseMs?: number
}

/**
 * Carries out one publication, exactly once. The claim is atomic; an attempt
 * whose outcome is unknown (a crash, a timeout) asks the network before it
 * publishes again; adapters publish idempotently (Bluesky: record key from
 * the publication id; Mastodon: Idempotency-Key), so even a lost answer
 * cannot make a second post.
 */
export function publishingService(deps: PublishingDeps) {
  const { store, adapters, queue, logger } = deps
  const credentials = channelCredentials(deps.box)
  const leaseMs = deps.inFlightLeaseMs ?? IN_FLIGHT_LEASE_MS

  async function notifyFailure(
    libraryId: string,
    postId: string,
    publicationId: string,
    code: string,
  ) {
    const post = await store.repos.posts.findContent(libraryId, postId)
    const author = post && (await store.repos.users.findById(post.author_id))
    if (!post || !author) return
    const sv = author.locale !== 'en'
    const url = `${deps.publicUrl}/bibliotek/${libraryId}/inlagg/${postId}`
    await deps.emails(
      {
        to: author.email,
        subject: sv ? 'Ett inlägg kunde inte publiceras' : 'A post could not be published',
        text: sv
          ? `Hej!\n\nTorget kunde inte publicera ditt inlägg i en av kanalerna (${code}). Se vad som hände och vad du kan göra:\n${url}\n`
          : `Hello,\n\nTorget could not publish your post on one of the channels (${code}). See what happened and what to do:\n${url}\n`,
      },
      `publication-failed:${publicationId}`,
    )
  }

  async function finish(libraryId: string, postId: string) {
    await refreshPostState(store.repos, libraryId, postId)
  }

  return {
    async publish(libraryId: string, publicationId: string): Promise<void> {
      const now = new Date()
      const claimed = await store.repos.publications.claim(
        libraryId,
        publicationId,
        now.toISOString(),
        new Date(now.getTime() - leaseMs).toISOString(),
      )
      if (!claimed) {
        // Not ours to do (cancelled, rescheduled, done) — unless another attempt holds it: look again
        // once its lease has run out, so that a worker lost mid-attempt never leaves it stuck.
        const current = await store.repos.publications.find(libraryId, publicationId)
        if (current?.state === 'in_flight' && current.attempt_started_at) {
          const recheck = new Date(Date.parse(current.attempt_started_at) + leaseMs + 1000)
          await queue.publishAt(
            libraryId,
            publicationId,
            recheck,
            `publish:${publicationId}:recheck:${current.attempts}`,
          )
        }
        return
      }
      const attempt = claimed.attempts
      const settle = (patch: Parameters<typeof store.repos.publications.settle>[3]) =>
        store.repos.publications.settle(
          libraryId,
          publicationId,
          attempt,
          patch,
          new Date().toISOString(),
        )
      const channel = await store.repos.channels.find(libraryId, claimed.channel_id)
      const post = await store.repos.posts.findContent(libraryId, claimed.post_id)
      const adapter = channel && adapters[channel.network as keyof Adapters]
      if (!channel || channel.deleted_at || !post || !adapter) {
        await settle({
          state: 'failed',
          error_kind: 'permanent',
          error_code: 'channel_removed',
          error_message: null,
        })
        await finish(libraryId, claimed.post_id)
        return
      }
      const creds = credentials.open(channel)
      const text = (JSON.parse(post.variants) as Record<string, string>)[channel.id] ?? post.text
      try {
        // An earlier attempt may have reached the network: ask before publishing again.
        if (attempt > 1) {
          const notBefore = new Date(Date.parse(post.scheduled_at ?? claimed.due_at) - 60_000)
          const found = await adapter.lookup(creds, { publicationId, text, notBefore })
          if (found) {
            await settle({
              state: 'published',
              remote_id: found.remoteId,
              remote_url: found.url,
              published_at: new Date().toISOString(),
              error_kind: null,
              error_code: null,
              error_message: null,
            })
            await finish(libraryId, claimed.post_id)
            return
          }
        }
        const limits = networkLimitsSchema.parse(JSON.parse(channel.limits))
        const images: OutgoingImage[] = []
        for (const row of await store.repos.posts.imageData(libraryId, post.id)) {
          const fitted = await fitToBytes(
            {
              data: Buffer.from(row.data),
              mimeType: row.mime_type as OutgoingImage['mimeType'],
              width: row.width,
              height: row.height,
            },
            limits.maxImageBytes,
          )
          images.push({
            data: fitted.data,
            mimeType: fitted.mimeType,
            width: fitted.width,
            height: fitted.height,
            alt: row.alt,
          })
        }
        const published = await adapter.publish(creds, {
          publicationId,
          text,
          images,
          language: 'sv',
        })
        await settle({
          state: 'published',
          remote_id: published.remoteId,
          remote_url: published.url,
          published_at: new Date().toISOString(),
          error_kind: null,
          error_code: null,
          error_message: null,
        })
        await finish(libraryId, claimed.post_id)
      } catch (error) {
        const failure =
          error instanceof ChannelError
            ? error
            : error instanceof DomainError
              ? new ChannelError('permanent', 'media_rejected', error.message)
              : new ChannelError('unknown', 'bad_response', String(error))
        logger.warn(
          { publicationId, kind: failure.kind, code: failure.code, attempt },
          'publication attempt failed',
        )
        const overBudget = Date.now() - Date.parse(claimed.due_at) > RETRY_BUDGET_MS
        if (failure.kind === 'permanent' || overBudget) {
          await settle({
            state: 'failed',
            error_kind: 'permanent',
            error_code: overBudget && failure.kind !== 'permanent' ? 'gave_up' : failure.code,
            error_message: failure.message.slice(0, 500),
          })
          if (failure.code === 'auth_revoked' || failure.code === 'account_gone') {
            await store.repos.channels.update(libraryId, channel.id, {
              health: 'needs_reconnect',
              health_code: failure.code,
              checked_at: new Date().toISOString(),
            })
          }
          await finish(libraryId, claimed.post_id)
          await notifyFailure(libraryId, claimed.post_id, publicationId, failure.code)
          return
        }
        const retryAt = new Date(
          Date.now() + retryDelayMs(attempt, failure.retryAfterMs, deps.retryBaseMs),
        )
        // Unknown outcomes come back as 'unknown', so the next attempt looks before it publishes.
        const settled = await settle({
          state: failure.kind === 'unknown' ? 'unknown' : 'pending',
          due_at: retryAt.toISOString(),
          error_kind: failure.kind,
          error_code: failure.code,
          error_message: failure.message.slice(0, 500),
        })
        if (settled)
          await queue.publishAt(
            libraryId,
            publicationId,
            retryAt,
            `publish:${publicationId}:retry:${attempt}`,
          )
      }
    },

    /** Removes a published post from its network; already gone counts as done. */
    async withdraw(libraryId: string, publicationId: string): Promise<void> {
      const publication = await store.repos.publications.find(libraryId, publicationId)
      if (!publication || publication.state !== 'deleting' || !publication.remote_id) return
      const channel = await store.repos.channels.find(libraryId, publication.channel_id)
      const adapter = channel && adapters[channel.network as keyof Adapters]
      if (!channel || !adapter) return
      await adapter.delete(credentials.open(channel), {
        remoteId: publication.remote_id,
        url: publication.remote_url ?? '',
      })
      await store.repos.publications.setState(
        libraryId,
        publicationId,
        ['deleting'],
        { state: 'deleted' },
        new Date().toISOString(),
      )
    },
  }
}
export type PublishingService = ReturnType<typeof publishingService>
