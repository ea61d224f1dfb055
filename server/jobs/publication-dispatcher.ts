import { type Clock, systemClock } from '../clock.js'
import type { Logger } from '../logger.js'
import type {
  AttemptResult,
  ClaimedPublication,
  PreparedAttempt,
  PublishingService,
} from '../services/publishing-service.js'

const BATCH_WINDOW_MS = 10

export interface DispatcherOptions {
  publishing: PublishingService
  logger: Logger
  /** Attempts in flight at once in this process. */
  concurrency: number
  /** An attempt still running after this long is given up as unknown; the next asks the network first. */
  attemptTimeoutMs: number
  /** Longest sleep while idle: how soon a publication scheduled by another process is seen. */
  pollMs?: number
  clock?: Clock
}

/**
 * The worker's publishing loop. Publications wait in their own table, so
 * there is one job per due time rather than one per publication: the loop
 * claims what is due in batches (one statement), sends each to its network
 * with bounded concurrency, and writes the outcomes in batches (one
 * transaction for however many finished while the last one was written).
 * Idle, it sleeps until the next due time, at most `pollMs`.
 *
 * A crash between an attempt and its write leaves the publication in flight;
 * after the lease another worker takes it and asks the network first, so
 * nothing is published twice and nothing is lost.
 */
export function publicationDispatcher(options: DispatcherOptions) {
  const { publishing, logger, concurrency, attemptTimeoutMs } = options
  const pollMs = options.pollMs ?? 500
  const clock = options.clock ?? systemClock
  // Claiming a handful at a time costs a statement each; wait until a quarter of the slots are free.
  const claimThreshold = Math.max(1, Math.floor(concurrency / 4))
  let running = 0
  let stopping = false
  let loop: Promise<void> | undefined
  const inFlight = new Set<Promise<void>>()
  let pending: AttemptResult[] = []
  let writing: Promise<void> | undefined
  let wake: (() => void) | undefined
  let wakeTimer: NodeJS.Timeout | undefined
  let flushTimer: NodeJS.Timeout | undefined
  const drainWaiters: (() => void)[] = []

  function nudge() {
    const w = wake
    wake = undefined
    if (wakeTimer) clearTimeout(wakeTimer)
    w?.()
  }

  function sleep(ms: number) {
    return new Promise<void>((resolve) => {
      wake = resolve
      wakeTimer = setTimeout(nudge, ms)
    })
  }

  function flush(): Promise<void> {
    if (writing || pending.length === 0) return writing ?? Promise.resolve()
    const batch = pending
    pending = []
    writing = publishing
      .record(batch)
      .then(({ broughtForward }) => {
        // A channel answers again and its backlog is due now: claim it without waiting for the poll.
        if (broughtForward > 0) nudge()
      })
      .catch((error: unknown) =>
        // Left in flight: after the lease they are taken again and the network asked first.
        logger.error({ err: error, count: batch.length }, 'could not record publishing outcomes'),
      )
      .finally(() => {
        writing = undefined
        if (pending.length > 0) void flush()
        else if (drainWaiters.length > 0) nudge()
      })
    return writing
  }

  function settle(results: AttemptResult[]) {
    pending.push(...results)
    // Outcomes finishing within a few milliseconds share one transaction.
    flushTimer ??= setTimeout(() => {
      flushTimer = undefined
      void flush()
    }, BATCH_WINDOW_MS)
  }

  async function carryOut(attempt: PreparedAttempt) {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), attemptTimeoutMs)
    })
    const outcome = await Promise.race([publishing.attempt(attempt), timeout])
    clearTimeout(timer)
    settle([
      {
        claimed: attempt.claimed,
        outcome: outcome === 'timeout' ? publishing.timedOut(attempt.claimed) : outcome,
      },
    ])
  }

  function start(batch: ClaimedPublication[], ready: PreparedAttempt[]) {
    running += ready.length
    for (const attempt of ready) {
      const task = carryOut(attempt)
        .catch((error: unknown) =>
          logger.error({ err: error, publicationId: attempt.claimed.id }, 'publishing attempt'),
        )
        .finally(() => {
          running--
          inFlight.delete(task)
          if (concurrency - running >= claimThreshold) nudge()
        })
      inFlight.add(task)
    }
    logger.debug({ claimed: batch.length, running }, 'publications claimed')
  }

  async function idleFor(): Promise<number> {
    const next = await publishing.nextDueAt()
    if (!next) return pollMs
    return Math.min(pollMs, Math.max(0, Date.parse(next) - clock.now().getTime()))
  }

  const quiet = () => running === 0 && !writing && pending.length === 0 && !flushTimer

  async function run() {
    while (!stopping) {
      try {
        const free = concurrency - running
        if (free < claimThreshold) {
          await sleep(pollMs)
          continue
        }
        // Quiet before the claim and nothing claimed: everything due by now is done.
        const waiters = quiet() ? drainWaiters.splice(0) : []
        const batch = await publishing.claimDue(free)
        if (batch.length === 0 && quiet()) for (const done of waiters) done()
        else drainWaiters.unshift(...waiters)
        if (batch.length > 0) {
          const { ready, decided } = await publishing.prepare(batch)
          if (decided.length > 0) settle(decided)
          start(batch, ready)
        }
        if (batch.length < free) {
          const wait = await idleFor()
          if (wait > 0) await sleep(wait)
        }
      } catch (error) {
        logger.error({ err: error }, 'publishing loop: could not claim; trying again shortly')
        await sleep(pollMs)
      }
    }
  }

  return {
    start() {
      stopping = false
      loop ??= run().finally(() => {
        loop = undefined
      })
    },
    /** Something became due sooner than the loop expects: look now. */
    nudge,
    /**
     * Resolves once the loop has looked and found nothing due, with no
     * attempt running and every outcome written: what was due by the clock's
     * now has been carried out. For tests and benchmarks that must show
     * something did not happen, without sleeping.
     */
    drained(): Promise<void> {
      return new Promise<void>((resolve) => {
        drainWaiters.push(resolve)
        nudge()
      })
    },
    /** Stops claiming, lets running attempts finish (each bounded by its timeout) and writes their outcomes. */
    async stop() {
      stopping = true
      nudge()
      await loop
      await Promise.allSettled([...inFlight])
      if (flushTimer) clearTimeout(flushTimer)
      flushTimer = undefined
      while (writing || pending.length > 0) await (writing ?? flush())
      for (const done of drainWaiters.splice(0)) done()
    },
  }
}
export type PublicationDispatcher = ReturnType<typeof publicationDispatcher>
