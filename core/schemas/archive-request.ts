import { z } from 'zod'
import { MASK_FIELDS } from '../archive/masking.js'
import { archiveEntrySchema } from './archive.js'
import { idSchema, isoDateTimeSchema } from './common.js'

/**
 * A request for public records (begäran om utlämnande av allmän handling,
 * tryckfrihetsförordningen 2 kap.): registered under a diarienummer, the
 * records collected, reviewed for secrecy (masks), released as PDF or JSON,
 * every release logged.
 */
export const ARCHIVE_REQUEST_STATES = ['open', 'released', 'closed', 'refused'] as const
export const archiveRequestStateSchema = z.enum(ARCHIVE_REQUEST_STATES)
export type ArchiveRequestState = z.infer<typeof archiveRequestStateSchema>

export const RELEASE_FORMATS = ['pdf', 'json'] as const
export const releaseFormatSchema = z.enum(RELEASE_FORMATS)
export type ReleaseFormat = z.infer<typeof releaseFormatSchema>

const text = (max: number) => z.string().trim().max(max)

export const createArchiveRequestSchema = z
  .strictObject({
    diarienummer: text(100)
      .min(1)
      .meta({ description: 'The registry number, as the library writes it' }),
    /** Anyone may ask anonymously (TF 2 kap. 18 §): name and contact are optional. */
    requester: text(300).optional(),
    receivedAt: isoDateTimeSchema,
    description: text(2000).optional(),
  })
  .meta({ id: 'CreateArchiveRequest' })
export type CreateArchiveRequest = z.infer<typeof createArchiveRequestSchema>

export const addRequestItemsSchema = z
  .strictObject({ entryIds: z.array(idSchema).min(1).max(500) })
  .meta({ id: 'AddRequestItems' })

const rangeSchema = z
  .strictObject({ start: z.number().int().min(0), end: z.number().int().min(1) })
  .refine((r) => r.end > r.start, 'end after start')

export const createMaskSchema = z
  .strictObject({
    entryId: idSchema,
    field: z.enum(MASK_FIELDS),
    mediaIndex: z.number().int().min(0).max(20).optional(),
    /** Absent: the whole field. */
    ranges: z.array(rangeSchema).min(1).max(100).optional(),
    ground: text(200).min(1).meta({ description: 'The legal ground, e.g. "OSL 26 kap. 1 §"' }),
  })
  .meta({ id: 'CreateMask' })
export type CreateMask = z.infer<typeof createMaskSchema>

export const releaseRequestSchema = z
  .strictObject({ format: releaseFormatSchema })
  .meta({ id: 'ReleaseRequest' })

export const decideRequestSchema = z
  .strictObject({
    outcome: z.enum(['closed', 'refused']),
    /** For a refusal, the ground and the appeal note; for closing, why. */
    note: text(2000).min(1),
  })
  .meta({ id: 'DecideRequest' })
export type DecideRequest = z.infer<typeof decideRequestSchema>

const memberNameSchema = z.object({ id: z.string().nullable(), name: z.string() })

export const archiveMaskSchema = z
  .object({
    id: z.string(),
    entryId: z.string(),
    field: z.enum(MASK_FIELDS),
    mediaIndex: z.number().int().nullable(),
    ranges: z.array(z.object({ start: z.number(), end: z.number() })).nullable(),
    ground: z.string(),
    by: memberNameSchema,
    at: z.string(),
  })
  .meta({ id: 'ArchiveMask' })
export type ArchiveMask = z.infer<typeof archiveMaskSchema>

export const archiveReleaseSchema = z
  .object({
    id: z.string(),
    format: releaseFormatSchema,
    releasedAt: z.string(),
    by: memberNameSchema,
    entries: z.array(z.object({ id: z.string(), hash: z.string() })),
    maskIds: z.array(z.string()),
    fileSha256: z.string(),
    byteSize: z.number().int(),
  })
  .meta({ id: 'ArchiveRelease' })
export type ArchiveRelease = z.infer<typeof archiveReleaseSchema>

export const archiveRequestSummarySchema = z
  .object({
    id: z.string(),
    diarienummer: z.string(),
    requester: z.string().nullable(),
    receivedAt: z.string(),
    description: z.string(),
    state: archiveRequestStateSchema,
    decisionNote: z.string().nullable(),
    createdBy: memberNameSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    itemCount: z.number().int(),
  })
  .meta({ id: 'ArchiveRequestSummary' })
export type ArchiveRequestSummary = z.infer<typeof archiveRequestSummarySchema>

export const archiveRequestSchema = archiveRequestSummarySchema
  .extend({
    /** The collected entries in chain order, with the masks under review. */
    items: z.array(z.object({ entry: archiveEntrySchema, masks: z.array(archiveMaskSchema) })),
    releases: z.array(archiveReleaseSchema),
    /** The library's language, which the released files (and their mask notes) are written in. */
    releaseLocale: z.enum(['sv', 'en']),
  })
  .meta({ id: 'ArchiveRequest' })
export type ArchiveRequest = z.infer<typeof archiveRequestSchema>

export const archiveRequestListSchema = z.object({ items: z.array(archiveRequestSummarySchema) })
