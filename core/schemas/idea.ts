import { z } from 'zod'
import { IDEA_ALT_MAX, IDEA_STATES, IDEA_TEXT_MAX } from '../idea-board.js'
import { httpsUrl } from '../https-url.js'
import { idSchema } from './common.js'

export { IDEA_ALT_MAX, IDEA_STATES, IDEA_TEXT_MAX } from '../idea-board.js'
export const ideaStateSchema = z.enum(IDEA_STATES)
export type IdeaState = z.infer<typeof ideaStateSchema>

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null))

export const ideaLinkSchema = z
  .string()
  .trim()
  .max(2000)
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || httpsUrl(v) !== undefined, {
    message: 'https://…',
  })

export const createIdeaSchema = z
  .strictObject({
    text: z.string().trim().min(1).max(IDEA_TEXT_MAX),
    book: optionalText(300).meta({ description: 'A book: title and author, or an ISBN' }),
    eventId: idSchema.nullish().meta({ description: "One of the library's events" }),
    link: ideaLinkSchema.meta({ description: 'An https address' }),
  })
  .meta({ id: 'CreateIdea' })

export const ideaPhotoQuerySchema = z.object({
  alt: z.string().trim().max(IDEA_ALT_MAX).optional().default(''),
})

export const updateIdeaStateSchema = z
  .strictObject({ state: ideaStateSchema })
  .meta({ id: 'UpdateIdeaState' })

export const ideaToDraftSchema = z
  .strictObject({
    campaignId: idSchema
      .nullish()
      .meta({ description: 'A campaign of the library: the draft becomes one of its posts' }),
  })
  .meta({ id: 'IdeaToDraft' })

export const ideaCommentSchema = z
  .object({
    id: idSchema,
    authorId: idSchema,
    authorName: z.string(),
    text: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'IdeaComment' })
export type IdeaComment = z.infer<typeof ideaCommentSchema>

export const createIdeaCommentSchema = z
  .strictObject({ text: z.string().trim().min(1).max(2000) })
  .meta({ id: 'CreateIdeaComment' })

export const ideaSchema = z
  .object({
    id: idSchema,
    text: z.string(),
    book: z.string().nullable(),
    link: z.string().nullable(),
    event: z
      .object({ id: idSchema, summary: z.string(), startsAt: z.string() })
      .nullable()
      .meta({ description: 'Null also when the event was removed from the calendar' }),
    state: ideaStateSchema,
    owner: z.object({ id: idSchema, name: z.string() }),
    photo: z
      .object({ alt: z.string(), width: z.number().int(), height: z.number().int() })
      .nullable(),
    supporters: z.number().int(),
    supportedByMe: z.boolean(),
    comments: z.number().int(),
    draft: z
      .object({ postId: idSchema, state: z.string(), campaignId: idSchema.nullable() })
      .nullable()
      .meta({ description: 'The post made of the idea, while it exists' }),
    createdAt: z.string(),
  })
  .meta({ id: 'Idea' })
export type Idea = z.infer<typeof ideaSchema>
