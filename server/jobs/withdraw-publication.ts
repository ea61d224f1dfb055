import { z } from 'zod'
import type { PublishingService } from '../services/publishing-service.js'
import { defineJob } from './queue.js'

const payload = z.object({ libraryId: z.string(), publicationId: z.string() })

/** Takes a published post off its network; publishing itself is the dispatcher's (publication-dispatcher.ts). */
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
