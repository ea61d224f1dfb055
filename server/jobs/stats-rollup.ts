import type { Logger } from '../logger.js'
import type { RollupService } from '../services/stats/rollup-service.js'

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
  const idleMs = options.idleMs ?? 5_000
  const batch = options.batch ?? 200
  let stopping = false
  let timer: NodeJS.Timeout | undefined
  let round: Promise<void> | undefined
  let wake: (() => void) | undefined

  async function run() {
    while (!stopping) {
      let busy = false
      try {
        busy = (await options.rollups.consume(batch)) >= batch
      } catch (error) {
        options.logger.error({ err: error }, 'statistics rollup failed a round')
      }
      if (stopping) break
      if (busy) continue
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
    nudge() {
      if (timer) clearTimeout(timer)
      wake?.()
    },
    async stop() {
      stopping = true
      if (timer) clearTimeout(timer)
      wake?.()
      await round
    },
  }
}
