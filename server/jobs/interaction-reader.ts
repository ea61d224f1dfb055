import type { Logger } from '../logger.js'
import type { IngestService } from '../services/inbox/ingest-service.js'

/**
 * The worker's listening loop: every few seconds it takes the channels whose
 * next read is due (each leased, so several workers never read one account at
 * once) and reads them. When it took a full batch, it goes again at once.
 */
export function interactionReader(options: {
  ingest: IngestService
  logger: Logger
  /** Channels read per round. */
  batch?: number
  idleMs?: number
}) {
  const batch = options.batch ?? 4
  const idleMs = options.idleMs ?? 5_000
  let stopping = false
  let timer: NodeJS.Timeout | undefined
  let round: Promise<void> | undefined
  let wake: (() => void) | undefined
  let idle: Promise<void> = Promise.resolve()

  async function run() {
    while (!stopping) {
      let read = 0
      try {
        read = await options.ingest.readDue(batch)
      } catch (error) {
        options.logger.error({ err: error }, 'the interaction reader failed a round')
      }
      if (stopping) break
      if (read >= batch) continue
      idle = new Promise<void>((resolve) => {
        wake = resolve
        timer = setTimeout(resolve, idleMs)
        timer.unref()
      })
      await idle
    }
  }

  return {
    start() {
      round ??= run()
    },
    /** Reads what is due now rather than at the next round (tests, a newly connected channel). */
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
