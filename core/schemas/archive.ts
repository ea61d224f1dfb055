import { z } from 'zod'
import {
  RECORD_CLASSES,
  archiveContentSchema,
  archiveEntryKindSchema,
  archivePersonSchema,
} from '../archive/entry.js'
import { networkSchema } from '../channels/networks.js'
import { localDateSchema } from './calendar.js'
import { idSchema } from './common.js'

/** An archive entry as the API shows it (the shape of core/archive/entry.ts). */
export const archiveEntrySchema = z
  .object({
    id: z.string(),
    libraryId: idSchema,
    seq: z.number().int(),
    kind: archiveEntryKindSchema,
    recordClass: z.enum(RECORD_CLASSES),
    subject: z.string(),
    refersTo: z.string().nullable(),
    channelId: z.string().nullable(),
    network: networkSchema.nullable(),
    remoteId: z.string().nullable(),
    url: z.string().nullable(),
    occurredAt: z.string().meta({ description: 'When it happened (UTC)' }),
    capturedAt: z.string().meta({ description: 'When Torget archived it (UTC)' }),
    person: archivePersonSchema.nullable(),
    content: archiveContentSchema.nullable().meta({ description: 'Null once weeded' }),
    contentHash: z.string(),
    prevHash: z.string(),
    hash: z.string(),
    weededBy: z.string().nullable(),
  })
  .meta({ id: 'ArchiveEntry' })

export const archiveQuerySchema = z.object({
  from: localDateSchema.optional().meta({ description: 'First day (included)' }),
  to: localDateSchema.optional().meta({ description: 'Last day (included)' }),
  channel: idSchema.optional(),
  kind: archiveEntryKindSchema.optional(),
  person: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .optional()
    .meta({ description: "A network account's id or handle" }),
  q: z.string().trim().min(1).max(200).optional().meta({ description: 'Text to look for' }),
  cursor: z
    .string()
    .max(200)
    .regex(/^[^|]+\|[^|]+$/, 'the `next` of a page')
    .optional()
    .meta({ description: 'The `next` of the previous page: entries older than it' }),
})
export type ArchiveQuery = z.infer<typeof archiveQuerySchema>

export const archivePageSchema = z.object({
  items: z.array(archiveEntrySchema),
  next: z.string().nullable().meta({ description: 'Pass as `cursor` for older entries' }),
})
export type ArchivePage = z.infer<typeof archivePageSchema>

export const archiveEntryDetailSchema = z.object({
  entry: archiveEntrySchema,
  /** Every entry about the same thing, in chain order: the item and its edits, deletion, moderation. */
  subject: z.array(archiveEntrySchema),
  /** The conversation it belongs to as archived: the library's post and the items in its thread. */
  conversation: z.array(archiveEntrySchema),
})
export type ArchiveEntryDetail = z.infer<typeof archiveEntryDetailSchema>
