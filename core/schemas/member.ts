import { z } from 'zod'
import { roleSchema } from '../roles.js'
import { emailSchema, idSchema, passwordSchema, personNameSchema } from './common.js'

export const memberSchema = z
  .object({
    userId: idSchema,
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    joinedAt: z.string(),
  })
  .meta({ id: 'Member' })
export type Member = z.infer<typeof memberSchema>

export const updateMemberSchema = z.strictObject({ role: roleSchema }).meta({ id: 'UpdateMember' })

export const invitationSchema = z
  .object({
    id: idSchema,
    role: roleSchema,
    email: z.string().nullable(),
    invitedBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'Invitation' })
export type Invitation = z.infer<typeof invitationSchema>

export const createInvitationSchema = z
  .strictObject({
    role: roleSchema,
    email: emailSchema.optional().meta({ description: 'When given, the link is also emailed' }),
  })
  .meta({ id: 'CreateInvitation' })

export const createdInvitationSchema = invitationSchema
  .extend({
    url: z.string().meta({ description: 'The link to give the colleague; shown only once' }),
    emailQueued: z.boolean(),
  })
  .meta({ id: 'CreatedInvitation' })

export const invitationPreviewSchema = z
  .object({
    libraryName: z.string(),
    role: roleSchema,
    email: z.string().nullable(),
    invitedBy: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'InvitationPreview' })
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>

export const acceptInvitationSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    email: emailSchema.optional(),
    password: z.string().min(1).max(200).optional(),
  })
  .meta({
    id: 'AcceptInvitation',
    description:
      'Empty when signed in. Signed out: name, email and password of a new account when the invitation names an address; only the email when it does not (a confirmation link is e-mailed there)',
  })

export const confirmationSentSchema = z
  .object({
    confirmationSentTo: z.string().meta({
      description:
        'The address a confirmation link was sent to (or, when it has an account, a note to its owner)',
    }),
  })
  .meta({ id: 'ConfirmationSent' })

export const emailConfirmationSchema = z
  .object({ email: z.string() })
  .meta({ id: 'EmailConfirmation' })

export const confirmInvitationSchema = z
  .strictObject({
    code: z.string().min(20).max(200).meta({ description: 'From the e-mailed confirmation link' }),
    name: personNameSchema,
    password: passwordSchema,
  })
  .meta({ id: 'ConfirmInvitation' })
