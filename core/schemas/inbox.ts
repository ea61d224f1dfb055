import { z } from 'zod'
import { INBOX_KINDS, moderationActionSchema, networkSchema } from '../channels/networks.js'
import { idSchema } from './common.js'

/*
 * The inbox's API. An item is one reply, mention, quote or comment another
 * account made to the library; its copy is kept unchanged whatever happens on
 * the network (edited, deleted, hidden by the library).
 */

export const INBOX_STATES = ['new', 'assigned', 'answered', 'done'] as const
export const inboxStateSchema = z.enum(INBOX_STATES)
export type InboxState = z.infer<typeof inboxStateSchema>
export const inboxKindSchema = z.enum(INBOX_KINDS)

const person = z.object({ id: idSchema, name: z.string() })
const tag = z.object({ id: idSchema, name: z.string() })

export const remoteAuthorSchema = z.object({
  handle: z.string(),
  displayName: z.string(),
  profileUrl: z.string(),
  avatarUrl: z.string().nullable(),
  /** How many earlier items this author has in the library's inbox. */
  seenBefore: z.number().int(),
})

export const inboxItemSchema = z
  .object({
    id: idSchema,
    channel: z.object({ id: idSchema, network: networkSchema, handle: z.string() }),
    kind: inboxKindSchema,
    state: inboxStateSchema,
    author: remoteAuthorSchema,
    text: z.string(),
    url: z.string(),
    /** When the network says it was written, and when Torget heard it. */
    createdAt: z.string(),
    receivedAt: z.string(),
    editedAt: z.string().nullable(),
    /** The author deleted it on the network; Torget keeps its copy. */
    deletedAt: z.string().nullable(),
    /** The library hid or detached it on the network (moderation). */
    moderatedAt: z.string().nullable(),
    assignee: person.nullable(),
    tags: z.array(tag),
    hasQuestion: z.boolean(),
    /** Escalated to the Ansvarig. */
    flagged: z.boolean(),
    /** The library's post it belongs to, when Torget published it. */
    subject: z
      .object({ postId: idSchema.nullable(), text: z.string(), url: z.string() })
      .nullable(),
    /** By when an answer meets the policy's target; null when the policy sets none. */
    dueAt: z.string().nullable(),
    firstResponseAt: z.string().nullable(),
    /** Bumped on every change; send it back with a reply or change to be told of a colleague's. */
    version: z.number().int(),
  })
  .meta({ id: 'InboxItem' })
export type InboxItem = z.infer<typeof inboxItemSchema>

