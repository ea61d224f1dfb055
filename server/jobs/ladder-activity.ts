import type { Logger } from '../logger.js'
import type { LadderService } from '../services/ladder/ladder-service.js'
import { pollingLoop } from './polling-loop.js'

/**
 * The worker's ladder loop: every few seconds it sums for the ladder what
 * ingest wrote since its position (ladder-activity.ts); a full batch goes
 * again at once. The levels themselves are placed by the nightly rebuild.
 */
export function ladderActivityLoop(options: {
  ladder: LadderService
  logger: Logger
  idleMs?: number
}) {
  return pollingLoop({
    round: () => options.ladder.sumActivity(),
    logger: options.logger,
    failure: 'summing activity for the ladder failed a round',
    ...(options.idleMs !== undefined && { idleMs: options.idleMs }),
  })
}
