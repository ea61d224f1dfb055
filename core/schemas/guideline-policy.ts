import { z } from 'zod'
import { guidelinePolicySchema } from '../guidelines/policy.js'

/** What the composer checks against: the approved policy, or the defaults until one is approved. */
export const currentGuidelinePolicySchema = z
  .object({
    policy: guidelinePolicySchema,
    source: z.enum(['default', 'approved']),
    versionId: z.string().nullable(),
    approvedAt: z.string().nullable(),
  })
  .meta({ id: 'CurrentGuidelinePolicy' })
export type CurrentGuidelinePolicy = z.infer<typeof currentGuidelinePolicySchema>
