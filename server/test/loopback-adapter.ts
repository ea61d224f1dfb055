import { BLUESKY_LIMITS, type NetworkLimits } from '../../core/composer/limits.js'
import {
  ChannelError,
  type ChannelAdapter,
  type OutgoingPost,
  type PublishedPost,
} from '../adapters/channels/channel-adapter.js'

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
  }
  return {
    adapter,
    posts,
    calls,
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
