import { z } from 'zod'
import type { InteractionRetention } from '../services/archive/interaction-retention.js'
import { defineJob } from './queue.js'

/** Daily: likes, reposts and follows past each library's retention become counts. The day is the key. */
export function interactionRetentionJob(retention: InteractionRetention) {
  return defineJob({
    name: 'interaction-retention',
    payload: z.object({ day: z.string() }),
    retries: 2,
    retryDelaySeconds: 300,
    timeoutSeconds: 900,
    async handle() {
      await retention.run()
    },
  })
}
