import { z } from 'zod'
import { idSchema } from './common.js'

export const eventStatusSchema = z.enum(['confirmed', 'tentative', 'cancelled'])

export const eventSourceSchema = z
  .object({
    id: idSchema,
    kind: z.enum(['url', 'file']),
    name: z.string(),
    url: z.string().nullable(),
    lastFetchedAt: z.string().nullable().meta({ description: 'Last attempt to read it' }),
    lastSuccessAt: z.string().nullable(),
    lastError: z
      .object({
        code: z.string().meta({ description: 'An error code; its message is in core/errors' }),
        at: z.string(),
      })
      .nullable()
      .meta({ description: 'Why the last refresh failed; null once one succeeds' }),
    eventCount: z.number().int().meta({ description: 'Upcoming events from this source' }),
    createdAt: z.string(),
  })
  .meta({ id: 'EventSource' })
export type EventSource = z.infer<typeof eventSourceSchema>

export const addEventSourceSchema = z
  .strictObject({
    url: z.string().trim().min(1).max(2000),
    name: z.string().trim().max(120).optional(),
  })
  .meta({ id: 'AddEventSource' })

export const libraryEventSchema = z
  .object({
    id: idSchema,
    sourceId: idSchema,
    sourceName: z.string(),
    uid: z.string(),
    recurrenceId: z.string().nullable(),
    summary: z.string(),
    description: z.string(),
    location: z.string().nullable(),
    url: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string().meta({ description: 'Exclusive' }),
    allDay: z.boolean(),
    startDate: z.string().nullable().meta({ description: 'All-day events: the first day' }),
    endDate: z.string().nullable().meta({ description: 'All-day events: the day after the last' }),
    status: eventStatusSchema,
  })
  .meta({ id: 'LibraryEvent' })
export type LibraryEvent = z.infer<typeof libraryEventSchema>
