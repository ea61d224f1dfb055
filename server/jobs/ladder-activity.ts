import type { Logger } from '../logger.js'
import type { LadderService } from '../services/ladder/ladder-service.js'

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
  const idleMs = options.idleMs ?? 5_000
  let stopping = false
  let timer: NodeJS.Timeout | undefined
  let round: Promise<void> | undefined
  let wake: (() => void) | undefined

  async function run() {
    while (!stopping) {
      let full = false
      try {
        full = await options.ladder.sumActivity()
      } catch (error) {
        options.logger.error({ err: error }, 'summing activity for the ladder failed a round')
      }
      if (stopping) break
      if (full) continue
      await new Promise<void>((resolve) => {
        wake = resolve
        timer = setTimeout(resolve, idleMs)
        timer.unref()
      })
    }
  }

  return {
    start() {
      round ??= run()
    },
    async stop() {
      stopping = true
      if (timer) clearTimeout(timer)
      wake?.()
      await round
    },
  }
}
