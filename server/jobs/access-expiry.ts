import { z } from 'zod'
import type { AccessExpiryService } from '../services/access-expiry-service.js'
import { defineJob } from './queue.js'

/** The hourly look for channels whose access ends within two weeks; keyed by the hour. */
export function accessExpiryJob(service: AccessExpiryService) {
  return defineJob({
    name: 'access-expiry-scan',
    payload: z.object({ hour: z.string().min(1) }),
    retries: 2,
    retryDelaySeconds: 60,
    timeoutSeconds: 120,
    async handle() {
      await service.warnEnding()
    },
  })
}
