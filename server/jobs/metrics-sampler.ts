import { type Clock, systemClock } from '../clock.js'
import type { Logger } from '../logger.js'
import type { MetricsCollection } from '../services/metrics/collection-service.js'
import { pollingLoop } from './polling-loop.js'

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
  let sweptAt = -Infinity

  async function step(what: string, work: () => Promise<number | void>): Promise<number> {
    try {
      return (await work()) ?? 0
    } catch (error) {
      logger.error({ err: error }, `the metrics sampler failed to ${what}`)
      return 0
    }
  }

  // Each step logs its own failure, so one that fails never holds up the others.
  return pollingLoop({
    logger,
    failure: 'the metrics sampler failed',
    idleMs,
    async round() {
      const now = clock.now().getTime()
      if (now - sweptAt >= HOUR) {
        sweptAt = now
        await step('end removed channels', () => collection.endRemovedChannels())
        await step('schedule published posts', () => collection.scheduleUnscheduled())
      }
      await step('enroll channels', () => collection.enrollChannels())
      const accounts = await step('read accounts', () => collection.sampleAccountsDue(accountBatch))
      const posts = await step('read posts', () => collection.samplePostsDue(batch))
      return accounts >= accountBatch || posts >= batch
    },
  })
}
