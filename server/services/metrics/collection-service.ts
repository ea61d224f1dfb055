import { NETWORK_CAPABILITIES, type Network } from '../../../core/channels/networks.js'
import {
  MAX_POST_FAILURES,
  firstSchedule,
  libraryDay,
  nextAccountSampleAt,
  retryDelayMs,
  scheduleAfterSample,
} from '../../../core/metrics/sampling.js'
import { ChannelError } from '../../adapters/channels/channel-adapter.js'
import type { MetricsCapability } from '../../adapters/channels/metrics.js'
import { type Clock, systemClock } from '../../clock.js'
import type { Logger } from '../../logger.js'
import type { ChannelRow } from '../../repos/channels-repo.js'
import type { Repos, StoreOf } from '../../repos/index.js'
import type { ClaimedAccount, ClaimedPost, PostSample } from '../../repos/metric-sampling-repo.js'
import type { SecretBox } from '../../security/secret-box.js'
import { type Adapters, channelCredentials } from '../channel-service.js'

const MINUTE = 60_000
/** Longer than a round can take (a channel's posts are read 25 or 20 a request, each within its timeout). */
const LEASE_MS = 10 * MINUTE
/** Access a person must restore: sampling that channel pauses until it is reconnected. */
const PAUSING = new Set(['auth_revoked', 'auth_failed', 'account_gone'])
/** Channels read at once in a round, so one slow network does not hold up the others. */
const PARALLEL = 4

/**
 * Starts the schedule of posts just published, in the transaction that marks
 * them published: a post is read an hour after it went out, whatever happens next.
 */
export async function startPostSampling(
  repos: Pick<Repos, 'metricSampling'>,
  published: readonly { libraryId: string; publicationId: string; channelId: string }[],
  now: string,
): Promise<void> {
  const at = new Date(now)
  await repos.metricSampling.startPosts(
    published.map((p) => {
      const schedule = firstSchedule(at, at)
      return {
        publication_id: p.publicationId,
        library_id: p.libraryId,
        channel_id: p.channelId,
        published_at: now,
        stage: schedule.stage,
        next_at: schedule.nextAt?.toISOString() ?? null,
      }
    }),
  )
}

export interface MetricsCollectionDeps {
  store: StoreOf<'metricSampling' | 'channels'>
  adapters: Adapters
  box: SecretBox
  logger: Logger
  clock?: Clock
}

/**
 * Reading what the networks count, as jobs. Each channel's own counts once a
 * day (its library's day); each published post's counts at 1 h, 6 h, 1 d,
 * 7 d and 30 d after publishing (core/metrics/sampling.ts). Due rows are
 * leased, read through the channel's adapter in as few requests as the
 * network allows (within the account's shared rate budget) and stored as
 * history with the latest counts beside the post. A failed read backs off;
 * revoked access marks the channel for reconnection and pauses it.
 */
