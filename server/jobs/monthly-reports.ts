import { z } from 'zod'
import { monthSchema } from '../../core/schemas/reports.js'
import type { ReportService } from '../services/reports/report-service.js'
import { type JobQueue, defineJob } from './queue.js'

/**
 * The monthly report, in two steps like the daily digest. The hourly tick
 * sends a scan; the scan queues one report per library (and one for the
 * installation) whose month has come, keyed by scope and month. The report's
 * own run record makes a month go out once, even after the queue has
 * forgotten the key.
 */
export function monthlyReportJobs(reports: ReportService, queue: JobQueue) {
  const report = defineJob({
    name: 'monthly-report',
    payload: z.object({ scope: z.string().min(1).max(64), month: monthSchema }),
    retries: 4,
    retryDelaySeconds: 120,
    timeoutSeconds: 300,
    async handle({ scope, month }) {
      await reports.send(scope, month)
    },
  })
  const scan = defineJob({
    name: 'monthly-report-scan',
    payload: z.object({ at: z.iso.datetime() }),
    retries: 2,
    retryDelaySeconds: 60,
    timeoutSeconds: 300,
    async handle({ at }) {
      for (const due of await reports.due(new Date(at)))
        await queue.send(report, due, { key: `monthly-report:${due.scope}:${due.month}` })
    },
  })
  return { scan, report }
}
