import type { Logger } from '../logger.js'

/**
 * A worker loop over an ordered outbox (archive capture, statistics rollups,
 * the ladder's sums): every `idleMs` it runs a round; a round that says more is
 * waiting goes again at once. A failed round is logged and tried again later.
 */
export function pollingLoop(options: {
  /** One round; true when it read as much as it may, so more may be waiting now. */
  round: () => Promise<boolean>
  logger: Logger
  /** What the log says when a round fails. */
  failure: string
  idleMs?: number
}) {
  const idleMs = options.idleMs ?? 5_000
  let stopping = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let wake: (() => void) | undefined

  async function run() {
    while (!stopping) {
      let more = false
      try {
        more = await options.round()
      } catch (error) {
        options.logger.error({ err: error }, options.failure)
      }
      if (stopping) break
      if (more) continue
      await new Promise<void>((resolve) => {
        wake = resolve
        timer = setTimeout(resolve, idleMs)
        timer.unref()
      })
    }
  }

  return {
    start() {
      running ??= run()
    },
    /** Runs a round now rather than at the end of the wait. */
    nudge() {
      if (timer) clearTimeout(timer)
      wake?.()
    },
    async stop() {
      stopping = true
      if (timer) clearTimeout(timer)
      wake?.()
      await running
    },
  }
}
