import { type Clock, systemClock } from '../clock.js'
import type { Logger } from '../logger.js'
import type { MetricsCollection } from '../services/metrics/collection-service.js'

const HOUR = 3_600_000

/**
 * The worker's counting loop: every few seconds it enrolls new channels and
 * reads the accounts and posts whose counts are due (each leased, so several
 * workers never read one at once); a full round goes again at once. Once an
 * hour, by the clock, it schedules published posts that have no schedule
 * (those from before collection began, on the first round) and ends the
 * schedules of removed channels.
 */
export function metricsSampler(options: {
  collection: MetricsCollection
  logger: Logger
  clock?: Clock
  /** Posts taken per round; accounts take a tenth of it. */
  batch?: number
  idleMs?: number
}) {
  const clock = options.clock ?? systemClock
  const batch = options.batch ?? 100
  const accountBatch = Math.max(1, Math.floor(batch / 10))
  const idleMs = options.idleMs ?? 15_000
  const { collection, logger } = options
  let stopping = false
  let timer: NodeJS.Timeout | undefined
  let round: Promise<void> | undefined
  let wake: (() => void) | undefined
  let sweptAt = -Infinity

  async function step(what: string, work: () => Promise<number | void>): Promise<number> {
    try {
      return (await work()) ?? 0
    } catch (error) {
      logger.error({ err: error }, `the metrics sampler failed to ${what}`)
      return 0
    }
  }

  async function run() {
    while (!stopping) {
      const now = clock.now().getTime()
      if (now - sweptAt >= HOUR) {
        sweptAt = now
        await step('end removed channels', () => collection.endRemovedChannels())
        await step('schedule published posts', () => collection.scheduleUnscheduled())
      }
      await step('enroll channels', () => collection.enrollChannels())
      const accounts = await step('read accounts', () => collection.sampleAccountsDue(accountBatch))
      const posts = await step('read posts', () => collection.samplePostsDue(batch))
      if (stopping) break
      if (accounts >= accountBatch || posts >= batch) continue
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
