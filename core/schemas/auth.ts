import { z } from 'zod'
import { localeSchema, timeZoneSchema } from '../locale.js'
import { roleSchema } from '../roles.js'
import { emailSchema, idSchema, passwordSchema, personNameSchema } from './common.js'

export const userSchema = z
  .object({
    id: idSchema,
    email: z.string(),
    name: z.string(),
    locale: localeSchema,
    isInstanceAdmin: z.boolean(),
  })
  .meta({ id: 'User' })
export type User = z.infer<typeof userSchema>

export const membershipSummarySchema = z
  .object({
    libraryId: idSchema,
    libraryName: z.string(),
    role: roleSchema,
    timeZone: z.string(),
  })
  .meta({ id: 'MembershipSummary' })

export const sessionViewSchema = z
  .object({
    user: userSchema,
    csrfToken: z.string().meta({ description: 'Send as X-CSRF-Token on every write' }),
    memberships: z.array(membershipSummarySchema),
  })
  .meta({ id: 'Session' })
export type SessionView = z.infer<typeof sessionViewSchema>

export const setupStatusSchema = z
  .object({ needed: z.boolean(), demo: z.boolean() })
  .meta({ id: 'SetupStatus' })

export const setupInputSchema = z
  .strictObject({
    name: personNameSchema,
    email: emailSchema,
    password: passwordSchema,
    libraryName: z.string().trim().min(2).max(120),
    timeZone: timeZoneSchema.default('Europe/Stockholm'),
    locale: localeSchema.default('sv'),
    setupCode: z.string().trim().min(1).max(100).meta({
      description:
        'The one-time code Torget printed when it started (`torget doctor` shows it again), or TORGET_SETUP_CODE',
    }),
  })
  .meta({ id: 'SetupInput' })
export type SetupInput = z.input<typeof setupInputSchema>

export const signInInputSchema = z
  .strictObject({ email: emailSchema, password: z.string().min(1).max(200) })
  .meta({ id: 'SignInInput' })

export const resetRequestSchema = z
  .strictObject({ email: emailSchema })
  .meta({ id: 'PasswordResetRequest' })

export const resetConfirmSchema = z
  .strictObject({ token: z.string().min(20).max(200), password: passwordSchema })
  .meta({ id: 'PasswordResetConfirm' })

export const updateMeSchema = z
  .strictObject({ name: personNameSchema.optional(), locale: localeSchema.optional() })
  .meta({ id: 'UpdateMe' })
