import { z } from 'zod'
import { isLocalDate } from '../time/zoned.js'
import { networkSchema } from './channel.js'
import { idSchema } from './common.js'
import { postStateSchema } from './post.js'

/** Six weeks: a month grid shows up to 42 days, and the list view pages by month. */
export const CALENDAR_MAX_DAYS = 42

export const localDateSchema = z
  .string()
  .refine(isLocalDate, { message: 'YYYY-MM-DD' })
  .meta({ description: "A date in the library's time zone (YYYY-MM-DD)", example: '2027-03-01' })

/** `a,b,c` in a query string; empty parts are dropped. */
export const listParam = (item: z.ZodType<string, string>) =>
  z
    .string()
    .max(2000)
    .optional()
    .transform((raw) => (raw ? raw.split(',').filter(Boolean) : []))
    .pipe(z.array(item).max(50))

export const calendarFilterSchema = z.object({
  channel: listParam(idSchema).meta({ description: 'Channel ids, comma-separated' }),
  campaign: listParam(idSchema).meta({ description: 'Campaign ids, comma-separated' }),
  author: listParam(idSchema).meta({ description: 'Author user ids, comma-separated' }),
  assignee: listParam(idSchema).meta({ description: 'Assignee user ids, comma-separated' }),
  state: listParam(postStateSchema).meta({ description: 'Post states, comma-separated' }),
  tag: listParam(z.string().min(1).max(40)).meta({ description: 'Tags, comma-separated' }),
})
export type CalendarFilter = z.output<typeof calendarFilterSchema>

export const calendarQuerySchema = calendarFilterSchema.extend({
  from: localDateSchema,
  to: localDateSchema.meta({ description: 'The last day shown (included); at most 42 days' }),
  perDay: z.coerce.number().int().min(1).max(50).optional().meta({
    description:
      'At most this many posts per day (the first ones); `counts` still tells how many each day has',
  }),
})

export const calendarTimeKindSchema = z.enum(['published', 'scheduled', 'planned'])

export const calendarItemSchema = z
  .object({
    id: idSchema,
    state: z
      .string()
      .meta({ description: 'The post state; clients show states they do not know neutrally' }),
    at: z
      .string()
      .meta({ description: 'Calendar time (UTC): published, else scheduled, else planned' }),
    date: z.string().meta({ description: "The day in the library's time zone" }),
    time: z.string().meta({ description: "HH:MM in the library's time zone" }),
    kind: calendarTimeKindSchema,
    excerpt: z.string(),
    channelIds: z.array(idSchema),
    authorId: idSchema,
    authorName: z.string(),
    assigneeId: idSchema.nullable(),
    campaignId: idSchema.nullable(),
    tags: z.array(z.string()),
    version: z.number().int(),
  })
  .meta({ id: 'CalendarItem' })
export type CalendarItem = z.infer<typeof calendarItemSchema>

export const unplannedItemSchema = calendarItemSchema
  .omit({ at: true, date: true, time: true, kind: true })
  .extend({ updatedAt: z.string() })
  .meta({ id: 'UnplannedCalendarItem' })
export type UnplannedItem = z.infer<typeof unplannedItemSchema>

/** A library event (from its event calendar), shown on its day. */
export const calendarEventSchema = z
  .object({
    id: idSchema,
    title: z.string(),
    startsAt: z.string(),
    endsAt: z.string().nullable(),
    allDay: z.boolean(),
    date: z.string(),
    time: z.string().nullable(),
    cancelled: z.boolean(),
  })
  .meta({ id: 'CalendarEvent' })
export type CalendarEvent = z.infer<typeof calendarEventSchema>

export const calendarHolidaySchema = z.object({
  date: z.string(),
  id: z.string(),
  name: z.object({ sv: z.string(), en: z.string() }),
  kind: z.enum(['holiday', 'eve']),
})
export type CalendarHoliday = z.infer<typeof calendarHolidaySchema>

export const calendarSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    items: z.array(calendarItemSchema),
    /** Set when the period holds more posts than one answer carries. */
    truncated: z.boolean(),
    counts: z
      .record(z.string(), z.number().int())
      .meta({ description: 'How many posts each day holds (days with none are left out)' }),
    unplanned: z.object({ items: z.array(unplannedItemSchema), total: z.number().int() }),
    events: z
      .array(calendarEventSchema)
      .meta({ description: 'Library events in the period (empty until events are imported)' }),
    holidays: z.array(calendarHolidaySchema),
    channels: z.array(z.object({ id: idSchema, network: networkSchema, handle: z.string() })),
  })
  .meta({ id: 'Calendar' })
export type Calendar = z.infer<typeof calendarSchema>

export const calendarFeedSchema = z
  .object({
    active: z.boolean(),
    createdAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'CalendarFeed' })
export type CalendarFeed = z.infer<typeof calendarFeedSchema>

export const createdCalendarFeedSchema = calendarFeedSchema
  .extend({
    url: z.string().meta({ description: 'The secret address; shown once, store it in a calendar' }),
  })
  .meta({ id: 'CreatedCalendarFeed' })
export type CreatedCalendarFeed = z.infer<typeof createdCalendarFeedSchema>

export const calendarExportQuerySchema = calendarQuerySchema.omit({ perDay: true }).extend({
  to: localDateSchema.meta({ description: 'The last day (included); at most 400 days' }),
})
export const CALENDAR_EXPORT_MAX_DAYS = 400
