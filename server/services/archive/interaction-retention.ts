import type { Clock } from '../../clock.js'
import type { Repos, StoreOf } from '../../repos/index.js'
import { happenedAt, hourStart, localDayOfHour } from '../stats/rollup-delta.js'

const BATCH = 2_000
const DAY_MS = 86_400_000

/**
 * Likes, reposts and follows are not public records (they carry no content
 * the library received), so after the library's retention they are kept only
 * as daily counts per channel, kind and post. Each batch is counted and
 * deleted in one transaction, so a second run, or a run after a crash, finds
 * only what is still there and never counts a row twice.
 */
export function interactionRetention({
  store,
  clock,
}: {
  store: StoreOf<'personalData'>
  clock: Clock
}) {
  async function library(libraryId: string, days: number, timeZone: string): Promise<number> {
    const before = new Date(clock.now().getTime() - days * DAY_MS).toISOString()
    let done = 0
    for (;;) {
      const n = await store.transaction(async (repos: Pick<Repos, 'personalData'>) => {
        const due = await repos.personalData.countedInteractionsBefore(libraryId, before, BATCH)
        const rows = await repos.personalData.deleteInteractions(
          libraryId,
          due.map((r) => r.id),
        )
        const counts = new Map<
          string,
          {
            channel_id: string
            day: string
            kind: string
            subject_remote_id: string
            count: number
          }
        >()
        for (const r of rows) {
          // The library's day it happened, as the statistics count it, so a rebuild of them from
          // these counts puts each on the day it had.
          const day = localDayOfHour(
            hourStart(happenedAt(r.remote_created_at, r.received_at)),
            timeZone,
          )
          const subject = r.subject_remote_id ?? ''
          const key = `${r.channel_id}\u0000${day}\u0000${r.kind}\u0000${subject}`
          const c = counts.get(key)
          if (c) c.count += 1
          else
            counts.set(key, {
              channel_id: r.channel_id,
              day,
              kind: r.kind,
              subject_remote_id: subject,
              count: 1,
            })
        }
        await repos.personalData.addCounts(
          [...counts.values()].map((c) => ({ library_id: libraryId, ...c })),
        )
        return due.length
      })
      done += n
      if (n < BATCH) return done
    }
  }
  return {
    /** Every library with a retention set; returns how many interactions became counts. */
    async run(): Promise<number> {
      let total = 0
      for (const s of await store.repos.personalData.librariesWithInteractionRetention())
        total += await library(s.library_id, Number(s.interaction_retention_days), s.time_zone)
      return total
    },
  }
}
export type InteractionRetention = ReturnType<typeof interactionRetention>
