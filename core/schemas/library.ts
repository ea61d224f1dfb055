import { z } from 'zod'
import { localeSchema, timeZoneSchema } from '../locale.js'
import { roleSchema } from '../roles.js'
import { idSchema } from './common.js'

export const libraryNameSchema = z.string().trim().min(2).max(120)

export const librarySchema = z
  .object({
    id: idSchema,
    name: z.string(),
    timeZone: z.string(),
    locale: localeSchema,
    requireSecondApprover: z
      .boolean()
      .meta({ description: 'A post must be approved by someone other than its author' }),
    repliesNeedApproval: z
      .boolean()
      .meta({ description: 'Answers from the inbox go through approval like posts' }),
    createdAt: z.string(),
  })
  .meta({ id: 'Library' })
export type Library = z.infer<typeof librarySchema>

export const createLibrarySchema = z
  .strictObject({
    name: libraryNameSchema,
    timeZone: timeZoneSchema.default('Europe/Stockholm'),
    locale: localeSchema.default('sv'),
  })
  .meta({ id: 'CreateLibrary' })

export const updateLibrarySchema = z
  .strictObject({
    name: libraryNameSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    locale: localeSchema.optional(),
    requireSecondApprover: z.boolean().optional(),
    repliesNeedApproval: z.boolean().optional(),
  })
  .meta({ id: 'UpdateLibrary' })

/** The sections of the workspace shell and whether they hold anything yet. */
export const SECTIONS = [
  'planning',
  'inbox',
  'ideas',
  'statistics',
  'strategy',
  'archive',
  'channels',
  'members',
  'settings',
] as const
export const sectionSchema = z.enum(SECTIONS)
export type Section = z.infer<typeof sectionSchema>

export const workspaceSchema = z
  .object({
    library: librarySchema,
    role: roleSchema,
    memberCount: z.number().int(),
    pendingInvitations: z.number().int(),
    sections: z.array(
      z.object({ id: sectionSchema, available: z.boolean(), itemCount: z.number().int() }),
    ),
  })
  .meta({ id: 'Workspace' })
export type Workspace = z.infer<typeof workspaceSchema>
