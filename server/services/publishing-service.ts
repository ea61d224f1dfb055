import { DomainError } from '../../core/errors.js'
import { type NetworkLimits, networkLimitsSchema } from '../../core/composer/limits.js'
import {
  type ChannelAdapter,
  type ChannelCredentials,
  ChannelError,
  type OutgoingImage,
} from '../adapters/channels/channel-adapter.js'
import type { Logger } from '../logger.js'
import { fitToBytes } from '../media/images.js'
import type { Store } from '../repos/index.js'
import type { PublicationRow } from '../repos/publications-repo.js'
import type { SecretBox } from '../security/secret-box.js'
import { type Adapters, channelCredentials } from './channel-service.js'
import type { EmailOutbox } from './emails.js'
import { refreshPostStates } from './post-state.js'

/**
 * What the publishing rules need from the worker side: publications due are
 * found in their own table, so scheduling only nudges the dispatcher; taking a
 * post off the networks is a job.
 */
export interface PublicationScheduler {
  /** Publications were scheduled: the worker looks again now rather than at its next poll. */
  nudge(): void
  withdraw(libraryId: string, publicationId: string): Promise<void>
}

/** A publication in flight since longer than this lost its worker and is taken again (asking the network first). */
export const IN_FLIGHT_LEASE_MS = 120_000
/** Transient failures are retried for this long after the due time; then a person is told. */
const RETRY_BUDGET_MS = 6 * 60 * 60 * 1000

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
  scheduler: Pick<PublicationScheduler, 'withdraw'>
  emails: EmailOutbox
  publicUrl: string
  logger: Logger
  /** First retry delay; doubles per attempt (tests shorten it). */
  retryBaseMs?: number
  /** Longer than an attempt may take, so a live attempt is never taken over. */
  inFlightLeaseMs?: number
}

export type ClaimedPublication = PublicationRow

/** One claimed publication, ready to go out: what the network needs, decrypted and chosen. */
export interface PreparedAttempt {
  claimed: ClaimedPublication
  network: string
  adapter: ChannelAdapter
  credentials: ChannelCredentials
  limits: NetworkLimits
  text: string
  scheduledAt: string | null
  hasImages: boolean
}

/** What became of one attempt; `record` writes it. */
export type AttemptOutcome =
  | { kind: 'published'; remoteId: string; url: string }
  | { kind: 'failed'; code: string; message: string | null }
  | {
      kind: 'retry'
      /** 'unknown' when the network may have taken it: the next attempt asks first. */
      state: 'pending' | 'unknown'
      dueAt: string
      errorKind: string
      code: string
      message: string
    }

export interface AttemptResult {
  claimed: ClaimedPublication
  outcome: AttemptOutcome
}

/**
 * Carries out publications, exactly once, in batches: `claimDue` takes due
 * publications atomically, `prepare` loads what they need a library at a
 * time, `attempt` talks to the network, and `record` writes many outcomes in
 * one transaction. An attempt whose outcome is unknown (a crash, a timeout)
 * asks the network before it publishes again; adapters publish idempotently
 * (Bluesky: record key from the publication id; Mastodon: Idempotency-Key),
 * so even a lost answer cannot make a second post.
 */
