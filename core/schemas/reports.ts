import { z } from 'zod'
import { COMPARE_METRICS } from '../stats/compare.js'
import { GOAL_STATUSES } from '../stats/goal-progress.js'
import { MONTH } from '../stats/months.js'
import { goalMeasureSchema } from '../strategy/goal-measure.js'
import { emailSchema, idSchema } from './common.js'

export const monthSchema = z
  .string()
  .regex(MONTH, 'YYYY-MM')
  .meta({ description: 'A calendar month, YYYY-MM', example: '2026-03' })

/**
 * One library's month in figures, as the Statistik page counts them: what
 * the monthly report shows and what libraries are compared by. Likes,
 * reposts, replies (and comments), quotes and mentions are what was received
 * in the month; engagements are those on the month's own posts.
 */
export const monthFiguresSchema = z
  .object({
    month: monthSchema,
    followersStart: z.number().nullable(),
    followersEnd: z.number().nullable(),
    postsPublished: z.number().int(),
    engagements: z.number().int(),
    likes: z.number().int(),
    reposts: z.number().int(),
    replies: z.number().int().meta({ description: 'Replies and comments received' }),
    quotes: z.number().int(),
    mentions: z.number().int(),
    answered: z.number().int().meta({ description: 'Items received in the month and answered' }),
    answeredWithinTarget: z.number().int(),
    medianResponseMinutes: z.number().nullable(),
  })
  .meta({ id: 'MonthFigures' })
export type MonthFigures = z.infer<typeof monthFiguresSchema>

export const goalProgressViewSchema = z
  .object({
    index: z.number().int().meta({ description: "The goal's place in the strategy's list" }),
    goal: z.string(),
    measure: goalMeasureSchema.nullable(),
    measureLabel: z.string().nullable().meta({ description: 'The measure in words' }),
    shape: z.enum(['level', 'per_month', 'share']).nullable(),
    status: z.enum(GOAL_STATUSES),
    current: z.number().nullable(),
    currentDay: z.string().nullable(),
    target: z.number().nullable(),
    unit: z.string(),
    deadline: z.string().nullable(),
    share: z.number().nullable().meta({ description: 'current / target' }),
    forecast: z.number().nullable().meta({ description: 'Where the trend is on the deadline' }),
    reachesOn: z.string().nullable(),
    sentence: z.string().meta({ description: 'The progress in one plain sentence' }),
  })
  .meta({ id: 'GoalProgress' })
export type GoalProgressView = z.infer<typeof goalProgressViewSchema>

export const goalsProgressSchema = z
  .object({
    from: z.enum(['policy', 'draft']).nullable().meta({
      description: 'Whose goals: the approved policy, else the draft until one is approved',
    }),
    today: z.string(),
    goals: z.array(goalProgressViewSchema),
  })
  .meta({ id: 'GoalsProgress' })
export type GoalsProgress = z.infer<typeof goalsProgressSchema>

export const reportRecipientSchema = z
  .object({
    id: idSchema,
    email: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastSentAt: z.string().nullable(),
    bouncedAt: z
      .string()
      .nullable()
      .meta({ description: 'When the mail server refused the address; not sent to until cleared' }),
    bounceReason: z.string().nullable(),
  })
  .meta({ id: 'ReportRecipient' })
export type ReportRecipient = z.infer<typeof reportRecipientSchema>

export const addReportRecipientSchema = z
  .strictObject({
    email: emailSchema,
    name: z.string().trim().max(120).default(''),
  })
  .meta({ id: 'AddReportRecipient' })

export const reportSettingsSchema = z
  .object({
    recipients: z.array(reportRecipientSchema),
    emailAvailable: z.boolean().meta({ description: 'Whether this server can send e-mail' }),
    lastSent: z.object({ month: monthSchema, at: z.string() }).nullable(),
    latestMonth: monthSchema.meta({
      description: 'The last whole month: what the next report shows',
    }),
    comparison: z
      .object({ optedIn: z.boolean(), since: z.string().nullable() })
      .meta({ description: "Absent in the instance's settings" })
      .optional(),
  })
  .meta({ id: 'ReportSettings' })
export type ReportSettings = z.infer<typeof reportSettingsSchema>

export const setComparisonSchema = z
  .strictObject({ optedIn: z.boolean() })
  .meta({ id: 'SetComparison' })

export const testReportSchema = z
  .strictObject({ month: monthSchema.optional() })
  .meta({ id: 'SendTestReport' })

export const testReportSentSchema = z
  .object({ to: z.string(), month: monthSchema })
  .meta({ id: 'TestReportSent' })

export const comparisonSchema = z
  .object({
    month: monthSchema,
    optedIn: z.boolean(),
    peers: z.number().int().meta({
      description: 'How many other libraries of the installation take part (not who)',
    }),
    minPeers: z.number().int(),
    shown: z.boolean(),
    rows: z.array(
      z.object({
        metric: z.enum(COMPARE_METRICS),
        own: z.number().nullable(),
        median: z.number().nullable(),
        lowerIsBetter: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'Comparison' })
export type Comparison = z.infer<typeof comparisonSchema>
