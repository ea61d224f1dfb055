import { z } from 'zod'
import { ChannelError } from '../channels/channel-adapter.js'
import type { RemoteState } from '../channels/interactions.js'
import type { SharedRateBudget } from '../channels/rate-budget.js'
import { appViewQuery } from './appview.js'
import { didOf, postViewSchema, rkeyOf } from './notifications.js'
import type { SignedIn } from './session.js'

const postsSchema = z.object({ posts: z.array(z.unknown()) })
const didDocumentSchema = z.object({
  service: z
    .array(z.object({ id: z.string(), type: z.string(), serviceEndpoint: z.unknown() }))
    .optional(),
})
const errorSchema = z.object({ error: z.string().optional(), message: z.string().optional() })

export interface RecheckOptions {
  /** Reads DID documents and other PDSes: the guarded client. */
  fetch: typeof fetch
  /** Where did:plc documents are resolved. */
  plcUrl: string
}

/**
 * Looks again at others' posts. The AppView answers for those it shows; a
 * post it leaves out is asked for at its author's own PDS, the only place
 * that knows whether the record is gone ('deleted') or still there and only
 * hidden from the library: a block, a takedown, a deactivated account
 * ('unavailable'). A PDS that cannot be reached counts as unavailable too.
 */
export async function recheckPosts(
  s: SignedIn,
  budget: SharedRateBudget,
  options: RecheckOptions,
  remoteIds: readonly string[],
): Promise<Map<string, RemoteState>> {
  if (remoteIds.length > 25) {
    throw new ChannelError(
      'permanent',
      'invalid_post',
      'Bluesky rechecks at most 25 posts at a time',
    )
  }
  const states = new Map<string, RemoteState>()
  if (remoteIds.length === 0) return states
  const body = postsSchema.parse(
    await appViewQuery(s, budget, 'app.bsky.feed.getPosts', { uris: remoteIds }),
  )
  for (const raw of body.posts) {
    const post = postViewSchema.safeParse(raw)
    if (post.success && remoteIds.includes(post.data.uri)) {
      states.set(post.data.uri, { state: 'present', text: post.data.record.text })
    }
  }
  for (const uri of remoteIds) {
    if (!states.has(uri)) states.set(uri, await stateAtSource(options, uri))
  }
  return states
}

async function stateAtSource(options: RecheckOptions, uri: string): Promise<RemoteState> {
  const did = didOf(uri)
  const collection = uri.split('/')[3] ?? ''
  let pds: string | undefined | 'gone'
  try {
    pds = await personalDataServer(options, did)
  } catch {
    return { state: 'unavailable' }
  }
  if (pds === 'gone') return { state: 'deleted' }
  if (!pds) return { state: 'unavailable' }
  const query = new URLSearchParams({ repo: did, collection, rkey: rkeyOf(uri) })
  try {
    const response = await options.fetch(`${pds}/xrpc/com.atproto.repo.getRecord?${query}`)
    if (response.ok) return { state: 'unavailable' }
    const { error, message } = errorSchema.catch({}).parse(await response.json().catch(() => ({})))
    // Gone: the record (RecordNotFound) or the whole repository (account deleted).
    const gone =
      error === 'RecordNotFound' ||
      error === 'RepoNotFound' ||
      /could not (locate record|find repo)/i.test(message ?? '')
    return { state: gone ? 'deleted' : 'unavailable' }
  } catch {
    return { state: 'unavailable' }
  }
}

/** The PDS in the DID's document; 'gone' when the DID itself was deleted (a tombstone). */
async function personalDataServer(
  options: RecheckOptions,
  did: string,
): Promise<string | undefined | 'gone'> {
  const url = did.startsWith('did:plc:')
    ? `${options.plcUrl.replace(/\/+$/, '')}/${encodeURIComponent(did)}`
    : did.startsWith('did:web:')
      ? `https://${decodeURIComponent(did.slice('did:web:'.length))}/.well-known/did.json`
      : undefined
  if (!url) return undefined
  const response = await options.fetch(url)
  if (response.status === 404 || response.status === 410) return 'gone'
  if (!response.ok) return undefined
  const document = didDocumentSchema.safeParse(await response.json())
  const service = document.success
    ? document.data.service?.find((s) => s.id.endsWith('#atproto_pds'))
    : undefined
  const endpoint = service?.serviceEndpoint
  return typeof endpoint === 'string' && URL.canParse(endpoint)
    ? endpoint.replace(/\/+$/, '')
    : undefined
}
