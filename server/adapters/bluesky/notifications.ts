import { z } from 'zod'
import type { InteractionKind } from '../../../core/channels/networks.js'
import { fetchableUrl, httpsUrl } from '../../../core/https-url.js'
import type { Interaction, RemoteAuthor, RemoteMedia } from '../channels/interactions.js'
import { postUrl } from './record-key.js'

/**
 * What Torget reads of the AppView's answers. Each entry is checked on its own
 * and one that does not fit is skipped, so a new or odd shape never costs the
 * entries beside it.
 */
const datetime = z.string().refine((s) => !Number.isNaN(Date.parse(s)))
const atUri = z.string().regex(/^at:\/\/did:[a-z]+:[^/]+\/[a-zA-Z0-9.-]+\/[^/]+$/)
const strongRef = z.object({ uri: atUri, cid: z.string().min(1) })

const authorSchema = z.object({
  did: z.string().startsWith('did:'),
  handle: z.string().min(1),
  displayName: z.string().optional().catch(undefined),
  avatar: z.string().optional().catch(undefined),
})

export const postRecordSchema = z.object({
  text: z.string(),
  createdAt: z.string().optional().catch(undefined),
  reply: z.object({ root: strongRef, parent: strongRef }).optional().catch(undefined),
})
type PostRecord = z.infer<typeof postRecordSchema>

const notificationSchema = z.object({
  uri: atUri,
  cid: z.string().min(1),
  author: authorSchema,
  reason: z.string(),
  reasonSubject: z.string().optional().catch(undefined),
  record: z.record(z.string(), z.unknown()),
  indexedAt: datetime,
})

export const postViewSchema = z.object({
  uri: atUri,
  cid: z.string().min(1),
  author: authorSchema,
  record: postRecordSchema,
  indexedAt: datetime,
  /** The hydrated embed (app.bsky.embed.*#view): where its files are served. */
  embed: z.unknown().optional(),
})
export type PostView = z.infer<typeof postViewSchema>

const subjectRecordSchema = z.object({
  subject: strongRef,
  createdAt: z.string().optional().catch(undefined),
})
const followRecordSchema = z.object({
  subject: z.string(),
  createdAt: z.string().optional().catch(undefined),
})

const POST_REASONS = new Set(['reply', 'mention', 'quote'])
const SUBJECT_REASONS = new Set(['like', 'repost'])

/** An interaction with the time the AppView sorts it by. */
export interface Dated {
  interaction: Interaction
  /** The notification's sort time, or a thread reply's indexing time (ms). */
  at: number
  /** Its record embeds files the notification does not say where to fetch: read the post's view. */
  mediaPending?: boolean
}

const imagesViewSchema = z.object({
  $type: z.literal('app.bsky.embed.images#view'),
  images: z.array(z.object({ fullsize: z.string(), alt: z.string().catch('') })),
})
const videoViewSchema = z.object({
  $type: z.literal('app.bsky.embed.video#view'),
  playlist: z.string(),
  alt: z.string().optional().catch(undefined),
})
const embedViewSchema = z.union([
  imagesViewSchema,
  videoViewSchema,
  z.object({
    $type: z.literal('app.bsky.embed.recordWithMedia#view'),
    media: z.union([imagesViewSchema, videoViewSchema]),
  }),
])

/**
 * The files of a post view's embed: images at full size. A video is listed by
 * its HLS playlist, which the archive keeps as the address it had (a stream,
 * not one file to copy).
 */
export function mediaOfView(embed: unknown): RemoteMedia[] {
  const parsed = embedViewSchema.safeParse(embed)
  if (!parsed.success) return []
  const media =
    parsed.data.$type === 'app.bsky.embed.recordWithMedia#view' ? parsed.data.media : parsed.data
  if (media.$type === 'app.bsky.embed.video#view') {
    const url = fetchableUrl(media.playlist)
    return url ? [{ kind: 'video', url, alt: media.alt ?? '' }] : []
  }
  return media.images.flatMap((i) => {
    const url = fetchableUrl(i.fullsize)
    return url ? [{ kind: 'image' as const, url, alt: i.alt }] : []
  })
}

const MEDIA_EMBEDS = new Set(['app.bsky.embed.images', 'app.bsky.embed.video'])

/** Whether a post record embeds images or a video (alone or beside a quoted post). */
export function recordHasMedia(record: Record<string, unknown>): boolean {
  const embed = z
    .object({ $type: z.string(), media: z.object({ $type: z.string() }).optional() })
    .safeParse(record.embed)
  if (!embed.success) return false
  return MEDIA_EMBEDS.has(embed.data.$type) || MEDIA_EMBEDS.has(embed.data.media?.$type ?? '')
}

/**
 * One entry of app.bsky.notification.listNotifications as an interaction, or
 * undefined for what Torget does not record: reasons it does not know
 * (verified, starterpack-joined, like-via-repost …), and entries that do not
 * have the shape their reason promises.
 */
