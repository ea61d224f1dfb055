import type { Logger } from '../logger.js'
import type { RollupService } from '../services/stats/rollup-service.js'
import { pollingLoop } from './polling-loop.js'

/**
 * The worker's statistics loop: every few seconds the rollups take in what
 * ingest wrote since the consumer's position. A round that read as much as it
 * may goes again at once.
 */
export function statsRollupLoop(options: {
  rollups: RollupService
  logger: Logger
  idleMs?: number
  batch?: number
}) {
  const batch = options.batch ?? 200
  return pollingLoop({
    round: async () => (await options.rollups.consume(batch)) >= batch,
    logger: options.logger,
    failure: 'statistics rollup failed a round',
    ...(options.idleMs !== undefined && { idleMs: options.idleMs }),
  })
}
