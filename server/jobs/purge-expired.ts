import { z } from 'zod'
import type { AuthService } from '../services/auth-service.js'
import { defineJob } from './queue.js'

/** Hourly housekeeping; the hour is the idempotency key, so many workers run it once. */
export function purgeExpiredJob(auth: AuthService) {
  return defineJob({
    name: 'purge-expired',
    payload: z.object({ hour: z.string() }),
    retries: 2,
    retryDelaySeconds: 60,
    timeoutSeconds: 300,
    async handle() {
      await auth.purgeExpired()
    },
  })
}
