import { z } from 'zod'
import type { EventService } from '../services/event-service.js'
import { defineJob, type JobQueue } from './queue.js'

/** Reads one event feed again; a problem is kept on the source, so the job itself does not fail. */
export function refreshEventSourceJob(events: EventService) {
  return defineJob({
    name: 'refresh-event-source',
    payload: z.object({ libraryId: z.string(), sourceId: z.string(), hour: z.string() }),
    retries: 1,
    retryDelaySeconds: 300,
    timeoutSeconds: 120,
    async handle({ libraryId, sourceId }) {
      await events.refreshInBackground(libraryId, sourceId)
    },
  })
}

/**
 * Hourly: queues a refresh of every feed not read for a few hours, keyed by
 * source and hour, so several workers (or a sweep run twice) read a feed once.
 */
export function refreshEventsJob(
  events: EventService,
  queue: Pick<JobQueue, 'send'>,
  refreshOne: ReturnType<typeof refreshEventSourceJob>,
) {
  return defineJob({
    name: 'refresh-events',
    payload: z.object({ hour: z.string() }),
    retries: 2,
    retryDelaySeconds: 60,
    timeoutSeconds: 120,
    async handle({ hour }) {
      for (const source of await events.dueSources()) {
        await queue.send(
          refreshOne,
          { libraryId: source.library_id, sourceId: source.id, hour },
          { key: `${source.id}:${hour}` },
        )
      }
    },
  })
}
