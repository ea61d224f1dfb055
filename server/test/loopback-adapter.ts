import { BLUESKY_LIMITS, type NetworkLimits } from '../../core/composer/limits.js'
import {
  ChannelError,
  type ChannelAdapter,
  type OutgoingPost,
  type PublishedPost,
} from '../adapters/channels/channel-adapter.js'
import type {
  Interaction,
  ModerationRequest,
  RemoteState,
} from '../adapters/channels/interactions.js'

type Fault =
  | { kind: 'transient' | 'permanent'; code: ChannelError['code']; retryAfterMs?: number }
  | { kind: 'lost-answer' }
  | { kind: 'hang'; ms: number }

/**
 * A network in this process for testing the publishing rules: it keeps what
 * is published, refuses a second post for the same publication (as Bluesky's
 * record keys and Mastodon's Idempotency-Key do), and fails on demand. The
 * real networks are tested in their own adapter folders.
 */
export function loopbackNetwork(
  options: { network?: 'bluesky' | 'mastodon'; limits?: NetworkLimits } = {},
) {
  const posts = new Map<string, { post: OutgoingPost; at: number }>()
  // What other accounts did, in the order the network got it; the cursor is how many were read.
  const remote: Interaction[] = []
  const remoteStates = new Map<string, RemoteState>()
  const moderated: ModerationRequest[] = []
  let readFault: Fault | undefined
  const calls: string[] = []
  const faults: Fault[] = []
  let outage: Fault | undefined
  let duplicates = 0
  const published = (id: string): PublishedPost => ({
    remoteId: `loop:${id}`,
    url: `https://loop.test/${id}`,
  })
  const adapter: ChannelAdapter = {
    network: options.network ?? 'bluesky',
    async connect(input) {
      if (input.appPassword === 'wrong')
        throw new ChannelError('permanent', 'auth_failed', 'wrong password')
      return {
        account: {
          remoteId: `did:loop:${input.identifier}`,
          handle: input.identifier ?? 'loop',
          displayName: 'Loop',
          profileUrl: `https://loop.test/${input.identifier}`,
        },
        credentials: { token: 'secret-token' },
        limits: options.limits ?? BLUESKY_LIMITS,
      }
    },
    async verify() {
      return {
        account: {
          remoteId: 'did:loop',
          handle: 'loop',
          displayName: 'Loop',
          profileUrl: 'https://loop.test',
        },
        limits: options.limits ?? BLUESKY_LIMITS,
      }
    },
    async publish(_credentials, post) {
      calls.push(`publish:${post.publicationId}`)
      const fault = faults.shift() ?? outage
      if (fault?.kind === 'hang') await new Promise((r) => setTimeout(r, fault.ms))
      if (fault?.kind === 'transient' || fault?.kind === 'permanent')
        throw new ChannelError(fault.kind, fault.code, 'injected', fault.retryAfterMs)
      if (posts.has(post.publicationId)) {
        duplicates++
        throw new ChannelError('unknown', 'server_error', 'record already exists')
      }
      posts.set(post.publicationId, { post, at: Date.now() })
      if (fault?.kind === 'lost-answer')
        throw new ChannelError('unknown', 'timeout', 'the answer was lost')
      return published(post.publicationId)
    },
    async lookup(_credentials, post) {
      calls.push(`lookup:${post.publicationId}`)
      return posts.has(post.publicationId) ? published(post.publicationId) : undefined
    },
    async delete(_credentials, post) {
      calls.push(`delete:${post.remoteId}`)
      posts.delete(post.remoteId.replace('loop:', ''))
    },
    interactions: {
      async read(_credentials, { cursor, limit }) {
        calls.push(`read:${cursor ?? ''}`)
        if (readFault?.kind === 'transient' || readFault?.kind === 'permanent')
          throw new ChannelError(readFault.kind, readFault.code, 'injected', readFault.retryAfterMs)
        const from = cursor ? Number(cursor) : 0
        const page = remote.slice(from, from + limit)
        return {
          interactions: page,
          cursor: String(from + page.length),
          more: from + page.length < remote.length,
        }
      },
      async recheck(_credentials, ids) {
        calls.push(`recheck:${ids.length}`)
        return new Map(
          ids.map((id) => [
            id,
            remoteStates.get(id) ?? {
              state: 'present',
              text: remote.find((r) => r.remoteId === id)?.text ?? '',
            },
          ]),
        )
      },
      async moderate(_credentials, request) {
        calls.push(`moderate:${request.action}:${request.target.remoteId}`)
        moderated.push(request)
      },
    },
  }
  return {
    adapter,
    posts,
    calls,
    moderated,
    /** Other accounts reply, mention, like…: the next reads return these. */
    receive: (...interactions: Interaction[]) => remote.push(...interactions),
    /** How a post looks on the network now (deleted, edited), for rechecks. */
    setRemoteState: (remoteId: string, state: RemoteState) => remoteStates.set(remoteId, state),
    /** Every read fails this way until set to `undefined`. */
    setReadFault: (fault: Fault | undefined) => {
      readFault = fault
    },
    /** The next publish calls fail in these ways, in order. */
    failNext: (...next: Fault[]) => faults.push(...next),
    /** Every publish call fails this way until the outage is ended with `undefined`. */
    setOutage: (fault: Fault | undefined) => {
      outage = fault
    },
    get duplicates() {
      return duplicates
    },
  }
}