export function metricsCollection(deps: MetricsCollectionDeps) {
  const { store, adapters, logger } = deps
  const clock = deps.clock ?? systemClock
  const credentials = channelCredentials(deps.box)
  const iso = (ms: number) => new Date(ms).toISOString()

  function capabilityOf(channel: ChannelRow | undefined): MetricsCapability | undefined {
    if (!channel || channel.deleted_at) return undefined
    // Declared per network in core (the web shows the same); a lazily loaded adapter always has the slot.
    if (!NETWORK_CAPABILITIES[channel.network as Network]?.metrics) return undefined
    return adapters[channel.network as Network]?.metrics
  }

  /** Marks the channel for reconnection when the network refused its access; true if it did. */
  async function pausedBy(channel: ChannelRow, error: unknown): Promise<boolean> {
    if (!(error instanceof ChannelError) || error.kind !== 'permanent' || !PAUSING.has(error.code))
      return false
    await store.repos.channels.update(channel.library_id, channel.id, {
      health: 'needs_reconnect',
      health_code: error.code,
      checked_at: clock.now().toISOString(),
    })
    logger.warn({ channelId: channel.id, code: error.code }, 'metrics paused until reconnection')
    return true
  }

  async function failPosts(
    repos: Pick<Repos, 'metricSampling'>,
    posts: ClaimedPost[],
    error?: unknown,
  ) {
    const nowMs = clock.now().getTime()
    const said = error instanceof ChannelError ? (error.retryAfterMs ?? 0) : 0
    for (const post of posts) {
      if (error instanceof ChannelError && error.code === 'rate_limited') {
        // Our own budget or the network's 429: waiting is not failing.
        await repos.metricSampling.reschedulePost(
          post.publication_id,
          iso(nowMs + Math.max(said, MINUTE)),
          post.failures,
        )
        continue
      }
      const failures = post.failures + 1
      const nextAt =
        failures >= MAX_POST_FAILURES ? null : iso(nowMs + Math.max(retryDelayMs(failures), said))
      await repos.metricSampling.reschedulePost(post.publication_id, nextAt, failures)
    }
  }

  async function sampleChannelPosts(channelId: string, posts: ClaimedPost[]): Promise<void> {
    const first = posts[0]!
    const channel = await store.repos.channels.find(first.library_id, channelId)
    const metrics = capabilityOf(channel)
    const readable = posts.filter((p) => p.remote_id)
    if (!channel || !metrics || readable.length === 0) {
      // Nothing to read it with (a network without counts): the schedule ends.
      for (const p of posts)
        await store.repos.metricSampling.reschedulePost(p.publication_id, null, p.failures)
      return
    }
    let results
    try {
      results = await metrics.postMetrics(
        credentials.open(channel),
        readable.map((p) => p.remote_id!),
      )
    } catch (error) {
      if (!(error instanceof ChannelError))
        logger.error({ err: error, channelId }, 'reading post counts failed')
      if (await pausedBy(channel, error))
        await store.repos.metricSampling.releasePosts(posts.map((p) => p.publication_id))
      else await failPosts(store.repos, posts, error)
      return
    }
    // The time the network answered, however late after the post was due.
    const sampledAt = clock.now()
    await store.transaction(async (repos) => {
      const failed: ClaimedPost[] = []
      // Without a network id there is nothing to ask (never scheduled so; kept for safety).
      for (const post of posts.filter((p) => !p.remote_id))
        await repos.metricSampling.reschedulePost(post.publication_id, null, post.failures)
      const samples: PostSample[] = []
      for (const post of readable) {
        const result = results.get(post.remote_id!)
        if (result?.state === 'counted') {
          const next = scheduleAfterSample(new Date(post.published_at), sampledAt)
          samples.push({
            post,
            sampledAt: sampledAt.toISOString(),
            counts: result.counts,
            next: { stage: next.stage, nextAt: next.nextAt?.toISOString() ?? null },
          })
        } else if (result?.state === 'gone') {
          await repos.metricSampling.markPostGone(post.publication_id, sampledAt.toISOString())
        } else failed.push(post)
      }
      await repos.metricSampling.recordPostSamples(samples)
      await failPosts(repos, failed)
    })
  }

  async function sampleAccount(claimed: ClaimedAccount): Promise<void> {
    const channel = await store.repos.channels.find(claimed.library_id, claimed.channel_id)
    const metrics = capabilityOf(channel)
    const nowMs = clock.now().getTime()
    if (!channel || !metrics) {
      const tomorrow = iso(nowMs + 24 * 60 * MINUTE)
      await store.repos.metricSampling.rescheduleAccount(claimed.channel_id, tomorrow, 0, null)
      return
    }
    try {
      const counts = await metrics.accountMetrics(credentials.open(channel))
      const sampledAt = clock.now()
      await store.repos.metricSampling.recordAccountSample(
        {
          channel_id: channel.id,
          library_id: channel.library_id,
          day: libraryDay(sampledAt, claimed.time_zone),
          sampled_at: sampledAt.toISOString(),
          ...counts,
        },
        nextAccountSampleAt(sampledAt, claimed.time_zone, channel.id).toISOString(),
      )
    } catch (error) {
      if (!(error instanceof ChannelError))
        logger.error({ err: error, channelId: channel.id }, 'reading account counts failed')
      const code = error instanceof ChannelError ? error.code : 'server_error'
      if (await pausedBy(channel, error)) {
        await store.repos.metricSampling.releaseAccount(channel.id, code)
        return
      }
      const said = error instanceof ChannelError ? (error.retryAfterMs ?? 0) : 0
      const failures = code === 'rate_limited' ? claimed.failures : claimed.failures + 1
      const wait = Math.max(code === 'rate_limited' ? MINUTE : retryDelayMs(failures), said)
      await store.repos.metricSampling.rescheduleAccount(
        channel.id,
        iso(nowMs + wait),
        failures,
        code,
      )
    }
  }

  return {
    /**
     * Gives every published post without one a schedule at the interval its
     * age implies: posts published before collection began, and any the
     * publishing transaction did not reach. Returns how many.
     */
    async scheduleUnscheduled(limit = 500): Promise<number> {
      let total = 0
      for (;;) {
        const now = clock.now()
        const rows = await store.repos.metricSampling.unscheduledPosts(limit)
        await store.repos.metricSampling.startPosts(
          rows.map((r) => {
            const schedule = firstSchedule(new Date(r.published_at), now)
            return {
              publication_id: r.id,
              library_id: r.library_id,
              channel_id: r.channel_id,
              published_at: r.published_at,
              stage: schedule.stage,
              next_at: schedule.nextAt?.toISOString() ?? null,
            }
          }),
        )
        total += rows.length
        if (rows.length < limit) return total
      }
    },

    /** Every live channel gets a daily schedule (a new one is read at once); removed channels stop. */
    async enrollChannels(): Promise<void> {
      await store.repos.metricSampling.enrollAccounts(clock.now().toISOString())
    },

    async endRemovedChannels(): Promise<void> {
      await store.repos.metricSampling.endRemovedChannels()
    },

    /** Takes up to `limit` due posts, reads them channel by channel; returns how many it took. */
    async samplePostsDue(limit: number): Promise<number> {
      const nowMs = clock.now().getTime()
      const claimed = await store.repos.metricSampling.claimDuePosts(
        iso(nowMs),
        iso(nowMs + LEASE_MS),
        limit,
      )
      const groups = [...Map.groupBy(claimed, (p) => p.channel_id)]
      await inParallel(groups, ([channelId, posts]) =>
        sampleChannelPosts(channelId, posts).catch((error: unknown) =>
          logger.error({ err: error, channelId }, 'sampling post counts failed'),
        ),
      )
      return claimed.length
    },

    /** Takes up to `limit` channels whose daily counts are due and reads them; returns how many. */
    async sampleAccountsDue(limit: number): Promise<number> {
      const nowMs = clock.now().getTime()
      const claimed = await store.repos.metricSampling.claimDueAccounts(
        iso(nowMs),
        iso(nowMs + LEASE_MS),
        limit,
      )
      await inParallel(claimed, (account) =>
        sampleAccount(account).catch((error: unknown) =>
          logger.error(
            { err: error, channelId: account.channel_id },
            'sampling account counts failed',
          ),
        ),
      )
      return claimed.length
    },
  }
}
export type MetricsCollection = ReturnType<typeof metricsCollection>

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<unknown>) {
  let next = 0
  const lane = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, lane))
}
