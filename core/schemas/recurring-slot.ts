import { z } from 'zod'
import { audienceIdSchema, localTimeSchema } from './campaign.js'
import { idSchema } from './common.js'

const weekdaySchema = z.number().int().min(1).max(7).meta({ description: '1 Monday … 7 Sunday' })

export const recurringSlotSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    weekday: weekdaySchema,
    time: localTimeSchema,
    channelIds: z.array(idSchema),
    prompt: z.string(),
    audience: z.string().nullable(),
    memberIds: z.array(idSchema).meta({ description: 'Who take turns, in order' }),
    active: z.boolean(),
    next: z
      .object({
        week: z.string(),
        plannedAt: z.string(),
        assigneeId: idSchema.nullable(),
      })
      .meta({ description: 'The next draft the weekly job will create' }),
    lastWeek: z.string().nullable().meta({ description: 'ISO week of the latest draft' }),
    lastPostId: idSchema.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'RecurringSlot' })
export type RecurringSlot = z.infer<typeof recurringSlotSchema>

export const saveRecurringSlotSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    weekday: weekdaySchema,
    time: localTimeSchema,
    channelIds: z.array(idSchema).max(20).default([]),
    prompt: z.string().trim().max(2000).default(''),
    audience: audienceIdSchema.nullable().default(null),
    memberIds: z.array(idSchema).max(50).default([]),
    active: z.boolean().default(true),
  })
  .meta({ id: 'SaveRecurringSlot' })

export const updateRecurringSlotSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    weekday: weekdaySchema.optional(),
    time: localTimeSchema.optional(),
    channelIds: z.array(idSchema).max(20).optional(),
    prompt: z.string().trim().max(2000).optional(),
    audience: audienceIdSchema.nullable().optional(),
    memberIds: z.array(idSchema).max(50).optional(),
    active: z.boolean().optional(),
  })
  .meta({ id: 'UpdateRecurringSlot' })
