import type { Logger } from '../logger.js'
import type { ArchiveCaptureService } from '../services/archive/capture-service.js'
import { pollingLoop } from './polling-loop.js'

/**
 * The worker's archive loop: every few seconds it captures what ingest and
 * the inbox wrote since its stored positions. A full round goes again at once.
 */
export function archiveCapturer(options: {
  capture: ArchiveCaptureService
  logger: Logger
  idleMs?: number
}) {
  return pollingLoop({
    round: async () => (await options.capture.captureDue()).full,
    logger: options.logger,
    failure: 'archive capture failed a round',
    ...(options.idleMs !== undefined && { idleMs: options.idleMs }),
  })
}