export function fromNotification(raw: unknown, libraryDid: string): Dated | undefined {
  const parsed = notificationSchema.safeParse(raw)
  if (!parsed.success) return undefined
  const n = parsed.data
  const at = Date.parse(n.indexedAt)
  const author = remoteAuthor(n.author)
  if (author.remoteId === libraryDid) return undefined
  if (POST_REASONS.has(n.reason)) {
    const record = postRecordSchema.safeParse(n.record)
    if (!record.success) return undefined
    const post = { uri: n.uri, cid: n.cid, record: record.data, indexedAt: n.indexedAt }
    const kind = n.reason as 'reply' | 'mention' | 'quote'
    const subject = n.reasonSubject?.startsWith(`at://${libraryDid}/`) ? n.reasonSubject : undefined
    const interaction = fromPost(post, author, kind, libraryDid, subject)
    return recordHasMedia(n.record) ? { interaction, at, mediaPending: true } : { interaction, at }
  }
  if (SUBJECT_REASONS.has(n.reason)) {
    const record = subjectRecordSchema.safeParse(n.record)
    if (!record.success) return undefined
    return {
      interaction: {
        kind: n.reason as 'like' | 'repost',
        remoteId: n.uri,
        author,
        text: '',
        url: '',
        createdAt: createdAt(record.data.createdAt, n.indexedAt),
        subjectRemoteId: record.data.subject.uri,
      },
      at,
    }
  }
  if (n.reason === 'follow') {
    const record = followRecordSchema.safeParse(n.record)
    if (!record.success || record.data.subject !== libraryDid) return undefined
    return {
      interaction: {
        kind: 'follow',
        remoteId: n.uri,
        author,
        text: '',
        url: author.profileUrl,
        createdAt: createdAt(record.data.createdAt, n.indexedAt),
      },
      at,
    }
  }
  return undefined
}

/**
 * A post as an interaction. A reply directly under one of the library's
 * posts is a reply even when it also names the library: the AppView then
 * reports it as a mention (one notification per account and post, mentions
 * first), but for the person answering it is an answer in the thread.
 */
export function fromPost(
  post: Pick<PostView, 'uri' | 'cid' | 'record' | 'indexedAt' | 'embed'>,
  author: RemoteAuthor,
  kind: 'reply' | 'mention' | 'quote',
  libraryDid: string,
  subject?: string,
): Interaction {
  const { reply } = post.record
  const underOurs = reply?.parent.uri.startsWith(`at://${libraryDid}/`)
  const finalKind: InteractionKind = kind === 'mention' && underOurs ? 'reply' : kind
  const interaction: Interaction = {
    kind: finalKind,
    remoteId: post.uri,
    author,
    text: post.record.text,
    url: postUrl(author.remoteId, rkeyOf(post.uri)),
    createdAt: createdAt(post.record.createdAt, post.indexedAt),
    replyTarget: replyTarget(post),
  }
  const about = subject ?? (underOurs ? reply!.parent.uri : undefined)
  if (about) interaction.subjectRemoteId = about
  if (reply) {
    interaction.parentRemoteId = reply.parent.uri
    interaction.rootRemoteId = reply.root.uri
  }
  const media = mediaOfView(post.embed)
  if (media.length > 0) interaction.media = media
  return interaction
}

/** How to answer a post: itself as parent, and its thread's root (itself when it starts one). */
function replyTarget(post: { uri: string; cid: string; record: PostRecord }) {
  const root = post.record.reply?.root ?? { uri: post.uri, cid: post.cid }
  return { uri: post.uri, cid: post.cid, rootUri: root.uri, rootCid: root.cid }
}

export function remoteAuthor(author: z.infer<typeof authorSchema>): RemoteAuthor {
  const named = author.handle !== 'handle.invalid'
  const result: RemoteAuthor = {
    remoteId: author.did,
    handle: author.handle,
    displayName: author.displayName?.trim() || author.handle,
    profileUrl: `https://bsky.app/profile/${named ? author.handle : author.did}`,
  }
  const avatar = httpsUrl(author.avatar)
  if (avatar) result.avatarUrl = avatar
  return result
}

function createdAt(claimed: string | undefined, indexedAt: string): string {
  const at = claimed ? Date.parse(claimed) : NaN
  return new Date(Number.isNaN(at) ? Date.parse(indexedAt) : at).toISOString()
}

export function rkeyOf(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1)
}

export function didOf(uri: string): string {
  return uri.slice('at://'.length).split('/')[0]!
}

const threadNodeSchema: z.ZodType<ThreadNode> = z.lazy(() =>
  z.object({
    $type: z.string().optional(),
    post: z.unknown().optional(),
    replies: z.array(z.unknown()).optional().catch(undefined),
  }),
)
interface ThreadNode {
  $type?: string
  post?: unknown
  replies?: unknown[]
}

/**
 * The replies in a thread of app.bsky.feed.getPostThread, each with the
 * library's post it answers (the nearest one above it). The library's own
 * posts and entries that do not fit (blocked, not found, odd) are left out;
 * replies under a left-out entry are unreachable anyway.
 */
export function threadReplies(raw: unknown, libraryDid: string): Dated[] {
  const found: Dated[] = []
  const visit = (node: unknown, subject: string | undefined, depth: number) => {
    const parsed = threadNodeSchema.safeParse(node)
    if (!parsed.success || depth > 20) return
    const post = postViewSchema.safeParse(parsed.data.post)
    if (!post.success) return
    const ours = post.data.author.did === libraryDid
    if (!ours && subject) {
      const author = remoteAuthor(post.data.author)
      found.push({
        interaction: fromPost(post.data, author, 'reply', libraryDid, subject),
        at: Date.parse(post.data.indexedAt),
      })
    }
    for (const reply of parsed.data.replies ?? []) {
      visit(reply, ours ? post.data.uri : subject, depth + 1)
    }
  }
  const thread = z.object({ thread: z.unknown() }).safeParse(raw)
  if (thread.success) visit(thread.data.thread, undefined, 0)
  return found
}
