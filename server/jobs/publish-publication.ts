import { z } from 'zod'
import type { PublishingService } from '../services/publishing-service.js'
import { defineJob } from './queue.js'

const payload = z.object({ libraryId: z.string(), publicationId: z.string() })

/**
 * One attempt at one publication. The job itself does not retry: the
 * publishing rules decide (backoff, Retry-After, asking the network first)
 * and queue the next attempt. A worker that dies mid-attempt has its job run
 * again after the timeout, which finds the publication in flight and asks
 * the network before doing anything.
 */
export function publishPublicationJob(publishing: () => PublishingService, timeoutSeconds = 120) {
  return defineJob({
    name: 'publish-publication',
    payload,
    retries: 5,
    retryDelaySeconds: 30,
    timeoutSeconds,
    handle: (p) => publishing().publish(p.libraryId, p.publicationId),
  })
}

export function withdrawPublicationJob(publishing: () => PublishingService) {
  return defineJob({
    name: 'withdraw-publication',
    payload,
    retries: 8,
    retryDelaySeconds: 30,
    timeoutSeconds: 60,
    handle: (p) => publishing().withdraw(p.libraryId, p.publicationId),
  })
}
