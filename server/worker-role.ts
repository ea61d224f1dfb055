import type { Clock } from './clock.js'
import type { Config } from './config/config.js'
import { accessExpiryJob } from './jobs/access-expiry.js'
import { archiveCapturer } from './jobs/archive-capturer.js'
import { dailyDigestJobs } from './jobs/daily-digest.js'
import { interactionReader } from './jobs/interaction-reader.js'
import { interactionRetentionJob } from './jobs/interaction-retention.js'
import { ladderActivityLoop } from './jobs/ladder-activity.js'
import { ladderRebuildJob, ladderSweepJob } from './jobs/ladder-rebuild.js'
import { metricsSampler } from './jobs/metrics-sampler.js'
import { monthlyReportJobs } from './jobs/monthly-reports.js'
import { pathRemindersJob } from './jobs/path-reminders.js'
import { type PublicationDispatcher, publicationDispatcher } from './jobs/publication-dispatcher.js'
import { purgeExpiredJob } from './jobs/purge-expired.js'
import type { JobDefinition, JobQueue } from './jobs/queue.js'
import { recurringSlotDraftJob, recurringSlotsJob } from './jobs/recurring-slots.js'
import { refreshEventSourceJob, refreshEventsJob } from './jobs/refresh-events.js'
import { statsRollupLoop } from './jobs/stats-rollup.js'
import type { Logger } from './logger.js'
import type { Services } from './wiring.js'

/** Housekeeping is queued this often, keyed by the hour or day, so each runs once per period. */
const SCHEDULE_EVERY_MS = 10 * 60 * 1000

export interface WorkerRole {
  /** Takes jobs, publishes what is due, reads the networks and keeps the derived tables. */
  start(): Promise<void>
  /** Looks for due publications now rather than at the next tick (a post was just scheduled). */
  nudgePublishing(): void
  /** Resolves once publishing has carried out everything due by now (tests, benchmarks). */
  publishingDrained(): Promise<void>
  stop(): Promise<void>
}

/**
 * The worker's part of a Torget process: the queue's jobs, the loops that
 * publish, read, capture, sample and count, and the hourly schedule. The web
 * part queues only mail and withdrawals, made in the wiring and handed in.
 */
export function workerRole(deps: {
  queue: JobQueue
  services: Services
  config: Pick<Config, 'publishConcurrency' | 'publishTimeoutSeconds'>
  logger: Logger
  clock: Clock
  webJobs: readonly JobDefinition[]
}): WorkerRole {
  const { queue, services, config, logger, clock } = deps
  const purge = purgeExpiredJob(services.auth)
  const retention = interactionRetentionJob(services.interactionRetention)
  const digests = dailyDigestJobs(services.notifications, queue)
  const accessExpiry = accessExpiryJob(services.accessExpiry)
  const monthly = monthlyReportJobs(services.reports, queue)
  const ladderRebuild = ladderRebuildJob(services.ladder)
  const pathReminders = pathRemindersJob(services.path)
  const ladderSweep = ladderSweepJob(services.ladder, queue, ladderRebuild)
  const refreshEventSource = refreshEventSourceJob(services.events)
  const refreshEvents = refreshEventsJob(services.events, queue, refreshEventSource)
  const recurringSlotDraft = recurringSlotDraftJob(services.recurringSlots)
  const recurringSlots = recurringSlotsJob(services.recurringSlots, queue, recurringSlotDraft)

  let started = false
  let housekeeping: NodeJS.Timeout | undefined
  let dispatcher: PublicationDispatcher | undefined
  let loops: { start(): void; stop(): Promise<void> }[] = []

  const schedule = () => {
    const at = clock.now().toISOString()
    const hour = at.slice(0, 13)
    const day = hour.slice(0, 10)
    const sends: [string, () => Promise<void>][] = [
      ['retention', () => queue.send(retention, { day }, { key: `interaction-retention:${day}` })],
      ['the ladder', () => queue.send(ladderSweep, { day }, { key: `ladder-sweep:${day}` })],
      ['housekeeping', () => queue.send(purge, { hour }, { key: hour })],
      ['digests', () => queue.send(digests.scan, { at }, { key: `digest-scan:${hour}` })],
      [
        'expiry warnings',
        () => queue.send(accessExpiry, { hour }, { key: `access-expiry:${hour}` }),
      ],
      [
        'monthly reports',
        () => queue.send(monthly.scan, { at }, { key: `monthly-report-scan:${hour}` }),
      ],
      [
        'event refresh',
        () => queue.send(refreshEvents, { hour }, { key: `refresh-events:${hour}` }),
      ],
      [
        'path reminders',
        () => queue.send(pathReminders, { hour }, { key: `path-reminders:${hour}` }),
      ],
      [
        'weekly slots',
        () => queue.send(recurringSlots, { hour }, { key: `recurring-slots:${hour}` }),
      ],
    ]
    for (const [what, send] of sends)
      send().catch((error: unknown) => logger.warn({ err: error }, `could not queue ${what}`))
  }

  return {
    async start() {
      await queue.work([
        ...deps.webJobs,
        purge,
        retention,
        digests.scan,
        digests.digest,
        accessExpiry,
        monthly.scan,
        monthly.report,
        refreshEvents,
        refreshEventSource,
        recurringSlots,
        recurringSlotDraft,
        ladderSweep,
        ladderRebuild,
        pathReminders,
      ])
      dispatcher = publicationDispatcher({
        publishing: services.publishing,
        logger,
        concurrency: config.publishConcurrency,
        // Within the lease, so no other worker takes a publication this one is still trying.
        attemptTimeoutMs: config.publishTimeoutSeconds * 750,
        clock,
      })
      dispatcher.start()
      loops = [
        interactionReader({ ingest: services.ingest, logger }),
        archiveCapturer({ capture: services.archiveCapture, logger }),
        metricsSampler({ collection: services.metrics, logger, clock }),
        statsRollupLoop({ rollups: services.rollups, logger }),
        ladderActivityLoop({ ladder: services.ladder, logger }),
      ]
      for (const loop of loops) loop.start()
      started = true
      schedule()
      housekeeping = setInterval(schedule, SCHEDULE_EVERY_MS)
      housekeeping.unref()
    },
    nudgePublishing() {
      dispatcher?.nudge()
    },
    publishingDrained() {
      if (!dispatcher) return Promise.reject(new Error('the worker is not started'))
      return dispatcher.drained()
    },
    async stop() {
      if (housekeeping) clearInterval(housekeeping)
      for (const loop of loops) await loop.stop()
      await dispatcher?.stop()
      if (started) await queue.stop()
      else await queue.stop().catch(() => {})
    },
  }
}
