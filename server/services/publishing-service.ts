import { DomainError } from '../../core/errors.js'
import { type NetworkLimits, networkLimitsSchema } from '../../core/composer/limits.js'
import {
  type ChannelAdapter,
  type ChannelCredentials,
  ChannelError,
  type OutgoingImage,
} from '../adapters/channels/channel-adapter.js'
import type { ReplyTarget } from '../adapters/channels/interactions.js'
import { type Clock, systemClock } from '../clock.js'
import { archivePublications } from './archive/capture-service.js'
import { startPostSampling } from './metrics/collection-service.js'
import type { Logger } from '../logger.js'
import { fitToBytes } from '../media/images.js'
import type { Repos, Store } from '../repos/index.js'
import type { PublicationRow } from '../repos/publications-repo.js'
import type { SecretBox } from '../security/secret-box.js'
import { type Adapters, channelCredentials } from './channel-service.js'
import type { EmailOutbox } from './emails.js'
import { recordActivity } from './inbox/inbox-service.js'
import { refreshPostStates } from './post-state.js'
import { BRING_FORWARD_LIMIT, RETRY_BUDGET_MS, retryDelayMs } from './publication-retry.js'

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

export interface PublishingDeps {
  store: Store
  adapters: Adapters
  box: SecretBox
  scheduler: Pick<PublicationScheduler, 'withdraw'>
  emails: EmailOutbox
  publicUrl: string
  logger: Logger
  clock?: Clock
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
  /** The post's language (BCP 47), sent to the network. */
  language: string
  scheduledAt: string | null
  hasImages: boolean
  /** Set on an answer from the inbox: where on the network it is threaded. */
  replyTo?: ReplyTarget
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
      /** When this run of failures began. */
      retryingSince: string
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
// Access the network no longer gives: a person must reconnect the channel.
const RECONNECT_CODES = new Set(['auth_revoked', 'account_gone', 'permission_missing'])

export function publishingService(deps: PublishingDeps) {
  const { store, adapters, logger } = deps
  const credentials = channelCredentials(deps.box)
  const leaseMs = deps.inFlightLeaseMs ?? IN_FLIGHT_LEASE_MS
  const clock = deps.clock ?? systemClock
  // Channels whose publications failed in this process since their backlog was last brought
  // forward. Only a success on one of these, or of a publication that had itself failed (as after
  // a restart during an outage), looks for a backlog: a healthy channel's successes cost nothing.
  const troubled = new Set<string>()

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
    const now = clock.now().getTime()
    // A publication scheduled anew (error cleared) starts a new run of failures.
    const since =
      claimed.error_kind && claimed.retrying_since ? Date.parse(claimed.retrying_since) : now
    const overBudget = now - since > RETRY_BUDGET_MS
    if (failure.kind === 'permanent' || overBudget)
      return {
        kind: 'failed',
        code: overBudget && failure.kind !== 'permanent' ? 'gave_up' : failure.code,
        message: failure.message.slice(0, 500),
      }
    const delay = retryDelayMs({
      attempt: claimed.attempts,
      failingForMs: now - since,
      retryAfterMs: failure.retryAfterMs,
      baseMs: deps.retryBaseMs,
    })
    return {
      kind: 'retry',
      state: failure.kind === 'unknown' ? 'unknown' : 'pending',
      dueAt: new Date(now + delay).toISOString(),
      retryingSince: new Date(since).toISOString(),
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

  /**
   * Whether the network itself answers a repeated publish with the post the
   * first attempt made (Mastodon's Idempotency-Key, within its window): then
   * publishing again is exact, and a look-up by text would only be a guess.
   */
  function repeatable(attempt: PreparedAttempt): boolean {
    const window = attempt.adapter.idempotencyWindowMs
    const first = attempt.claimed.first_attempt_at
    return (
      window !== undefined && first !== null && clock.now().getTime() - Date.parse(first) < window
    )
  }

  /**
   * Asks the network whether an earlier attempt made the post. What it
   * answers is taken only if no other publication of the channel holds it:
   * two posts with the same text are two publications, and claiming the
   * other's would record it twice (and withdrawing one would delete both).
   */
  async function lookUp(attempt: PreparedAttempt) {
    const { claimed } = attempt
    const { publications, posts } = store.repos
    const notBefore = new Date(Date.parse(attempt.scheduledAt ?? claimed.due_at) - 60_000)
    const [taken, images] = await Promise.all([
      publications.remoteIdsOnChannel(
        claimed.library_id,
        claimed.channel_id,
        claimed.id,
        new Date(notBefore.getTime() - 24 * 3_600_000).toISOString(),
      ),
      attempt.hasImages ? posts.images(claimed.library_id, [claimed.post_id]) : [],
    ])
    const found = await attempt.adapter.lookup(attempt.credentials, {
      publicationId: claimed.id,
      text: attempt.text,
      images: images.map((image) => ({ alt: image.alt })),
      notBefore,
      taken,
      ...(attempt.replyTo && { replyTo: attempt.replyTo }),
    })
    if (
      found &&
      (await publications.remoteIdTaken(
        claimed.library_id,
        claimed.channel_id,
        found.remoteId,
        claimed.id,
      ))
    )
      throw new ChannelError(
        'unknown',
        'remote_id_taken',
        `The post found (${found.url}) belongs to another publication; looking again before publishing`,
      )
    return found
  }

  /** Answers from the inbox that went out (or failed) show on their items. */
  async function settleAnswers(
    repos: Pick<Repos, 'inbox'>,
    libraryId: string,
    rows: AttemptResult[],
    now: string,
  ) {
    const answers = await repos.inbox.replyPosts(
      libraryId,
      rows.map((r) => r.claimed.post_id),
    )
    for (const answer of answers) {
      const result = rows.find((r) => r.claimed.post_id === answer.id)!
      const itemId = answer.reply_to_item_id!
      if (result.outcome.kind === 'published')
        await repos.inbox.markAnswered(libraryId, itemId, answer.author_id, now)
      else await repos.inbox.noteSystemChange(libraryId, itemId, { updated_at: now })
      await recordActivity(repos, {
        libraryId,
        itemId,
        action: result.outcome.kind === 'published' ? 'reply_published' : 'reply_failed',
        actorId: null,
        at: now,
        detail: {
          postId: answer.id,
          ...(result.outcome.kind === 'published'
            ? { url: result.outcome.url }
            : { code: result.outcome.kind === 'failed' ? result.outcome.code : null }),
        },
      })
    }
  }

  return {
    /** Takes up to `limit` due publications, each for one attempt. */
    claimDue(limit: number): Promise<ClaimedPublication[]> {
      const now = clock.now().getTime()
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
        const [channels, posts, withImages, replyTargets] = await Promise.all([
          store.repos.channels.findMany(libraryId, [...new Set(claimed.map((c) => c.channel_id))]),
          store.repos.posts.findContents(libraryId, postIds),
          store.repos.posts.withImages(libraryId, postIds),
          store.repos.posts.replyTargets(libraryId, postIds),
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
              language: post.language,
              scheduledAt: post.scheduled_at,
              hasImages: withImages.has(post.id),
              ...(replyTargets.has(post.id) && { replyTo: replyTargets.get(post.id) }),
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
        // An earlier attempt may have reached the network: ask before publishing again,
        // unless publishing again is itself exact.
        if (claimed.attempts > 1 && !repeatable(attempt)) {
          const found = await lookUp(attempt)
          if (found) return { kind: 'published', remoteId: found.remoteId, url: found.url }
        }
        const images = await outgoingImages(attempt)
        const published = await adapter.publish(creds, {
          publicationId,
          text,
          images,
          language: attempt.language,
          ...(attempt.replyTo && { replyTo: attempt.replyTo }),
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
     * posts' states follow. A channel that published again brings its
     * publications waiting for a retry forward. The authors of failed posts
     * are told afterwards. Returns how many publications became due now.
     */
    async record(results: AttemptResult[]): Promise<{ broughtForward: number }> {
      if (results.length === 0) return { broughtForward: 0 }
      const now = clock.now().toISOString()
      const { told: failed, broughtForward } = await store.transaction(async (repos) => {
        const told: AttemptResult[] = []
        const answering = new Map<string, { libraryId: string; channelId: string }>()
        const settledIds = new Set<string>()
        const published: { libraryId: string; publicationId: string; channelId: string }[] = []
        for (const { claimed, outcome } of results) {
          // Left out when already empty: an update naming the column maintains its partial index.
          const recovered = claimed.retrying_since ? { retrying_since: null } : {}
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
                  ...recovered,
                }
              : outcome.kind === 'failed'
                ? {
                    state: 'failed',
                    error_kind: 'permanent',
                    error_code: outcome.code,
                    error_message: outcome.message,
                    ...recovered,
                  }
                : {
                    state: outcome.state,
                    due_at: outcome.dueAt,
                    retrying_since: outcome.retryingSince,
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
          if (settled) settledIds.add(claimed.id)
          if (settled && outcome.kind === 'published')
            published.push({
              libraryId: claimed.library_id,
              publicationId: claimed.id,
              channelId: claimed.channel_id,
            })
          if (settled && outcome.kind === 'retry') troubled.add(claimed.channel_id)
          if (
            settled &&
            outcome.kind === 'published' &&
            (claimed.retrying_since || troubled.has(claimed.channel_id))
          )
            answering.set(claimed.channel_id, {
              libraryId: claimed.library_id,
              channelId: claimed.channel_id,
            })
          if (!settled || outcome.kind !== 'failed') continue
          told.push({ claimed, outcome })
          if (RECONNECT_CODES.has(outcome.code))
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
        for (const [libraryId, rows] of posts) {
          await refreshPostStates(
            repos,
            libraryId,
            [...new Set(rows.map((r) => r.claimed.post_id))],
            now,
          )
          await settleAnswers(
            repos,
            libraryId,
            rows.filter((r) => settledIds.has(r.claimed.id)),
            now,
          )
        }
        // A post is a public record from the moment it is out: archived with its outcome, or neither.
        await archivePublications(repos, published, now)
        // Its counts are read from an hour after it went out (the sampler's sweep is the safety net).
        await startPostSampling(repos, published, now)
        let broughtForward = 0
        for (const { libraryId, channelId } of answering.values()) {
          const n = await repos.publications.bringForward(
            libraryId,
            channelId,
            now,
            BRING_FORWARD_LIMIT,
          )
          // The rest follow from the successes of these, which failed before.
          if (n < BRING_FORWARD_LIMIT) troubled.delete(channelId)
          broughtForward += n
        }
        return { told, broughtForward }
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
      return { broughtForward }
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
        clock.now().toISOString(),
      )
    },
  }
}
export type PublishingService = ReturnType<typeof publishingService>
