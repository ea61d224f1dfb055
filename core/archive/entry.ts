import { z } from 'zod'
import { networkSchema } from '../channels/networks.js'

/**
 * The public-records archive as Torget keeps it: per library, an append-only
 * chain of entries. An entry never changes; an edit or deletion seen on the
 * network, a moderation action or a correction is a new entry that refers to
 * the one it concerns. Each entry's hash covers its content and the previous
 * entry's hash, so a changed byte anywhere breaks the chain from there on.
 *
 * Weeding under a recorded decision removes an entry's content and media but
 * keeps the row with its hashes, so the chain still verifies and the decision
 * can list exactly what it removed.
 */
export const ARCHIVE_ENTRY_KINDS = [
  /** A post as published on one channel (upprättad when published). */
  'post_published',
  /** A reply, mention, quote or comment on the library's account (inkommen when published there). */
  'item_received',
  /** The network showed a new text for a received item; the first text stays in its entry. */
  'item_edited',
  /** The item is gone from the network (its author or a moderator deleted it). */
  'item_deleted',
  /** The item is hidden from the library (block, takedown, deactivated account). */
  'item_unavailable',
  /** A moderation action on the network (hide, delete, block …) with its legal ground. */
  'moderation',
  /** A moderation action undone. */
  'moderation_undone',
  /** The policy version that came into force. */
  'policy_version',
] as const
export const archiveEntryKindSchema = z.enum(ARCHIVE_ENTRY_KINDS)
export type ArchiveEntryKind = z.infer<typeof archiveEntryKindSchema>

/** Allmän handling: drawn up by the library (upprättad) or received by it (inkommen). */
export const RECORD_CLASSES = ['upprattad', 'inkommen'] as const
export type RecordClass = (typeof RECORD_CLASSES)[number]

export function recordClassOf(kind: ArchiveEntryKind): RecordClass {
  return kind.startsWith('item_') ? 'inkommen' : 'upprattad'
}

/** A file kept with an entry, stored once per library by its SHA-256. */
export const archiveMediaSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mimeType: z.string(),
  byteSize: z.number().int().nonnegative(),
  alt: z.string(),
  /** A received file: the address it was copied from. */
  sourceUrl: z.string().optional(),
})
export type ArchiveMedia = z.infer<typeof archiveMediaSchema>

/** A file a received item carried that the archive could not copy, and why. */
export const archiveMissingMediaSchema = z.object({
  kind: z.enum(['image', 'video', 'audio']),
  sourceUrl: z.string(),
  alt: z.string(),
  reason: z.enum(['unreachable', 'too_large', 'not_a_file', 'refused']),
})
export type ArchiveMissingMedia = z.infer<typeof archiveMissingMediaSchema>

/** Someone on the network, as the network showed them when the entry was made. */
export const archivePersonSchema = z.object({
  remoteId: z.string(),
  handle: z.string(),
  name: z.string(),
})
export type ArchivePerson = z.infer<typeof archivePersonSchema>

/** A member of the library, named as they were named then. */
export const archiveMemberSchema = z.object({ id: z.string(), name: z.string() })

/** What an entry says, by kind. Only these fields are hashed, in canonical JSON (RFC 8785). */
export const archiveContentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('post_published'),
    postId: z.string(),
    publicationId: z.string(),
    text: z.string(),
    language: z.string().nullable(),
    link: z.string().nullable(),
    media: z.array(archiveMediaSchema),
    writtenBy: archiveMemberSchema.nullable(),
    approvedBy: z.array(archiveMemberSchema.extend({ at: z.string() })),
    publishedBy: archiveMemberSchema.nullable(),
    /** An answer to a received item: the item it answers. */
    inReplyTo: z.string().nullable(),
    policyVersion: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('item_received'),
    interactionId: z.string(),
    itemKind: z.string(),
    text: z.string(),
    author: archivePersonSchema,
    /** The library's post it concerns, and the conversation's root and parent, as network ids. */
    subjectRemoteId: z.string().nullable(),
    rootRemoteId: z.string().nullable(),
    parentRemoteId: z.string().nullable(),
    media: z.array(archiveMediaSchema),
    /** Absent on entries captured before files were copied, and where all were. */
    missingMedia: z.array(archiveMissingMediaSchema).optional(),
  }),
  z.object({ kind: z.literal('item_edited'), interactionId: z.string(), text: z.string() }),
  z.object({ kind: z.literal('item_deleted'), interactionId: z.string() }),
  z.object({ kind: z.literal('item_unavailable'), interactionId: z.string() }),
  z.object({
    kind: z.literal('moderation'),
    actionId: z.string(),
    interactionId: z.string(),
    action: z.string(),
    /** A category of lag (1998:112) § 5, or the library's own rule. */
    reason: z.string(),
    note: z.string(),
    by: archiveMemberSchema.nullable(),
  }),
  z.object({
    kind: z.literal('moderation_undone'),
    actionId: z.string(),
    interactionId: z.string(),
    by: archiveMemberSchema.nullable(),
  }),
  z.object({
    kind: z.literal('policy_version'),
    policyId: z.string(),
    version: z.number().int(),
    approvedBy: archiveMemberSchema.nullable(),
    text: z.string(),
  }),
])
export type ArchiveContent = z.infer<typeof archiveContentSchema>

/** One link of a library's chain, as read from the store and as exported. */
export interface ArchiveEntry {
  id: string
  libraryId: string
  /** Position in the library's chain, from 1. */
  seq: number
  kind: ArchiveEntryKind
  recordClass: RecordClass
  /** What the entry is about, stable across its amendments: `post:<publicationId>`, `item:<interactionId>`, `policy:<id>:<version>`. */
  subject: string
  /** The entry this one amends (an edit, deletion or moderation of a received item). */
  refersTo: string | null
  channelId: string | null
  network: z.infer<typeof networkSchema> | null
  remoteId: string | null
  url: string | null
  /** When it happened: published, received on the account, seen edited or deleted. */
  occurredAt: string
  capturedAt: string
  /** Someone outside the library the entry is by or about (for search and registerutdrag). */
  person: ArchivePerson | null
  /** Null once weeded. */
  content: ArchiveContent | null
  contentHash: string
  prevHash: string
  hash: string
  weededBy: string | null
}

/** The first entry of a chain follows this. */
export const GENESIS_HASH = '0'.repeat(64)
