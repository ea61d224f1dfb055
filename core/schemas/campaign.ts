import { z } from 'zod'
import { PLAN_PURPOSES } from '../planning/peak-plan.js'
import { idSchema } from './common.js'
import { postSchema } from './post.js'

export const localTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .meta({ description: 'HH:MM, 24 hours, in the library’s time zone' })
export const localDateSchema = z.iso.date().meta({ description: 'YYYY-MM-DD' })
export const audienceIdSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/)
  .meta({ description: "A target group id from the library's policy" })

const offsetDaysSchema = z
  .number()
  .int()
  .min(-90)
  .max(90)
  .meta({ description: 'Days from the peak day (−14 two weeks before, 0 the peak day)' })
const purposeSchema = z.enum(PLAN_PURPOSES)

export const planTemplateSlotSchema = z
  .strictObject({
    offsetDays: offsetDaysSchema,
    time: localTimeSchema,
    purpose: purposeSchema,
    perChannel: z
      .boolean()
      .default(false)
      .meta({ description: 'One post per campaign channel instead of one post to all' }),
    text: z.string().max(2000).default(''),
  })
  .meta({ id: 'PlanTemplateSlot' })

export const planTemplateSchema = z
  .object({
    /** Null for Torget's own plan, which every library has and nobody edits. */
    id: idSchema.nullable(),
    name: z.string(),
    slots: z.array(planTemplateSlotSchema),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'PlanTemplate' })
export type PlanTemplate = z.infer<typeof planTemplateSchema>

export const savePlanTemplateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(80),
    slots: z.array(planTemplateSlotSchema).min(1).max(30),
  })
  .meta({ id: 'SavePlanTemplate' })

export const createCampaignSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    goal: z.string().trim().max(2000).default(''),
    audience: audienceIdSchema.nullable().default(null),
    channelIds: z.array(idSchema).max(20).default([]),
    peakDate: localDateSchema,
    peakTime: localTimeSchema,
    eventId: idSchema
      .nullable()
      .default(null)
      .meta({ description: 'The library event the campaign builds up to' }),
  })
  .meta({ id: 'CreateCampaign' })

export const updateCampaignSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    goal: z.string().trim().max(2000).optional(),
    audience: audienceIdSchema.nullable().optional(),
    channelIds: z.array(idSchema).max(20).optional(),
    peakDate: localDateSchema.optional(),
    peakTime: localTimeSchema.optional(),
    eventId: idSchema.nullable().optional(),
  })
  .meta({ id: 'UpdateCampaign' })

export const campaignProgressSchema = z
  .object({
    slots: z.number().int().meta({ description: 'Posts in the campaign' }),
    filled: z.number().int().meta({ description: 'With text written' }),
    approved: z.number().int().meta({ description: 'Approved, scheduled or published' }),
    scheduled: z.number().int(),
    published: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ id: 'CampaignProgress' })
export type CampaignProgress = z.infer<typeof campaignProgressSchema>

export const campaignSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    goal: z.string(),
    audience: z.string().nullable(),
    channelIds: z.array(idSchema),
    peakAt: z.string().meta({ description: 'The peak as an instant (UTC)' }),
    peakDate: localDateSchema,
    peakTime: localTimeSchema,
    event: z
      .object({
        id: idSchema,
        summary: z.string(),
        startsAt: z.string(),
        status: z.enum(['confirmed', 'tentative', 'cancelled']),
      })
      .nullable(),
    progress: campaignProgressSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Campaign' })
export type Campaign = z.infer<typeof campaignSchema>

export const campaignDetailSchema = campaignSchema
  .extend({
    posts: z.array(postSchema),
    slots: z
      .array(
        z.object({
          postId: idSchema,
          offsetDays: z.number().int(),
          time: localTimeSchema,
          purpose: purposeSchema,
        }),
      )
      .meta({ description: 'The plan slot each post came from (posts added by hand have none)' }),
  })
  .meta({ id: 'CampaignDetail' })
export type CampaignDetail = z.infer<typeof campaignDetailSchema>

export const planSlotSchema = z
  .strictObject({
    offsetDays: offsetDaysSchema,
    time: localTimeSchema,
    purpose: purposeSchema,
    channelIds: z.array(idSchema).max(20).default([]),
    text: z.string().max(10_000).default(''),
    assigneeId: idSchema
      .nullable()
      .default(null)
      .meta({ description: 'Who writes it; empty slots take turns among `rotation`' }),
  })
  .meta({ id: 'PlanSlot' })
export type PlanSlot = z.infer<typeof planSlotSchema>

export const applyPlanSchema = z
  .strictObject({
    slots: z.array(planSlotSchema).min(1).max(60),
    rotation: z
      .array(idSchema)
      .max(50)
      .default([])
      .meta({ description: 'Members who take turns owning the slots without an owner' }),
  })
  .meta({ id: 'ApplyPlan' })
