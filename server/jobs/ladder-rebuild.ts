import { z } from 'zod'
import type { LadderService } from '../services/ladder/ladder-service.js'
import { defineJob, type JobQueue } from './queue.js'

/**
 * Places one library's audience on the ladder again. What people do is
 * summed per day as ingest goes (ladder-activity.ts); the levels are placed
 * nightly rather than after each ingest: a level depends on a window that
 * slides every day, so people step down without any new event, and a whole
 * library takes well under a second, so one pass a night keeps every level,
 * month and retention limit right with one code path.
 */
export function ladderRebuildJob(ladder: LadderService) {
  return defineJob({
    name: 'ladder-rebuild',
    payload: z.object({ libraryId: z.string(), day: z.string() }),
    retries: 2,
    retryDelaySeconds: 300,
    timeoutSeconds: 600,
    async handle({ libraryId }) {
      await ladder.rebuild(libraryId)
    },
  })
}

/** Daily: one rebuild per library with a channel, keyed by library and day. */
export function ladderSweepJob(
  ladder: LadderService,
  queue: Pick<JobQueue, 'send'>,
  rebuildOne: ReturnType<typeof ladderRebuildJob>,
) {
  return defineJob({
    name: 'ladder-sweep',
    payload: z.object({ day: z.string() }),
    retries: 2,
    retryDelaySeconds: 60,
    timeoutSeconds: 120,
    async handle({ day }) {
      // Everything ingest wrote today is summed before anyone is placed.
      await ladder.catchUp()
      for (const libraryId of await ladder.librariesToRebuild())
        await queue.send(rebuildOne, { libraryId, day }, { key: `ladder:${libraryId}:${day}` })
    },
  })
}
