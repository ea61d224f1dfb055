import { DEFAULT_TIME_ZONE } from '../../../core/inbox/response-time.js'
import { type Clock, systemClock } from '../../clock.js'
import type { Logger } from '../../logger.js'
import type { StatsRollupRepo } from '../../repos/stats-rollup-repo.js'
import { contiguous } from '../archive/capture-service.js'
import {
  type CountedInteraction,
  type RollupDelta,
  addInteractions,
  addPostDay,
  deltaRows,
  emptyDelta,
  happenedAt,
} from './rollup-delta.js'

/** The consumer's name in stats_positions. */
export const STATS_CONSUMER = 'stats:ingest_events'
/** Ingest batches per round: each holds up to 500 interactions. */
const EVENTS_PER_ROUND = 200
const REBUILD_ATTEMPTS = 5

type Rollups = { statsRollup: StatsRollupRepo }
export interface RollupStore {
  repos: Rollups
  transaction<T>(work: (repos: Rollups) => Promise<T>, options?: { snapshot?: boolean }): Promise<T>
}

type Event = { seq: number; library_id: string; at: string; payload: string }

/** A conflict a repeated attempt resolves: another transaction took the lock or changed the row first. */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: string }).code
  return code === '40001' || code === '40P01' || Boolean(code?.startsWith('SQLITE_BUSY'))
}

/**
 * Keeps the statistics rollups (migration 024) up to date from the ingest
 * outbox, and makes them again from what is stored. A batch's increments and
 * the consumer's new position are written in one transaction, the position
 * moved only from where it was read, so a batch counts exactly once however
 * many workers run. A rebuild counts what the consumer has passed and leaves
 * the rest to it (see `rebuildLibrary`).
 *
 * What a deletion on the network does: nothing to these counts. A reply or
 * quote its author deletes later, and a library post taken down, still
 * happened in the period it happened in; the networks' own counts
 * (post_metric_state) are where a like taken back shows.
 */
