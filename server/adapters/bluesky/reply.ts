import { z } from 'zod'
import { ChannelError } from '../channels/channel-adapter.js'
import type { ReplyTarget } from '../channels/interactions.js'
import type { SharedRateBudget } from '../channels/rate-budget.js'
import { appViewQuery } from './appview.js'
import { didOf } from './notifications.js'
import type { SignedIn } from './session.js'

const atUri = z.string().regex(/^at:\/\/did:[a-z]+:[^/]+\/app\.bsky\.feed\.post\/[^/]+$/)
const replyTargetSchema = z.object({
  uri: atUri,
  cid: z.string().min(1),
  rootUri: atUri,
  rootCid: z.string().min(1),
})

export interface ReplyRef {
  root: { uri: string; cid: string }
  parent: { uri: string; cid: string }
}

/** The record's `reply` from the target ingest handed out (notifications.ts replyTarget). */
export function replyRef(target: ReplyTarget): ReplyRef {
  const parsed = replyTargetSchema.safeParse(target)
  if (!parsed.success) {
    throw new ChannelError(
      'permanent',
      'invalid_post',
      'The post to answer is not a Bluesky post Torget can reply to',
    )
  }
  const { uri, cid, rootUri, rootCid } = parsed.data
  return { root: { uri: rootUri, cid: rootCid }, parent: { uri, cid } }
}

const viewSchema = z.object({
  uri: z.string(),
  author: z.object({
    viewer: z
      .object({ blockedBy: z.boolean().optional(), blocking: z.string().optional() })
      .optional(),
  }),
  viewer: z.object({ replyDisabled: z.boolean().optional() }).optional(),
})
const postsSchema = z.object({ posts: z.array(z.unknown()) })
const profileSchema = z.object({
  viewer: z
    .object({ blockedBy: z.boolean().optional(), blocking: z.string().optional() })
    .optional(),
})

/**
 * The PDS writes any reply it is given; it is the AppView that later hides
 * one the thread's gate refuses or whose author blocks the library, and no
 * one would see the answer. So the AppView is asked first, and a reply it
 * would not show is a permanent 'reply_not_allowed'.
 */
export async function assertMayReply(
  s: SignedIn,
  budget: SharedRateBudget,
  ref: ReplyRef,
): Promise<void> {
  const uris = [...new Set([ref.parent.uri, ref.root.uri])]
  const body = postsSchema.parse(await appViewQuery(s, budget, 'app.bsky.feed.getPosts', { uris }))
  const views = new Map<string, z.infer<typeof viewSchema>>()
  for (const raw of body.posts) {
    const view = viewSchema.safeParse(raw)
    if (view.success) views.set(view.data.uri, view.data)
  }
  const blocks = (viewer?: { blockedBy?: boolean; blocking?: string }) =>
    Boolean(viewer?.blockedBy || viewer?.blocking)
  const refusedByBlock = new ChannelError(
    'permanent',
    'reply_not_allowed',
    'The library cannot answer in this thread on Bluesky: its author and the library block one another',
  )
  if ([...views.values()].some((view) => blocks(view.author.viewer))) throw refusedByBlock
  const parent = views.get(ref.parent.uri)
  if (!parent) {
    // The AppView leaves out the posts of an account that blocks the viewer; its profile says so.
    for (const uri of uris) {
      const profile = profileSchema.safeParse(
        await appViewQuery(s, budget, 'app.bsky.actor.getProfile', { actor: didOf(uri) }).catch(
          () => undefined,
        ),
      )
      if (profile.success && blocks(profile.data.viewer)) throw refusedByBlock
    }
    throw new ChannelError(
      'permanent',
      'not_found',
      'The post to answer is no longer on Bluesky, or not visible to the library',
    )
  }
  if (parent.viewer?.replyDisabled || views.get(ref.root.uri)?.viewer?.replyDisabled) {
    throw new ChannelError(
      'permanent',
      'reply_not_allowed',
      'The thread on Bluesky does not allow the library to reply',
    )
  }
}