export function publishingService(deps: PublishingDeps) {
  const { store, adapters, logger } = deps
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

  function outcomeOf(error: unknown, claimed: ClaimedPublication): AttemptOutcome {
    const failure =
      error instanceof ChannelError
        ? error
        : error instanceof DomainError
          ? new ChannelError('permanent', 'media_rejected', error.message)
          : new ChannelError('unknown', 'bad_response', String(error))
    logger.warn(
      {
        publicationId: claimed.id,
        kind: failure.kind,
        code: failure.code,
        attempt: claimed.attempts,
      },
      'publication attempt failed',
    )
    const overBudget = Date.now() - Date.parse(claimed.due_at) > RETRY_BUDGET_MS
    if (failure.kind === 'permanent' || overBudget)
      return {
        kind: 'failed',
        code: overBudget && failure.kind !== 'permanent' ? 'gave_up' : failure.code,
        message: failure.message.slice(0, 500),
      }
    const retryAt =
      Date.now() + retryDelayMs(claimed.attempts, failure.retryAfterMs, deps.retryBaseMs)
    return {
      kind: 'retry',
      state: failure.kind === 'unknown' ? 'unknown' : 'pending',
      dueAt: new Date(retryAt).toISOString(),
      errorKind: failure.kind,
      code: failure.code,
      message: failure.message.slice(0, 500),
    }
  }

  async function outgoingImages(attempt: PreparedAttempt): Promise<OutgoingImage[]> {
    if (!attempt.hasImages) return []
    const images: OutgoingImage[] = []
    const rows = await store.repos.posts.imageData(
      attempt.claimed.library_id,
      attempt.claimed.post_id,
    )
    for (const row of rows) {
      const fitted = await fitToBytes(
        {
          data: Buffer.from(row.data),
          mimeType: row.mime_type as OutgoingImage['mimeType'],
          width: row.width,
          height: row.height,
        },
        attempt.limits.maxImageBytes,
      )
      images.push({ ...fitted, alt: row.alt })
    }
    return images
  }

  return {
    /** Takes up to `limit` due publications, each for one attempt. */
    claimDue(limit: number): Promise<ClaimedPublication[]> {
      const now = Date.now()
      return store.repos.publications.claimDue(
        new Date(now).toISOString(),
        new Date(now - leaseMs).toISOString(),
        limit,
      )
    },

    /** When the next waiting publication is due, so an idle worker can sleep until then. */
    nextDueAt: () => store.repos.publications.nextDueAt(),

    /**
     * Loads channels, texts and credentials for a batch, a few queries per
     * library. Publications whose channel or post is gone come back as
     * results already decided.
     */
    async prepare(
      batch: ClaimedPublication[],
    ): Promise<{ ready: PreparedAttempt[]; decided: AttemptResult[] }> {
      const ready: PreparedAttempt[] = []
      const decided: AttemptResult[] = []
      const byLibrary = Map.groupBy(batch, (c) => c.library_id)
      for (const [libraryId, claimed] of byLibrary) {
        const postIds = [...new Set(claimed.map((c) => c.post_id))]
        const [channels, posts, withImages] = await Promise.all([
          store.repos.channels.findMany(libraryId, [...new Set(claimed.map((c) => c.channel_id))]),
          store.repos.posts.findContents(libraryId, postIds),
          store.repos.posts.withImages(libraryId, postIds),
        ])
        const channelById = new Map(channels.map((c) => [c.id, c]))
        const postById = new Map(posts.map((p) => [p.id, p]))
        // A batch often holds many posts for one channel: decrypt and parse it once.
        const opened = new Map<string, { creds: ChannelCredentials; limits: NetworkLimits }>()
        for (const c of claimed) {
          const channel = channelById.get(c.channel_id)
          const post = postById.get(c.post_id)
          const adapter = channel && adapters[channel.network as keyof Adapters]
          if (!channel || channel.deleted_at || !post || !adapter) {
            decided.push({
              claimed: c,
              outcome: { kind: 'failed', code: 'channel_removed', message: null },
            })
            continue
          }
          try {
            let open = opened.get(channel.id)
            if (!open) {
              open = {
                creds: credentials.open(channel),
                limits: networkLimitsSchema.parse(JSON.parse(channel.limits)),
              }
              opened.set(channel.id, open)
            }
            ready.push({
              claimed: c,
              network: channel.network,
              adapter,
              credentials: open.creds,
              limits: open.limits,
              text: (JSON.parse(post.variants) as Record<string, string>)[channel.id] ?? post.text,
              scheduledAt: post.scheduled_at,
              hasImages: withImages.has(post.id),
            })
          } catch (error) {
            decided.push({ claimed: c, outcome: outcomeOf(error, c) })
          }
        }
      }
      return { ready, decided }
    },

    /** Talks to the network; never throws. */
    async attempt(attempt: PreparedAttempt): Promise<AttemptOutcome> {
      const { claimed, adapter, credentials: creds, text } = attempt
      const publicationId = claimed.id
      try {
        // An earlier attempt may have reached the network: ask before publishing again.
        if (claimed.attempts > 1) {
          const notBefore = new Date(Date.parse(attempt.scheduledAt ?? claimed.due_at) - 60_000)
          const found = await adapter.lookup(creds, { publicationId, text, notBefore })
          if (found) return { kind: 'published', remoteId: found.remoteId, url: found.url }
        }
        const images = await outgoingImages(attempt)
        const published = await adapter.publish(creds, {
          publicationId,
          text,
          images,
          language: 'sv',
        })
        return { kind: 'published', remoteId: published.remoteId, url: published.url }
      } catch (error) {
        return outcomeOf(error, claimed)
      }
    },

    /** What an attempt that ran out of time comes to: unknown, so the next one asks first. */
    timedOut(claimed: ClaimedPublication): AttemptOutcome {
      return outcomeOf(
        new ChannelError('unknown', 'timeout', 'the attempt took too long; outcome unknown'),
        claimed,
      )
    },

    /**
     * Writes many outcomes in one transaction: each only if its attempt still
     * owns the publication; channels whose access is gone are marked; the
     * posts' states follow. The authors of failed posts are told afterwards.
     */
    async record(results: AttemptResult[]): Promise<void> {
      if (results.length === 0) return
      const now = new Date().toISOString()
      const failed = await store.transaction(async (repos) => {
        const told: AttemptResult[] = []
        for (const { claimed, outcome } of results) {
          const patch =
            outcome.kind === 'published'
              ? {
                  state: 'published',
                  remote_id: outcome.remoteId,
                  remote_url: outcome.url,
                  published_at: now,
                  error_kind: null,
                  error_code: null,
                  error_message: null,
                }
              : outcome.kind === 'failed'
                ? {
                    state: 'failed',
                    error_kind: 'permanent',
                    error_code: outcome.code,
                    error_message: outcome.message,
                  }
                : {
                    state: outcome.state,
                    due_at: outcome.dueAt,
                    error_kind: outcome.errorKind,
                    error_code: outcome.code,
                    error_message: outcome.message,
                  }
          const settled = await repos.publications.settle(
            claimed.library_id,
            claimed.id,
            claimed.attempts,
            patch,
            now,
          )
          if (!settled || outcome.kind !== 'failed') continue
          told.push({ claimed, outcome })
          if (outcome.code === 'auth_revoked' || outcome.code === 'account_gone')
            await repos.channels.update(claimed.library_id, claimed.channel_id, {
              health: 'needs_reconnect',
              health_code: outcome.code,
              checked_at: now,
            })
        }
        const posts = Map.groupBy(
          results.filter((r) => r.outcome.kind !== 'retry'),
          (r) => r.claimed.library_id,
        )
        for (const [libraryId, rows] of posts)
          await refreshPostStates(repos, libraryId, [
            ...new Set(rows.map((r) => r.claimed.post_id)),
          ])
        return told
      })
      for (const { claimed, outcome } of failed)
        await notifyFailure(
          claimed.library_id,
          claimed.post_id,
          claimed.id,
          outcome.kind === 'failed' ? outcome.code : '',
        ).catch((error: unknown) =>
          logger.warn({ err: error, publicationId: claimed.id }, 'could not queue failure email'),
        )
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
