import { z } from 'zod'
import { guidelinePolicySchema } from '../guidelines/policy.js'
import { DEFAULT_RESPONSE_TARGET, responseTargetSchema } from '../inbox/response-time.js'
import { goalMeasureSchema } from '../strategy/goal-measure.js'
import { idSchema } from './common.js'

/*
 * The strategy the workshop asks a library to write, section by section. A
 * draft may be half-written (empty fields are fine, the policy leaves them
 * out); only lengths are bounded, so autosave never refuses honest work in
 * progress. Unknown fields are refused.
 */
const line = z.string().trim().max(300)
const text = z.string().trim().max(4000)
const list = <T extends z.ZodType>(item: T, max = 40) => z.array(item).max(max)
const isoDate = z.iso.date()

export const STRATEGY_SECTIONS = [
  'why',
  'goals',
  'audiences',
  'channels',
  'planning',
  'content',
  'responses',
  'measurement',
  'roles',
  'voice',
  'guidelines',
] as const
export type StrategySection = (typeof STRATEGY_SECTIONS)[number]

export const strategyDocumentSchema = z
  .strictObject({
    why: z.strictObject({ mission: text, strengths: list(line), weaknesses: list(line) }),
    goals: list(
      z.strictObject({
        goal: line,
        metric: line,
        target: z.number().min(0).max(1_000_000_000).nullable(),
        unit: z.string().trim().max(40),
        deadline: isoDate.nullable(),
        /** A figure Torget keeps that shows progress; documents saved before it have none. */
        measure: goalMeasureSchema.nullable().default(null),
      }),
    ),
    audiences: list(
      z.strictObject({
        name: line,
        description: text,
        channels: list(z.string().trim().max(80), 20),
        tone: text,
      }),
    ),
    channels: list(z.strictObject({ channel: line, why: text, forWhom: line, frequency: line })),
    planning: z.strictObject({ rhythm: text, peaks: text }),
    content: z.strictObject({
      pillars: list(z.strictObject({ name: line, description: text })),
      recipes: list(z.strictObject({ name: line, description: text })),
    }),
    responses: z.strictObject({
      responseTime: line,
      whoAnswers: text,
      escalation: text,
      complaints: text,
      threats: text,
      personalMatters: text,
      /** The answer target the inbox measures against; documents saved before it get the default. */
      target: responseTargetSchema.default(() => ({ ...DEFAULT_RESPONSE_TARGET })),
    }),
    measurement: z.strictObject({
      kpis: list(z.strictObject({ name: line, target: line, howOften: line })),
    }),
    roles: list(z.strictObject({ who: line, participate: text, respond: text, inform: text })),
    voice: z.strictObject({
      perAudience: list(z.strictObject({ audience: line, voice: text })),
      do: list(line),
      dont: list(line),
      examples: list(z.strictObject({ text, comment: line })),
    }),
    /** The guideline checks' settings; enforced once a version is approved. */
    guidelines: guidelinePolicySchema,
  })
  .meta({ id: 'StrategyDocument' })
export type StrategyDocument = z.infer<typeof strategyDocumentSchema>
export type StrategyDocumentInput = z.input<typeof strategyDocumentSchema>

const personStampSchema = z.object({ id: idSchema, name: z.string() })

export const strategyVersionSummarySchema = z
  .object({
    id: idSchema,
    number: z.number().int(),
    note: z.string(),
    createdAt: z.string(),
    createdBy: personStampSchema,
    approvedAt: z.string().nullable(),
    approvedBy: personStampSchema.nullable(),
    current: z.boolean().meta({ description: 'The approved version in force' }),
  })
  .meta({ id: 'StrategyVersionSummary' })
export type StrategyVersionSummary = z.infer<typeof strategyVersionSummarySchema>

export const strategyVersionSchema = strategyVersionSummarySchema
  .extend({ document: strategyDocumentSchema })
  .meta({ id: 'StrategyVersion' })
export type StrategyVersion = z.infer<typeof strategyVersionSchema>

export const strategyDraftSchema = z
  .object({
    document: strategyDocumentSchema,
    version: z.number().int().meta({
      description: 'Send it back with the next save; 0 means nothing is saved yet (starter text)',
    }),
    updatedAt: z.string().nullable(),
    updatedBy: personStampSchema.nullable(),
  })
  .meta({ id: 'StrategyDraft' })
export type StrategyDraft = z.infer<typeof strategyDraftSchema>

export const strategyOverviewSchema = z
  .object({
    draft: strategyDraftSchema,
    current: strategyVersionSummarySchema.nullable(),
    publicLink: z.object({ enabled: z.boolean(), url: z.string().nullable() }),
  })
  .meta({ id: 'StrategyOverview' })
export type StrategyOverview = z.infer<typeof strategyOverviewSchema>

export const saveStrategyDraftSchema = z
  .strictObject({
    version: z.number().int().min(0).meta({ description: 'The draft version you edited' }),
    document: strategyDocumentSchema,
  })
  .meta({ id: 'SaveStrategyDraft' })

export const createStrategyVersionSchema = z
  .strictObject({
    draftVersion: z.number().int().min(1).meta({
      description: 'The draft version you saw; a newer draft on the server is a conflict',
    }),
    note: z.string().trim().max(300).default(''),
  })
  .meta({ id: 'CreateStrategyVersion' })

export const policyViewSchema = z
  .object({
    libraryName: z.string(),
    locale: z.enum(['sv', 'en']),
    version: strategyVersionSummarySchema,
    document: strategyDocumentSchema,
    readAt: z.string().nullable().meta({ description: 'When you confirmed this version' }),
  })
  .meta({ id: 'PolicyView' })
export type PolicyView = z.infer<typeof policyViewSchema>

export const policyReaderSchema = z
  .object({
    userId: idSchema,
    name: z.string(),
    role: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'PolicyReader' })
export type PolicyReader = z.infer<typeof policyReaderSchema>

export const confirmPolicyReadSchema = z
  .strictObject({ versionId: idSchema })
  .meta({ id: 'ConfirmPolicyRead' })

export const publicLinkSchema = z
  .object({ enabled: z.boolean(), url: z.string().nullable() })
  .meta({ id: 'PolicyPublicLink' })
export type PublicLink = z.infer<typeof publicLinkSchema>

export const setPublicLinkSchema = z
  .strictObject({ enabled: z.boolean() })
  .meta({ id: 'SetPolicyPublicLink' })

/** What a signed-out visitor sees: the policy text and when it was approved, nothing more. */
export const publicPolicySchema = z
  .object({
    libraryName: z.string(),
    locale: z.enum(['sv', 'en']),
    versionNumber: z.number().int(),
    approvedAt: z.string(),
    document: strategyDocumentSchema,
  })
  .meta({ id: 'PublicPolicy' })
export type PublicPolicy = z.infer<typeof publicPolicySchema>
