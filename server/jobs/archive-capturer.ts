import type { Logger } from '../logger.js'
import type { ArchiveCaptureService } from '../services/archive/capture-service.js'

/**
 * The worker's archive loop: every few seconds it captures what ingest and
 * the inbox wrote since its stored positions. A full round goes again at once.
 */
export function archiveCapturer(options: {
  capture: ArchiveCaptureService
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
      let busy = false
      try {
        busy = (await options.capture.captureDue()).full
      } catch (error) {
        options.logger.error({ err: error }, 'archive capture failed a round')
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
