import { z } from 'zod'
import { RECORD_CLASSES, archiveEntryKindSchema } from '../archive/entry.js'
import { localDateSchema } from './calendar.js'
import { idSchema } from './common.js'

const memberRef = z.object({ id: z.string().nullable(), name: z.string() })
const text = (max: number) => z.string().trim().min(1).max(max)

/** How long a rule keeps what it covers: a number of months or years, or for good. */
export const retentionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('months'), months: z.number().int().min(1).max(1200) }),
  z.strictObject({ type: z.literal('years'), years: z.number().int().min(1).max(100) }),
  z.strictObject({ type: z.literal('permanent') }),
])

export const retentionRuleInputSchema = z.strictObject({
  name: text(200),
  channelId: idSchema.nullable().optional(),
  tagId: idSchema.nullable().optional(),
  recordClass: z.enum(RECORD_CLASSES).nullable().optional(),
  kind: archiveEntryKindSchema.nullable().optional(),
  retention: retentionSchema,
})
export type RetentionRuleInput = z.infer<typeof retentionRuleInputSchema>

export const retentionRuleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    channelId: z.string().nullable(),
    tagId: z.string().nullable(),
    recordClass: z.enum(RECORD_CLASSES).nullable(),
    kind: archiveEntryKindSchema.nullable(),
    months: z.number().int().nullable().meta({ description: 'Null when permanent' }),
    permanent: z.boolean(),
    createdAt: z.string(),
    retiredAt: z.string().nullable(),
  })
  .meta({ id: 'RetentionRule' })
export type RetentionRuleView = z.infer<typeof retentionRuleSchema>

export const holdInputSchema = z.strictObject({
  reason: text(2000),
  from: localDateSchema.nullable().optional(),
  to: localDateSchema.nullable().optional(),
  channelId: idSchema.nullable().optional(),
  person: text(300).nullable().optional().meta({ description: "A network account's id or handle" }),
  tagId: idSchema.nullable().optional(),
})
export type HoldInput = z.infer<typeof holdInputSchema>

export const holdSchema = z
  .object({
    id: z.string(),
    reason: z.string(),
    from: z.string().nullable().meta({ description: 'First instant covered (UTC), or open' }),
    to: z.string().nullable().meta({ description: 'First instant no longer covered (UTC)' }),
    channelId: z.string().nullable(),
    person: z.string().nullable(),
    tagId: z.string().nullable(),
    placedBy: memberRef,
    placedAt: z.string(),
    liftedBy: memberRef.nullable(),
    liftedAt: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'ArchiveHold' })
export type HoldView = z.infer<typeof holdSchema>

export const weedingInputSchema = z.strictObject({
  reference: text(100).meta({ description: "The decision's diarienummer" }),
  ruleIds: z.array(idSchema).min(1).max(50),
  from: localDateSchema.meta({ description: 'First day of the period (included)' }),
  to: localDateSchema.meta({ description: 'Last day of the period (included)' }),
  note: z.string().trim().max(2000).optional(),
})
export type WeedingInput = z.infer<typeof weedingInputSchema>

/** Why an entry in the decision's period stays. */
export const heldBackReasonSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('legal_hold'), holdId: z.string(), text: z.string() }),
  z.object({ type: z.literal('open_request'), requestId: z.string(), text: z.string() }),
  z.object({
    type: z.literal('not_expired'),
    ruleId: z.string(),
    ruleName: z.string(),
    until: z.string(),
  }),
  z.object({ type: z.literal('permanent'), ruleId: z.string(), ruleName: z.string() }),
])
export type HeldBackReason = z.infer<typeof heldBackReasonSchema>

const entryRef = z.object({
  entryId: z.string(),
  seq: z.number().int(),
  kind: archiveEntryKindSchema,
  occurredAt: z.string(),
})

export const weedingPreviewSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    rules: z.array(retentionRuleSchema),
    remove: z.array(entryRef.extend({ ruleId: z.string(), retainedUntil: z.string() })),
    heldBack: z.array(entryRef.extend({ reasons: z.array(heldBackReasonSchema).min(1) })),
  })
  .meta({ id: 'WeedingPreview' })
export type WeedingPreview = z.infer<typeof weedingPreviewSchema>

export const weedingDecisionSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    rules: z.array(z.object({ id: z.string(), name: z.string(), months: z.number().nullable() })),
    from: z.string(),
    to: z.string(),
    note: z.string(),
    decidedBy: memberRef,
    decidedAt: z.string(),
    entryCount: z.number().int(),
    entries: z.array(entryRef.extend({ contentHash: z.string(), hash: z.string() })),
  })
  .meta({ id: 'WeedingDecision' })
export type WeedingDecisionView = z.infer<typeof weedingDecisionSchema>

export const reportQuerySchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
    .optional()
    .meta({
      description: "A month in the library's time zone; this month if left out",
      example: '2027-03',
    }),
})

export const archiveReportSchema = z
  .object({
    libraryId: z.string(),
    month: z.string(),
    from: z.string(),
    to: z.string(),
    captured: z.object({
      total: z.number().int(),
      byClass: z.object({ upprattad: z.number().int(), inkommen: z.number().int() }),
      byChannel: z.array(z.object({ channelId: z.string().nullable(), count: z.number().int() })),
    }),
    deletedOnNetwork: z.number().int(),
    moderated: z.number().int(),
    released: z.number().int(),
    weeded: z.number().int(),
    decisions: z.array(z.object({ id: z.string(), reference: z.string(), entries: z.number() })),
  })
  .meta({ id: 'ArchiveReport' })
export type ArchiveReport = z.infer<typeof archiveReportSchema>

export const archiveSettingsSchema = z.strictObject({
  interactionRetentionDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .nullable()
    .meta({ description: 'Likes, reposts and follows older than this are kept only as counts' }),
})
export type ArchiveSettings = z.infer<typeof archiveSettingsSchema>
