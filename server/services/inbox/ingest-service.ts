import { isInboxKind } from '../../../core/channels/networks.js'
import { ChannelError } from '../../adapters/channels/channel-adapter.js'
import type { Interaction } from '../../adapters/channels/interactions.js'
import { type Clock, systemClock } from '../../clock.js'
import type { Logger } from '../../logger.js'
import type { ChannelRow } from '../../repos/channels-repo.js'
import type { StoreOf } from '../../repos/index.js'
import { type InboxItemRow, type InteractionRow, remoteKey } from '../../repos/ingest-repo.js'
import type { SecretBox } from '../../security/secret-box.js'
import { timeOrderedId } from '../../security/tokens.js'
import { type Adapters, channelCredentials } from '../channel-service.js'
import type { AutomaticHide, InboxRules } from './inbox-rules.js'
import { recordActivity } from './inbox-service.js'

/** Interactions read per call; a flood is read in several calls, each its own batch. */
export const READ_LIMIT = 500
/**
 * The channel's warning while the network refuses to show its comments (a permission taken
 * back); one set at connecting (a permission never given) says more and stays.
 */
const COMMENTS_WARNING = 'comments_unreadable'
/** How far back the first read of a new channel goes, and whose threads are read. */
const FIRST_READ_DAYS = 14
const THREAD_DAYS = 7
const THREAD_POSTS = 20
const MINUTE = 60_000

/** An interaction as ingest stores it (also the benchmark's bulk load). */
export function interactionRow(
  channel: ChannelRow,
  x: Interaction,
  receivedAt: string,
  ms: number,
): InteractionRow {
  return {
    id: timeOrderedId(ms),
    library_id: channel.library_id,
    channel_id: channel.id,
    kind: x.kind,
    remote_id: x.remoteId,
    author_remote_id: x.author.remoteId,
    author_handle: x.author.handle,
    author_name: x.author.displayName,
    author_url: x.author.profileUrl,
    author_avatar: x.author.avatarUrl ?? null,
    text: x.text,
    original_text: null,
    url: x.url,
    subject_remote_id: x.subjectRemoteId ?? null,
    parent_remote_id: x.parentRemoteId ?? null,
    root_remote_id: x.rootRemoteId ?? x.subjectRemoteId ?? null,
    reply_target: x.replyTarget ? JSON.stringify(x.replyTarget) : null,
    remote_created_at: new Date(x.createdAt).toISOString(),
    received_at: receivedAt,
    edited_at: x.editedAt ? new Date(x.editedAt).toISOString() : null,
    remote_deleted_at: null,
    unavailable_at: null,
    rechecked_at: null,
    media: x.media?.length ? JSON.stringify(x.media) : null,
    remote_key: remoteKey(x.remoteId),
  }
}

export interface IngestDeps {
  store: StoreOf<'ingest' | 'channels' | 'inbox'>
  adapters: Adapters
  box: SecretBox
  rules: InboxRules
  logger: Logger
  clock?: Clock
  /** Told after a batch commits, with the items automatic rules want hidden on the network. */
  onHide?: (libraryId: string, hides: AutomaticHide[]) => Promise<void>
}

export interface BatchResult {
  interactions: number
  items: number
}

/**
 * Reading what other accounts do with the library's accounts, as jobs: each
 * channel has a cursor and a next-read time; a due channel is leased, read
 * through its adapter (within the account's shared rate budget), and what is
 * new is written in one transaction with the cursor and an event. Reading
 * again after a crash repeats at most one batch, and duplicates fall away on
 * the network id. Channels with recent activity are read more often.
 */
