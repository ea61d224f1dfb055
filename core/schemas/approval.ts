import { z } from 'zod'
import { idSchema } from './common.js'

/** What a comment may hold: a question or a suggestion, not a document. */
export const commentTextSchema = z.string().trim().min(1).max(4000)

const versionField = z
  .number()
  .int()
  .meta({ description: 'The version you looked at; a newer one on the server is a conflict' })

export const reviewStepSchema = z
  .strictObject({
    version: versionField,
    note: commentTextSchema
      .optional()
      .meta({ description: 'Said to the others as a comment on the post' }),
  })
  .meta({ id: 'ReviewStep' })

export const createCommentSchema = z
  .strictObject({
    text: commentTextSchema.meta({
      description: 'Internal, never published. @Name mentions a member, who is notified',
    }),
  })
  .meta({ id: 'CreateComment' })

export const commentSchema = z
  .object({
    id: idSchema,
    postId: idSchema,
    authorId: idSchema,
    authorName: z.string(),
    text: z.string(),
    mentions: z.array(z.object({ userId: idSchema, name: z.string() })),
    createdAt: z.string(),
  })
  .meta({ id: 'Comment' })
export type Comment = z.infer<typeof commentSchema>

export const POST_EVENT_KINDS = [
  'created',
  'edited',
  'submitted',
  'approved',
  'returned',
  'scheduled',
  'unscheduled',
  'published',
  'failed',
  'commented',
  'assigned',
] as const
export const postEventKindSchema = z.enum(POST_EVENT_KINDS)
export type PostEventKind = z.infer<typeof postEventKindSchema>

/** The fields an edit can touch, as the history names them. */
export const EDITED_FIELDS = [
  'text',
  'variants',
  'channels',
  'images',
  'alt',
  'language',
  'plannedAt',
  'audience',
  'tags',
] as const
export type EditedField = (typeof EDITED_FIELDS)[number]

export const postEventDetailsSchema = z.object({
  fields: z.array(z.enum(EDITED_FIELDS)).optional(),
  /** An edit of approved content sent the post back to review (and off the schedule). */
  backToReview: z.boolean().optional(),
  unscheduled: z.boolean().optional(),
  /** Scheduled for this time. */
  at: z.string().optional(),
  /** Approved in the same step as scheduling, by the post's own author. */
  withSchedule: z.boolean().optional(),
  assigneeId: idSchema.nullable().optional(),
  /** A publication's channel, for a publishing outcome. */
  channels: z.array(z.string()).optional(),
})
export type PostEventDetails = z.infer<typeof postEventDetailsSchema>

export const postEventSchema = z
  .object({
    id: idSchema,
    kind: postEventKindSchema,
    actorId: idSchema.nullable(),
    actorName: z.string().nullable().meta({ description: 'Null for what Torget did itself' }),
    details: postEventDetailsSchema.extend({ assigneeName: z.string().nullable().optional() }),
    createdAt: z.string(),
  })
  .meta({ id: 'PostEvent' })
export type PostEvent = z.infer<typeof postEventSchema>

export const NOTIFICATION_KINDS = [
  'review_requested',
  'approved',
  'returned',
  'mentioned',
  'commented',
  'assigned',
  'inbox_assigned',
  'inbox_flagged',
  // The staff path: invited onto it, and a new policy version to read and confirm.
  'path_invited',
  'policy_approved',
  // Not moved on the path for some days: reminded once for the step they stand at.
  'path_stuck',
  'idea_drafted',
  'idea_published',
] as const
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS)
export type NotificationKind = z.infer<typeof notificationKindSchema>

export const notificationSchema = z
  .object({
    id: idSchema,
    kind: notificationKindSchema,
    libraryId: idSchema,
    libraryName: z.string(),
    postId: idSchema.nullable(),
    actorName: z.string().nullable(),
    excerpt: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' })
export type Notification = z.infer<typeof notificationSchema>

export const notificationListSchema = z
  .object({ unread: z.number().int(), items: z.array(notificationSchema) })
  .meta({ id: 'NotificationList' })
export type NotificationList = z.infer<typeof notificationListSchema>

export const notificationSettingsSchema = z
  .object({
    dailyDigest: z.boolean(),
    emailAvailable: z
      .boolean()
      .meta({ description: 'Whether this server sends e-mail at all (SMTP is set)' }),
  })
  .meta({ id: 'NotificationSettings' })
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>

export const updateNotificationSettingsSchema = z
  .strictObject({ dailyDigest: z.boolean() })
  .meta({ id: 'UpdateNotificationSettings' })
