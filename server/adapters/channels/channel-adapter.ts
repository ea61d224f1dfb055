import type { NetworkLimits } from '../../../core/composer/limits.js'

import type { Network } from '../../../core/channels/networks.js'
import type { InteractionCapability, ReplyTarget } from './interactions.js'
import type { MetricsCapability } from './metrics.js'

export type { Network }

/**
 * What a network says went wrong, sorted by what Torget should do next:
 * - transient: try again later (429, 5xx, timeouts, resets); `retryAfterMs` when the network said;
 * - permanent: stop and tell a person (validation, revoked auth, deleted account);
 * - unknown: the request may or may not have taken effect; ask the network before any retry.
 */
export class ChannelError extends Error {
  constructor(
    readonly kind: 'transient' | 'permanent' | 'unknown',
    /** Stable code the UI translates, e.g. 'auth_revoked', 'rate_limited', 'text_too_long'. */
    readonly code: ChannelErrorCode,
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'ChannelError'
  }
}

export type ChannelErrorCode =
  | 'auth_failed'
  | 'auth_revoked'
  | 'account_gone'
  | 'rate_limited'
  | 'network_unreachable'
  | 'server_error'
  | 'timeout'
  | 'invalid_post'
  | 'text_too_long'
  | 'media_rejected'
  | 'not_found'
  | 'bad_response'
  /** The server's address is in a range the operator has not allowed (TORGET_FETCH_ALLOW_PRIVATE). */
  | 'blocked_address'
  /** The network made the post without all of its images. */
  | 'media_dropped'
  /** A look-up found a post already recorded for another publication. */
  | 'remote_id_taken'
  /** The network offers no way to do this (e.g. hide a reply on Mastodon): block, report or ask instead. */
  | 'not_supported'
  /** The network would not show an answer there: the thread's author blocks the account, or the thread allows no replies from it. */
  | 'reply_not_allowed'
  /** Meta: the Page has no Instagram professional account linked. */
  | 'instagram_not_linked'
  /** Meta: a permission Torget needs was not granted, or was removed. */
  | 'permission_missing'
  /** Meta fetches images by URL, and Torget's public address is not on the internet. */
  | 'not_publicly_reachable'
  /** The installation has no app for the network (META_APP_ID / META_APP_SECRET). */
  | 'not_configured'
  /** The account's posts per day are used up (Instagram's content publishing limit). */
  | 'publishing_limit'
  /** Meta has blocked the account for a while over a policy violation (Graph API 368): wait and retry. */
  | 'temporarily_blocked'

/** The account a channel is connected to, as the network names it. */
export interface ChannelAccount {
  /** Stable id on the network (a DID on Bluesky, an account id on Mastodon). */
  remoteId: string
  handle: string
  displayName: string
  profileUrl: string
}

/** Secrets an adapter needs; stored encrypted, never returned by the API, never logged. */
export type ChannelCredentials = Record<string, string>

export interface ConnectedChannel {
  account: ChannelAccount
  credentials: ChannelCredentials
  limits: NetworkLimits
  /** When the network's access ends (ISO time), for networks whose access runs out (Meta). */
  accessExpiresAt?: string
  /** What the channel will not be able to do, as a stable code (a permission not granted). */
  warning?: string
}

export interface OutgoingImage {
  data: Uint8Array
  mimeType: 'image/jpeg' | 'image/png' | 'image/webp'
  alt: string
  width: number
  height: number
}

export interface OutgoingPost {
  /** The publication's id; adapters derive their idempotency key or record key from it. */
  publicationId: string
  text: string
  images: OutgoingImage[]
  /** The post's language as a BCP 47 tag, e.g. 'sv' or 'ar'. */
  language?: string
  /** Set when this is an answer: the post it answers, as read by ingest. Threaded on the network. */
  replyTo?: ReplyTarget
}

/** What a look-up compares a network's posts against. */
export interface LookupQuery {
  publicationId: string
  text: string
  /** The post's images in order: a post with other images (count, alt texts) is not this one. */
  images: Pick<OutgoingImage, 'alt'>[]
  /** The earliest moment the post can have been made: older posts with the same text are not it. */
  notBefore?: Date
  /** Remote ids already recorded for other publications on the channel: never this one's. */
  taken?: ReadonlySet<string>
  /** Set when the publication is an answer: where to look for it (Meta keeps comments off the feed). */
  replyTo?: ReplyTarget
}

export interface PublishedPost {
  remoteId: string
  url: string
}

/**
 * One per network. Adding a network means adding one folder that implements
 * this; nothing else in Torget knows a network's API.
 */
export interface ChannelAdapter {
  readonly network: Network
  /**
   * How long after a publication's first attempt `publish` may simply be called
   * again, because the network itself answers a repeat with the post the first
   * call made (Mastodon's Idempotency-Key). Within it no look-up is needed;
   * without it, every retry looks up first.
   */
  readonly idempotencyWindowMs?: number
  /** Signs in with what the person typed and returns the account, credentials to store and live limits. */
  connect(input: Record<string, string>): Promise<ConnectedChannel>
  /** Checks the credentials still work; returns fresh limits. Throws ChannelError. */
  verify(
    credentials: ChannelCredentials,
  ): Promise<{ account: ChannelAccount; limits: NetworkLimits }>
  /**
   * Publishes idempotently: calling it twice for the same publicationId never
   * makes two posts. Throws ChannelError.
   */
  publish(credentials: ChannelCredentials, post: OutgoingPost): Promise<PublishedPost>
  /**
   * Asks the network whether this publication exists; used before a retry.
   * Answers only a post that is this publication's by id, or whose text and
   * images match and whose id is not `taken`.
   */
  lookup(credentials: ChannelCredentials, query: LookupQuery): Promise<PublishedPost | undefined>
  /** Deletes a published post; a post already gone is not an error. */
  delete(credentials: ChannelCredentials, published: PublishedPost): Promise<void>
  /** Reading replies, mentions and reactions, and moderating them; absent where not supported. */
  readonly interactions?: InteractionCapability
  /** Reading the counts the network keeps of the account and its posts; absent where not supported. */
  readonly metrics?: MetricsCapability
}
