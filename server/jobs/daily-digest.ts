import { z } from 'zod'
import type { NotificationService } from '../services/notification-service.js'
import { defineJob, type JobQueue } from './queue.js'

/**
 * The daily e-mail digest, in two steps. The hourly tick sends a scan (keyed
 * by the hour); the scan queues one digest per person whose morning has come,
 * keyed by person and local date, so each person gets at most one a day
 * however many workers tick.
 */
export function dailyDigestJobs(notifications: NotificationService, queue: JobQueue) {
  const digest = defineJob({
    name: 'daily-digest',
    payload: z.object({ userId: z.string().min(1), date: z.iso.date() }),
    retries: 4,
    retryDelaySeconds: 60,
    timeoutSeconds: 60,
    async handle({ userId, date }) {
      await notifications.sendDigest(userId, date)
    },
  })
  const scan = defineJob({
    name: 'daily-digest-scan',
    payload: z.object({ at: z.iso.datetime() }),
    retries: 2,
    retryDelaySeconds: 60,
    timeoutSeconds: 300,
    async handle({ at }) {
      for (const due of await notifications.dueDigests(new Date(at)))
        await queue.send(digest, due, { key: `digest:${due.userId}:${due.date}` })
    },
  })
  return { scan, digest }
}
