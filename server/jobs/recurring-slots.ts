import { z } from 'zod'
import { isIsoWeek } from '../../core/time/iso-week.js'
import type { RecurringSlotService } from '../services/recurring-slot-service.js'
import { defineJob, type JobQueue } from './queue.js'

/** Makes one slot's draft for one ISO week; the service makes it once, however often this runs. */
export function recurringSlotDraftJob(slots: RecurringSlotService) {
  return defineJob({
    name: 'recurring-slot-draft',
    payload: z.object({
      libraryId: z.string(),
      slotId: z.string(),
      week: z.string().refine(isIsoWeek, 'an ISO week such as 2027-W13'),
    }),
    retries: 3,
    retryDelaySeconds: 60,
    timeoutSeconds: 60,
    async handle({ libraryId, slotId, week }) {
      await slots.createWeeklyDraft(libraryId, slotId, week)
    },
  })
}

/** Hourly: queues next week's draft of every active slot not drafted yet, keyed by slot and week. */
export function recurringSlotsJob(
  slots: RecurringSlotService,
  queue: Pick<JobQueue, 'send'>,
  draftOne: ReturnType<typeof recurringSlotDraftJob>,
) {
  return defineJob({
    name: 'recurring-slots',
    payload: z.object({ hour: z.string() }),
    retries: 2,
    retryDelaySeconds: 60,
    timeoutSeconds: 120,
    async handle() {
      for (const work of await slots.dueWork())
        await queue.send(draftOne, work, { key: `${work.slotId}:${work.week}` })
    },
  })
}