export function rollupService(deps: { store: RollupStore; logger: Logger; clock?: Clock }) {
  const { store, logger } = deps
  const clock = deps.clock ?? systemClock

  /** The interactions of these ingest batches, as the rollups count them. */
  async function counted(repos: Rollups, events: readonly Event[]) {
    const ids = events.flatMap((e) => (JSON.parse(e.payload) as { ids?: string[] }).ids ?? [])
    const rows = await repos.statsRollup.interactions(ids)
    const publications = new Map<string, string>()
    for (const [channelId, list] of Map.groupBy(
      rows.filter((r) => r.subject_remote_id),
      (r) => r.channel_id,
    )) {
      const found = await repos.statsRollup.publicationIds(
        channelId,
        list.map((r) => r.subject_remote_id!),
      )
      for (const [remote, id] of found) publications.set(`${channelId}\u0000${remote}`, id)
    }
    const zones = await repos.statsRollup.timeZones(rows.map((r) => r.library_id))
    const interactions: CountedInteraction[] = rows.map((r) => ({
      libraryId: r.library_id,
      channelId: r.channel_id,
      kind: r.kind,
      publicationId: r.subject_remote_id
        ? (publications.get(`${r.channel_id}\u0000${r.subject_remote_id}`) ?? null)
        : null,
      at: happenedAt(r.remote_created_at, r.received_at),
      count: 1,
    }))
    return { interactions, timeZoneOf: (id: string) => zones.get(id) ?? DEFAULT_TIME_ZONE }
  }

  async function write(repos: Rollups, delta: RollupDelta) {
    await repos.statsRollup.add(deltaRows(delta))
  }

  const service = {
    /** Counts up to `limit` ingest batches; returns how many were taken in. */
    async consume(limit = EVENTS_PER_ROUND): Promise<number> {
      const now = clock.now()
      await store.repos.statsRollup.ensurePosition(STATS_CONSUMER, now.toISOString())
      const position = (await store.repos.statsRollup.position(STATS_CONSUMER))!.seq
      const events = contiguous(
        (await store.repos.statsRollup.ingestEvents(position, limit)).map((e) => ({
          ...e,
          seq: Number(e.seq),
        })),
        position,
        now.getTime(),
      )
      const last = events.at(-1)
      if (!last) return 0
      const { interactions, timeZoneOf } = await counted(store.repos, events)
      const delta = addInteractions(emptyDelta(), interactions, timeZoneOf)
      const applied = await store.transaction(async (repos) => {
        if (
          !(await repos.statsRollup.advance(STATS_CONSUMER, position, last.seq, now.toISOString()))
        )
          return false
        await write(repos, delta)
        return true
      })
      return applied ? events.length : 0
    },

    /** Consumes until nothing is waiting (the CLI, tests and benchmarks). */
    async catchUp(): Promise<number> {
      let total = 0
      for (;;) {
        const n = await service.consume()
        total += n
        if (n === 0) return total
      }
    },

    /**
     * Makes one library's rollups again from its interactions and the daily
     * counts the interaction retention left of old likes, reposts and follows
     * (hourly figures have no hour for those). In one transaction holding the
     * consumer's lock, on one snapshot: everything stored is counted except
     * the batches the consumer has not passed yet, which it still adds. A
     * transaction that loses a race with the consumer is tried again.
     */
    async rebuildLibrary(libraryId: string): Promise<void> {
      await store.repos.statsRollup.ensurePosition(STATS_CONSUMER, clock.now().toISOString())
      for (let attempt = 1; ; attempt++) {
        try {
          await store.transaction(
            async (repos) => {
              // The first statement: the snapshot below begins with the lock.
              const position = await repos.statsRollup.lock(
                STATS_CONSUMER,
                clock.now().toISOString(),
              )
              const zones = await repos.statsRollup.timeZones([libraryId])
              const timeZoneOf = () => zones.get(libraryId) ?? DEFAULT_TIME_ZONE
              const publications = await repos.statsRollup.libraryPublications(libraryId)
              const publicationOf = (channelId: string, remote: string | null) =>
                (remote && publications.get(`${channelId}\u0000${remote}`)) || null
              const delta = emptyDelta()
              addInteractions(
                delta,
                (await repos.statsRollup.interactionHours(libraryId)).map((h) => ({
                  libraryId,
                  channelId: h.channelId,
                  kind: h.kind,
                  publicationId: publicationOf(h.channelId, h.subjectRemoteId),
                  at: h.hourMs,
                  count: h.count,
                })),
                timeZoneOf,
              )
              for (const c of await repos.statsRollup.retainedCounts(libraryId)) {
                const publicationId = publicationOf(c.channel_id, c.subject_remote_id)
                addDay(delta, libraryId, c.channel_id, c.day, c.kind, publicationId, c.count)
              }
              // Batches after the position are the consumer's to count.
              const pending: Event[] = []
              for (let after = position; ;) {
                const page = await repos.statsRollup.ingestEvents(after, 1_000, libraryId)
                pending.push(...page.map((e) => ({ ...e, seq: Number(e.seq) })))
                if (page.length < 1_000) break
                after = Number(page.at(-1)!.seq)
              }
              if (pending.length) {
                const later = await counted(repos, pending)
                addInteractions(delta, later.interactions, timeZoneOf, -1)
              }
              await repos.statsRollup.clearLibrary(libraryId)
              await write(repos, delta)
            },
            { snapshot: true },
          )
          return
        } catch (error) {
          if (!isRetryable(error) || attempt >= REBUILD_ATTEMPTS) throw error
          logger.info({ libraryId, attempt }, 'statistics rebuild met the consumer; trying again')
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt))
        }
      }
    },

    async rebuild(libraryId?: string): Promise<string[]> {
      const ids = libraryId ? [libraryId] : await store.repos.statsRollup.libraryIds()
      for (const id of ids) await service.rebuildLibrary(id)
      return ids
    },
  }
  return service
}
export type RollupService = ReturnType<typeof rollupService>

function addDay(
  delta: RollupDelta,
  libraryId: string,
  channelId: string,
  day: string,
  kind: string,
  publicationId: string | null,
  count: number,
) {
  const key = `${libraryId}\u0000${day}\u0000${channelId}\u0000${kind}`
  const row = delta.daily.get(key)
  if (row) row.count += count
  else delta.daily.set(key, { library_id: libraryId, day, channel_id: channelId, kind, count })
  if (publicationId) addPostDay(delta, libraryId, publicationId, day, kind, count)
}
