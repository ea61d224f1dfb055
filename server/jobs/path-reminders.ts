import { z } from 'zod'
import type { PathService } from '../services/practice/path-service.js'
import { defineJob } from './queue.js'

/**
 * Hourly: reminds members who have stood still on the staff path. The hour's
 * key runs it once an hour however many workers run; each reminder is sent
 * once per member and step (path_reminders), so a repeated run tells no one.
 */
export function pathRemindersJob(path: Pick<PathService, 'remindStuck'>) {
  return defineJob({
    name: 'path-reminders',
    payload: z.object({ hour: z.string() }),
    retries: 2,
    retryDelaySeconds: 300,
    timeoutSeconds: 300,
    async handle() {
      await path.remindStuck()
    },
  })
}