export function ingestService(deps: IngestDeps) {
  const { store, adapters, logger } = deps
  const clock = deps.clock ?? systemClock
  const credentials = channelCredentials(deps.box)

  /** When to read the channel again: soon after activity, rarely when quiet. */
  function nextReadIn(lastActivityAt: string | null, more: boolean, now: number): number {
    if (more) return 5_000
    const quietFor = lastActivityAt ? now - Date.parse(lastActivityAt) : Infinity
    if (quietFor < 60 * MINUTE) return MINUTE
    if (quietFor < 24 * 60 * MINUTE) return 5 * MINUTE
    return 15 * MINUTE
  }

  const service = {
    /**
     * Writes one read: new interactions (duplicates ignored), the inbox items
     * made of replies, mentions, quotes and comments (automatic rules applied),
     * the cursor and one event, in one transaction.
     */
    async recordBatch(
      channel: ChannelRow,
      interactions: readonly Interaction[],
      cursor: { cursor: string | null; more: boolean; previousActivityAt: string | null },
    ): Promise<BatchResult> {
      const nowMs = clock.now().getTime()
      const now = new Date(nowMs).toISOString()
      const unique = new Map<string, Interaction>()
      for (const x of interactions) {
        // The library's own posts in a thread are not something to answer.
        if (x.author.remoteId === channel.account_remote_id) continue
        unique.set(`${x.kind}\u0000${x.remoteId}`, x)
      }
      // Items of one read share their received time; their ids break the tie. Made oldest first,
      // the ids put the last written at the top of the inbox, as it was said.
      // Each time parsed once, not in every comparison (a flood of reads sorts thousands).
      const rows = [...unique.values()]
        .map((x) => ({ x, at: Date.parse(x.createdAt) || 0 }))
        .sort((a, b) => a.at - b.at)
        .map(({ x }, i) => interactionRow(channel, x, now, nowMs + i))
      const ruleSet = await deps.rules.forLibrary(channel.library_id)
      const result = await store.transaction(async (repos) => {
        const { inserted, seenAuthors, earlier } = await repos.ingest.insertBatch(
          channel.library_id,
          rows,
        )
        const fresh = rows.filter((r) => inserted.has(r.id))
        const inboxRows = fresh.filter((r) => isInboxKind(r.kind as never))
        const applied = ruleSet.apply(channel, inboxRows, seenAuthors, now, earlier)
        let newest: string | null = null
        for (const r of fresh)
          if (!newest || r.remote_created_at > newest) newest = r.remote_created_at
        const lastActivityAt =
          [cursor.previousActivityAt, newest]
            .filter((v): v is string => Boolean(v))
            .sort()
            .at(-1) ?? null
        await repos.ingest.writeBatch({
          items: applied.items,
          tags: applied.tags,
          activity: applied.activity,
          cursor: {
            channel_id: channel.id,
            library_id: channel.library_id,
            cursor: cursor.cursor,
            last_read_at: now,
            last_activity_at: lastActivityAt,
            next_read_at: new Date(
              nowMs + nextReadIn(lastActivityAt, cursor.more, nowMs),
            ).toISOString(),
            failures: 0,
            error_code: null,
            leased_until: null,
          },
          event: fresh.length
            ? {
                library_id: channel.library_id,
                channel_id: channel.id,
                at: now,
                interactions: fresh.length,
                inbox_items: applied.items.length,
                payload: JSON.stringify({ ids: fresh.map((r) => r.id) }),
              }
            : null,
        })
        return { interactions: fresh.length, items: applied.items.length, hide: applied.hide }
      })
      if (result.hide.length && deps.onHide)
        await deps
          .onHide(channel.library_id, result.hide)
          .catch((error: unknown) =>
            logger.warn({ err: error }, 'could not queue automatic hiding'),
          )
      return { interactions: result.interactions, items: result.items }
    },

    /** Reads one channel once; never throws (a failure is recorded on the cursor with a back-off). */
    async readChannel(libraryId: string, channelId: string): Promise<BatchResult | undefined> {
      const channel = await store.repos.channels.find(libraryId, channelId)
      const previous = await store.repos.ingest.cursor(channelId)
      const adapter = channel && adapters[channel.network as keyof Adapters]
      const reader = adapter?.interactions
      if (!channel || channel.deleted_at || !reader) return undefined
      const nowMs = clock.now().getTime()
      try {
        const since = new Date(nowMs - FIRST_READ_DAYS * 24 * 60 * MINUTE)
        const recentPosts = await store.repos.ingest.recentRemoteIds(
          channel.id,
          new Date(nowMs - THREAD_DAYS * 24 * 60 * MINUTE).toISOString(),
          THREAD_POSTS,
        )
        const page = await reader.read(credentials.open(channel), {
          cursor: previous?.cursor ?? null,
          limit: READ_LIMIT,
          since,
          recentPosts,
        })
        const result = await service.recordBatch(channel, page.interactions, {
          cursor: page.cursor,
          more: page.more,
          previousActivityAt: previous?.last_activity_at ?? null,
        })
        if (channel.health_warning === COMMENTS_WARNING)
          await store.repos.channels.update(channel.library_id, channel.id, {
            health_warning: null,
          })
        // Edits and deletions are looked for when the channel is read anyway, within its budget.
        if (!page.more)
          await service.recheck(channel).catch((error: unknown) => {
            if (!(error instanceof ChannelError))
              logger.error({ err: error, channelId }, 'rechecking interactions failed')
          })
        return result
      } catch (error) {
        const failures = (previous?.failures ?? 0) + 1
        const code = error instanceof ChannelError ? error.code : 'server_error'
        const permanent = error instanceof ChannelError && error.kind === 'permanent'
        // The channel publishes, but its card says why Inkorg hears nothing from it.
        if (code === 'permission_missing' && !channel.health_warning)
          await store.repos.channels.update(channel.library_id, channel.id, {
            health_warning: COMMENTS_WARNING,
          })
        // Back off: a minute doubling to an hour; the network's own Retry-After wins; a revoked
        // access waits for a person to reconnect the channel (read again after six hours).
        const backoff = permanent
          ? 6 * 60 * MINUTE
          : Math.max(
              Math.min(60 * MINUTE, MINUTE * 2 ** Math.min(failures - 1, 6)),
              error instanceof ChannelError ? (error.retryAfterMs ?? 0) : 0,
            )
        if (!(error instanceof ChannelError))
          logger.error({ err: error, channelId }, 'reading interactions failed')
        await store.repos.ingest.saveCursor({
          channel_id: channel.id,
          library_id: channel.library_id,
          cursor: previous?.cursor ?? null,
          last_read_at: previous?.last_read_at ?? null,
          last_activity_at: previous?.last_activity_at ?? null,
          next_read_at: new Date(nowMs + backoff).toISOString(),
          failures,
          error_code: code,
          leased_until: null,
        })
        return undefined
      }
    },

    /**
     * Looks again at the channel's recent items the longest unchecked, at most
     * 25 a read: an edit keeps the first text beside the new one, a deletion
     * marks the copy, which stays.
     */
    async recheck(channel: ChannelRow): Promise<number> {
      const reader = adapters[channel.network as keyof Adapters]?.interactions
      if (!reader) return 0
      const nowMs = clock.now().getTime()
      const now = new Date(nowMs).toISOString()
      const due = await store.repos.inbox.toRecheck(
        channel.id,
        new Date(nowMs - THREAD_DAYS * 24 * 60 * MINUTE).toISOString(),
        new Date(nowMs - 30 * MINUTE).toISOString(),
        25,
      )
      if (due.length === 0) return 0
      const states = await reader.recheck(
        credentials.open(channel),
        due.map((d) => d.remote_id),
      )
      await store.transaction(async (repos) => {
        for (const d of due) {
          const state = states.get(d.remote_id)
          const log = (action: string, detail: Record<string, unknown> = {}) =>
            recordActivity(repos, {
              libraryId: d.library_id,
              itemId: d.id,
              action,
              actorId: null,
              at: now,
              detail,
            })
          if (state?.state === 'deleted') {
            await repos.inbox.markRemoteDeleted(d.id, now)
            await repos.inbox.noteSystemChange(d.library_id, d.id, { updated_at: now })
            await log('deleted_remotely')
          } else if (state?.state === 'unavailable') {
            await repos.inbox.markUnavailable(d.id, now)
            if (!d.unavailable_at) await log('unavailable')
          } else if (state?.state === 'present' && state.text !== d.text) {
            await repos.inbox.recordRemoteEdit(d.id, state.text, state.editedAt ?? now, now)
            await repos.inbox.noteSystemChange(d.library_id, d.id, { updated_at: now })
            // The new text goes with the event: the archive keeps each text seen, in order.
            await log('edited_remotely', { text: state.text })
          }
        }
        await repos.inbox.markRechecked(
          due.map((d) => d.id),
          now,
        )
      })
      return due.length
    },

    /** Takes due channels (leased) and reads each; returns how many were read. */
    async readDue(limit: number): Promise<number> {
      const now = clock.now()
      await store.repos.ingest.enrollChannels(now.toISOString())
      const due = await store.repos.ingest.claimDue(
        now.toISOString(),
        new Date(now.getTime() + 5 * MINUTE).toISOString(),
        limit,
      )
      for (const d of due) await service.readChannel(d.library_id, d.channel_id)
      return due.length
    },
  }
  return service
}
export type IngestService = ReturnType<typeof ingestService>

export type { InboxItemRow }
