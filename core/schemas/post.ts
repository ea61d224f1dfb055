import { z } from 'zod'
import { RESHAPE_MODES } from '../composer/aspect.js'
import { postLanguageSchema } from '../languages.js'
import { idSchema } from './common.js'
import { networkSchema } from './channel.js'

/** draft → in_review → approved → scheduled → published / failed; withdrawn once taken off the networks. */
export const POST_STATES = [
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'published',
  'failed',
  'withdrawn',
] as const
export const postStateSchema = z.enum(POST_STATES)
export type PostState = z.infer<typeof postStateSchema>

export const PUBLICATION_STATES = [
  'draft',
  'pending',
  'in_flight',
  'unknown',
  'published',
  'failed',
  'cancelled',
  'deleting',
  'deleted',
] as const
export const publicationStateSchema = z.enum(PUBLICATION_STATES)
export type PublicationState = z.infer<typeof publicationStateSchema>

/** Long enough for a thread-sized text in any network, short enough to bound every check. */
export const postTextSchema = z.string().max(10_000)

export const publicationSchema = z
  .object({
    id: idSchema,
    channelId: idSchema,
    network: networkSchema,
    channelHandle: z.string(),
    state: publicationStateSchema,
    dueAt: z.string(),
    attempts: z.number().int(),
    url: z.string().nullable(),
    errorKind: z.string().nullable(),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    publishedAt: z.string().nullable(),
    stuck: z
      .boolean()
      .meta({ description: 'Due or in flight for over a minute without an outcome' }),
  })
  .meta({ id: 'Publication' })
export type Publication = z.infer<typeof publicationSchema>

export const postImageSchema = z
  .object({
    id: idSchema,
    mimeType: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    byteSize: z.number().int(),
    alt: z.string(),
  })
  .meta({ id: 'PostImage' })
export type PostImage = z.infer<typeof postImageSchema>

export const postSchema = z
  .object({
    id: idSchema,
    text: z.string(),
    variants: z.record(z.string(), z.string()),
    language: postLanguageSchema,
    channelIds: z.array(idSchema),
    state: postStateSchema,
    scheduledAt: z.string().nullable(),
    plannedAt: z
      .string()
      .nullable()
      .meta({ description: 'When it is planned for, before it is scheduled' }),
    assigneeId: idSchema
      .nullable()
      .meta({ description: 'The member who is to write or finish it' }),
    audience: z
      .string()
      .nullable()
      .meta({ description: "A target group id from the library's policy" }),
    tags: z.array(z.string()),
    campaignId: idSchema.nullable(),
    paidBoost: z.boolean().meta({
      description: 'The library paid to spread it; statistics count it as paid, not owned',
    }),
    approvedBy: idSchema
      .nullable()
      .meta({ description: 'Who approved the current content; cleared when it changes' }),
    approvedByName: z.string().nullable(),
    approvedAt: z.string().nullable(),
    version: z.number().int(),
    authorId: idSchema,
    authorName: z.string(),
    images: z.array(postImageSchema),
    publications: z.array(publicationSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Post' })
export type Post = z.infer<typeof postSchema>

export const postTagSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .transform((t) => t.replace(/^#/, ''))
export const postTagsSchema = z
  .array(postTagSchema)
  .max(10)
  .transform((tags) => [...new Set(tags)])
const audienceIdSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/)
  .nullable()

/** Planning fields a writer may set on a draft; none of them publishes anything. */
const planningFields = {
  plannedAt: z.iso.datetime({ offset: true }).nullable().optional(),
  assigneeId: idSchema.nullable().optional(),
  audience: audienceIdSchema.optional(),
  tags: postTagsSchema.optional(),
  campaignId: idSchema.nullable().optional().meta({
    description: 'A campaign of the same library; null takes the post out of its campaign',
  }),
}

export const createPostSchema = z
  .strictObject({
    text: postTextSchema,
    variants: z.record(idSchema, postTextSchema).default({}),
    language: postLanguageSchema
      .optional()
      .meta({ description: "The language it is written in; the library's when not given" }),
    channelIds: z.array(idSchema).max(20).default([]),
    ...planningFields,
  })
  .meta({ id: 'CreatePost' })

export const updatePostSchema = z
  .strictObject({
    version: z
      .number()
      .int()
      .meta({ description: 'The version you edited; a newer one on the server is a conflict' }),
    text: postTextSchema.optional(),
    variants: z.record(idSchema, postTextSchema).optional(),
    language: postLanguageSchema.optional(),
    channelIds: z.array(idSchema).max(20).optional(),
    ...planningFields,
  })
  .meta({ id: 'UpdatePost' })

export const paidBoostSchema = z.strictObject({ paid: z.boolean() }).meta({ id: 'PaidBoost' })

export const schedulePostSchema = z
  .strictObject({
    at: z.iso
      .datetime({ offset: true })
      .meta({ description: 'When to publish (ISO 8601 with offset)' }),
    version: z.number().int(),
  })
  .meta({ id: 'SchedulePost' })

export const updateImageSchema = z
  .strictObject({ alt: z.string().max(2000) })
  .meta({ id: 'UpdatePostImage' })

export const reshapeImageSchema = z
  .strictObject({
    mode: z.enum(RESHAPE_MODES).meta({
      description:
        'pad_white: white edges; pad_blur: blurred edges of the image itself; crop: keep the centre',
    }),
  })
  .meta({ id: 'ReshapePostImage' })
