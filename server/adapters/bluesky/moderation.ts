import { XRPCError } from '@atproto/api'
import { z } from 'zod'
import { ChannelError } from '../channels/channel-adapter.js'
import type { ModerationRequest } from '../channels/interactions.js'
import type { SharedRateBudget } from '../channels/rate-budget.js'
import { appViewQuery } from './appview.js'
import { isRecordNotFound } from './errors.js'
import { didOf, rkeyOf } from './notifications.js'
import { spend } from './rate-budget.js'
import { tidFor } from './record-key.js'
import type { SignedIn } from './session.js'

const THREADGATE = 'app.bsky.feed.threadgate'
const POSTGATE = 'app.bsky.feed.postgate'
const BLOCK = 'app.bsky.graph.block'

/** A gate record's list and how long the lexicon lets it be. */
const GATES = {
  hide_reply: { collection: THREADGATE, list: 'hiddenReplies', max: 300, keeps: 'allow' },
  detach_quote: {
    collection: POSTGATE,
    list: 'detachedEmbeddingUris',
    max: 50,
    keeps: 'embeddingRules',
  },
} as const

/**
 * Carries out (or with `undo`, reverses) one moderation action; each is
 * idempotent. Hiding a reply and detaching a quote edit the gate records of
 * the library's own post (their record key is the post's), keeping whatever
 * else they say; a gate Torget creates restricts nothing else, since a
 * threadgate without `allow` lets anyone reply.
 */
export async function moderate(
  s: SignedIn,
  budget: SharedRateBudget,
  request: ModerationRequest,
  undo: boolean,
): Promise<void> {
  const { action, target } = request
  switch (action) {
    case 'hide_reply': {
      const root = target.rootRemoteId ?? target.replyTarget?.rootUri
      return editGate(
        s,
        budget,
        GATES.hide_reply,
        ours(s, root, 'hide a reply'),
        target.remoteId,
        undo,
      )
    }
    case 'detach_quote':
      return editGate(
        s,
        budget,
        GATES.detach_quote,
        ours(s, target.subjectRemoteId, 'detach a quote'),
        target.remoteId,
        undo,
      )
    case 'block':
      return undo
        ? unblock(s, budget, target.author.remoteId)
        : block(s, budget, target.author.remoteId)
    case 'mute': {
      await spend(budget, s.did, 'read')
      const actor = target.author.remoteId
      if (undo) await s.agent.app.bsky.graph.unmuteActor({ actor })
      else await s.agent.app.bsky.graph.muteActor({ actor })
      return
    }
    case 'revoke_quote':
      throw new ChannelError(
        'permanent',
        'invalid_post',
        'Bluesky has no revoking of quotes; detach the quote instead',
      )
    case 'delete_comment':
      throw new ChannelError(
        'permanent',
        'not_supported',
        "Bluesky cannot delete another account's reply; hide it instead",
      )
  }
}

/** The library's post the gate belongs to; a thread started by someone else cannot be gated. */
function ours(s: SignedIn, uri: string | undefined, what: string): string {
  if (uri && didOf(uri) === s.did && uri.includes('/app.bsky.feed.post/')) return uri
  throw new ChannelError(
    'permanent',
    'invalid_post',
    `Bluesky lets the library ${what} only under its own posts`,
  )
}

async function editGate(
  s: SignedIn,
  budget: SharedRateBudget,
  gate: (typeof GATES)[keyof typeof GATES],
  postUri: string,
  uri: string,
  undo: boolean,
): Promise<void> {
  const rkey = rkeyOf(postUri)
  const existing = await readRecord(s, gate.collection, rkey)
  const list = z
    .array(z.string())
    .catch([])
    .parse(existing?.value[gate.list] ?? [])
  if (undo ? !list.includes(uri) : list.includes(uri)) return
  const next = undo ? list.filter((u) => u !== uri) : [...list, uri]
  if (next.length > gate.max) {
    throw new ChannelError(
      'permanent',
      'invalid_post',
      `Bluesky allows at most ${gate.max} entries in ${gate.list} of one post`,
    )
  }
  const repo = { repo: s.did, collection: gate.collection, rkey }
  if (existing && next.length === 0 && existing.value[gate.keeps] === undefined) {
    // Nothing left that the gate says: without it the post is as it was.
    await spend(budget, s.did, 'delete')
    await s.agent.com.atproto.repo.deleteRecord({ ...repo, swapRecord: existing.cid })
    return
  }
  const record = {
    ...(existing?.value ?? { post: postUri, createdAt: new Date().toISOString() }),
    $type: gate.collection,
    [gate.list]: next,
  }
  await spend(budget, s.did, existing ? 'update' : 'create')
  if (existing) {
    await s.agent.com.atproto.repo.putRecord({ ...repo, record, swapRecord: existing.cid })
  } else {
    await s.agent.com.atproto.repo.createRecord({ ...repo, record })
  }
}

/**
 * One block record per account blocked, under a key derived from its DID, so
 * blocking twice makes one record; a block made in the Bluesky app counts too.
 */
async function block(s: SignedIn, budget: SharedRateBudget, did: string): Promise<void> {
  const rkey = tidFor(`block:${did}`)
  if (await readRecord(s, BLOCK, rkey)) return
  if (await blockedInApp(s, budget, did)) return
  await spend(budget, s.did, 'create')
  try {
    await s.agent.com.atproto.repo.createRecord({
      repo: s.did,
      collection: BLOCK,
      rkey,
      record: { $type: BLOCK, subject: did, createdAt: new Date().toISOString() },
    })
  } catch (error) {
    // A create that raced another one: the record under the key is the block.
    if (!(await readRecord(s, BLOCK, rkey))) throw error
  }
}

async function unblock(s: SignedIn, budget: SharedRateBudget, did: string): Promise<void> {
  const keys = new Set([tidFor(`block:${did}`)])
  const inApp = await blockedInApp(s, budget, did)
  if (inApp && didOf(inApp) === s.did) keys.add(rkeyOf(inApp))
  for (const rkey of keys) {
    if (!(await readRecord(s, BLOCK, rkey))) continue
    await spend(budget, s.did, 'delete')
    await s.agent.com.atproto.repo.deleteRecord({ repo: s.did, collection: BLOCK, rkey })
  }
}

/** The uri of the library's block of `did`, as the AppView knows it. */
async function blockedInApp(
  s: SignedIn,
  budget: SharedRateBudget,
  did: string,
): Promise<string | undefined> {
  let body: unknown
  try {
    body = await appViewQuery(s, budget, 'app.bsky.actor.getProfile', { actor: did })
  } catch (error) {
    // An account the AppView has no profile for (not indexed yet, taken down, gone) has no
    // block of the library's there either; the block record itself still goes to the PDS.
    if (error instanceof XRPCError && error.status === 400 && /not found/i.test(error.message))
      return undefined
    throw error
  }
  const profile = z
    .object({ viewer: z.object({ blocking: z.string().optional() }).optional() })
    .safeParse(body)
  return profile.success ? profile.data.viewer?.blocking : undefined
}

async function readRecord(s: SignedIn, collection: string, rkey: string) {
  try {
    const { data } = await s.agent.com.atproto.repo.getRecord({ repo: s.did, collection, rkey })
    return { cid: data.cid, value: data.value as Record<string, unknown> }
  } catch (error) {
    if (isRecordNotFound(error)) return undefined
    throw error
  }
}