export const inboxListQuerySchema = z.object({
  channel: idSchema.optional(),
  state: z.union([inboxStateSchema, z.literal('open')]).optional(),
  tag: idSchema.optional(),
  /** 'me', 'none' or a member's id. */
  assignee: z.string().max(64).optional(),
  question: z.enum(['yes', 'no']).optional(),
  flagged: z.enum(['yes']).optional(),
  q: z.string().trim().max(200).optional(),
  /** From the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
})
export type InboxListQuery = z.infer<typeof inboxListQuerySchema>

export const inboxPageSchema = z
  .object({
    items: z.array(inboxItemSchema),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'InboxPage' })
export type InboxPage = z.infer<typeof inboxPageSchema>

/** Open items are counted up to this many per state; a count that reaches it means "at least". */
export const INBOX_COUNT_CAP = 1_000

export const inboxCountsSchema = z
  .object({ new: z.number(), assigned: z.number(), answered: z.number() })
  .meta({
    id: 'InboxCounts',
    description: `Open items per state, each counted up to ${INBOX_COUNT_CAP}`,
  })
export type InboxCounts = z.infer<typeof inboxCountsSchema>

export const conversationPostSchema = z.object({
  remoteId: z.string(),
  author: z.object({ handle: z.string(), displayName: z.string() }),
  text: z.string(),
  url: z.string(),
  createdAt: z.string(),
  /** Written by the library's account. */
  ours: z.boolean(),
  /** This item itself. */
  current: z.boolean(),
})

export const INBOX_ACTIVITY_ACTIONS = [
  'received',
  'assigned',
  'unassigned',
  'tagged',
  'untagged',
  'state_changed',
  'reopened',
  'flagged',
  'unflagged',
  'note_added',
  'reply_queued',
  'reply_approved',
  'reply_returned',
  'reply_published',
  'reply_failed',
  'moderated',
  'moderation_failed',
  'moderation_undone',
  'edited_remotely',
  'deleted_remotely',
  'unavailable',
] as const
export const inboxActivityActionSchema = z.enum(INBOX_ACTIVITY_ACTIONS)

export const inboxActivitySchema = z.object({
  id: idSchema,
  at: z.string(),
  action: inboxActivityActionSchema,
  /** Null when an automatic rule or the network did it. */
  actor: person.nullable(),
  rule: z.object({ id: idSchema, name: z.string() }).nullable(),
  /** Action-specific: { state }, { tag }, { assignee }, { action, reason } … */
  detail: z.record(z.string(), z.unknown()),
  /** An automatic action that can still be undone. */
  undoable: z.boolean(),
})

export const inboxReplySchema = z.object({
  postId: idSchema,
  text: z.string(),
  /** The post's state: in_review, scheduled, publishing, published, failed; draft once returned. */
  state: z.string(),
  /** The post's version, which approving or returning it names. */
  version: z.number().int(),
  author: person,
  createdAt: z.string(),
  url: z.string().nullable(),
  /** Why the reviewer returned it, when they did and said. */
  returnNote: z.string().nullable(),
})

export const inboxNoteSchema = z.object({
  id: idSchema,
  author: person,
  body: z.string(),
  createdAt: z.string(),
})

export const moderationRecordSchema = z.object({
  id: idSchema,
  action: moderationActionSchema,
  reasonCategory: z.string(),
  reason: z.string(),
  actor: person,
  at: z.string(),
  /** pending until the network confirmed; failed with a code when it refused. */
  state: z.enum(['pending', 'done', 'failed', 'undone']),
  errorCode: z.string().nullable(),
})

export const presenceSchema = z.object({
  user: person,
  mode: z.enum(['viewing', 'writing']),
})

export const inboxItemDetailSchema = z
  .object({
    item: inboxItemSchema,
    conversation: z.array(conversationPostSchema),
    notes: z.array(inboxNoteSchema),
    activity: z.array(inboxActivitySchema),
    replies: z.array(inboxReplySchema),
    moderation: z.array(moderationRecordSchema),
    presence: z.array(presenceSchema),
    /** What the network lets the library do about this item. */
    moderationActions: z.array(moderationActionSchema),
    /** The policy's own words for this kind of item (personal matters, complaints, threats). */
    guidance: z.object({
      personalMatters: z.string(),
      complaints: z.string(),
      threats: z.string(),
      escalation: z.string(),
    }),
  })
  .meta({ id: 'InboxItemDetail' })
export type InboxItemDetail = z.infer<typeof inboxItemDetailSchema>

export const inboxItemPatchSchema = z.strictObject({
  /** The item's `version` as the person saw it; a newer one answers 409 with the item as it is. */
  version: z.number().int(),
  state: inboxStateSchema.optional(),
  assigneeId: idSchema.nullable().optional(),
  tagIds: z.array(idSchema).max(20).optional(),
  flagged: z.boolean().optional(),
})

export const inboxNoteInputSchema = z.strictObject({ body: z.string().trim().min(1).max(4000) })

export const inboxReplyInputSchema = z.strictObject({
  version: z.number().int(),
  text: z.string().trim().min(1).max(5000),
  language: z.string().min(2).max(12).optional(),
  /** Send even though the policy checks warn (never past a blocking finding). */
  acknowledgeWarnings: z.boolean().optional(),
})

export const moderationInputSchema = z.strictObject({
  action: moderationActionSchema,
  /** One of MODERATION_REASONS' ids (core/inbox/moderation-reasons.ts). */
  reasonCategory: z.string().min(1).max(60),
  reason: z.string().trim().min(3).max(2000),
})

export const presenceInputSchema = z.strictObject({ mode: z.enum(['viewing', 'writing', 'gone']) })

export const inboxTagSchema = z
  .object({ id: idSchema, name: z.string(), position: z.number().int(), items: z.number().int() })
  .meta({ id: 'InboxTag' })
export const inboxTagInputSchema = z.strictObject({ name: z.string().trim().min(1).max(40) })

export const savedReplySchema = z
  .object({
    id: idSchema,
    title: z.string(),
    body: z.string(),
    updatedAt: z.string(),
    updatedBy: person,
  })
  .meta({ id: 'SavedReply' })
export type SavedReply = z.infer<typeof savedReplySchema>
export const savedReplyInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(80),
  body: z.string().trim().min(1).max(5000),
})

/** GET …/inbox/events (text/event-stream): one `change` event per changed item. */
export const inboxChangeEventSchema = z.object({
  itemId: idSchema,
  version: z.number().int(),
  state: inboxStateSchema,
  action: inboxActivityActionSchema,
  actor: person.nullable(),
})
export type InboxChangeEvent = z.infer<typeof inboxChangeEventSchema>

export const responseTimeRowSchema = z.object({
  /** The week (2026-W49), the channel's handle or the member's name. */
  key: z.string(),
  label: z.string(),
  answered: z.number().int(),
  /** Working time to the first answer, in minutes; null with no answers. */
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  /** Share of answers within the policy's target, 0..1; null with no target or no answers. */
  withinTarget: z.number().nullable(),
})
export const responseTimesSchema = z
  .object({
    targetMinutes: z.number().nullable(),
    target: z.string(),
    byWeek: z.array(responseTimeRowSchema),
    byChannel: z.array(responseTimeRowSchema),
    byMember: z.array(responseTimeRowSchema),
    /** Open items that miss the target within the next working hours, soonest first. */
    atRisk: z.array(inboxItemSchema),
  })
  .meta({ id: 'ResponseTimes' })
export type ResponseTimes = z.infer<typeof responseTimesSchema>
