import type { InteractionKind, ModerationAction } from '../../../core/channels/networks.js'
import type { ChannelCredentials } from './channel-adapter.js'

/** Someone on the network, as the network names them. */
export interface RemoteAuthor {
  /** Stable id: a DID on Bluesky, an account id on Mastodon. */
  remoteId: string
  handle: string
  displayName: string
  profileUrl: string
  avatarUrl?: string
}

/**
 * Enough of a post on the network to answer under it: the network's own
 * reference data (Bluesky: uri and cid of the post and of its thread's root;
 * Mastodon: the status id). Opaque to everything but its adapter.
 */
export type ReplyTarget = Record<string, string>

/** A file someone attached to what they wrote, where the network serves it. */
export interface RemoteMedia {
  kind: 'image' | 'video' | 'audio'
  url: string
  /** The author's description (alt text); '' when they gave none. */
  alt: string
}

/** One thing another account did to or about the library's account. */
export interface Interaction {
  kind: InteractionKind
  /**
   * The network's id for this interaction, unique per channel and kind: the
   * reply's/mention's/quote's post uri or status id; for a like, repost or
   * follow its record uri or notification id.
   */
  remoteId: string
  author: RemoteAuthor
  /** The text of a reply, mention, quote or comment; '' for likes, reposts, follows. */
  text: string
  /** Where a person opens it on the network; '' when it has no page (a like). */
  url: string
  /** When the network says it was made (ISO 8601). */
  createdAt: string
  /** The library's post it is about (replied to, quoted, liked), as that post's remote id. */
  subjectRemoteId?: string
  /** The post this one answers directly, and the first post of its thread (remote ids). */
  parentRemoteId?: string
  rootRemoteId?: string
  /** How to answer it; present on replies, mentions, quotes and comments. */
  replyTarget?: ReplyTarget
  /** When the network says it was last edited (ISO 8601). */
  editedAt?: string
  /** Photos and other files attached to a reply, mention, quote or comment. */
  media?: RemoteMedia[]
}

/** One read of an account's interactions. */
export interface InteractionPage {
  /** Newest first or oldest first: the ingest does not rely on order, only on remoteId. */
  interactions: Interaction[]
  /**
   * What to pass as `cursor` next time, to get only what is newer than this
   * read (and to resume it after a crash). Opaque; stored per channel.
   */
  cursor: string | null
  /** True when the read stopped at `limit` and more is waiting now: read again soon. */
  more: boolean
}

/** A post of someone else's, as it is on the network now. */
export type RemoteState =
  | { state: 'present'; text: string; editedAt?: string }
  | { state: 'deleted' }
  /** Not visible to the library (the author blocked it, or the server is gone): not the same as deleted. */
  | { state: 'unavailable' }

export interface ModerationRequest {
  action: ModerationAction
  /** The interaction acted on (its remoteId, author and reply target). */
  target: Pick<
    Interaction,
    'remoteId' | 'author' | 'replyTarget' | 'subjectRemoteId' | 'rootRemoteId'
  >
}

/**
 * What an adapter offers beyond publishing. Every method throws ChannelError
 * (transient / permanent / unknown) like publishing does.
 */
export interface InteractionCapability {
  /**
   * Reads what is new since `cursor` (null: the first read; go back at most
   * `since`). At most `limit` interactions per call.
   */
  read(
    credentials: ChannelCredentials,
    options: { cursor: string | null; limit: number; since: Date; recentPosts: readonly string[] },
  ): Promise<InteractionPage>
  /** Looks again at posts ingested earlier, to follow edits and deletions. At most 25 per call. */
  recheck(
    credentials: ChannelCredentials,
    remoteIds: readonly string[],
  ): Promise<Map<string, RemoteState>>
  /** Carries out one moderation action the network allows; doing it twice is not an error. */
  moderate(credentials: ChannelCredentials, request: ModerationRequest): Promise<void>
  /** Undoes one (unhide, unblock, unmute) where the network allows it. */
  undoModeration?(credentials: ChannelCredentials, request: ModerationRequest): Promise<void>
}
