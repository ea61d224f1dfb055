import type { ChannelCredentials } from './channel-adapter.js'

/**
 * What a network counts about a post, in Torget's names (docs/metrics.md says
 * which field of each network each comes from). Null: the network did not
 * say; never a made-up zero.
 */
export interface PostCounts {
  likes: number | null
  reposts: number | null
  replies: number | null
  quotes: number | null
  /** Views or impressions; neither Bluesky nor Mastodon gives them. */
  views: number | null
  /** Accounts that saw the post at least once (Meta's reach); only Facebook and Instagram say. */
  reach?: number | null
  /** Saves of the post; only Instagram says. */
  saves?: number | null
}

/** An account's own counts; null where the network did not say. */
export interface AccountCounts {
  followers: number | null
  following: number | null
  posts: number | null
}

/**
 * One post as the network answers for it now:
 * - counted: its counts;
 * - gone: the network says it no longer exists (deleted, on the network or by Torget);
 * - unavailable: it exists but the network shows no counts for it now (not yet
 *   indexed, hidden by moderation); ask again later.
 */
export type PostMetricsResult =
  { state: 'counted'; counts: PostCounts } | { state: 'gone' } | { state: 'unavailable' }

/**
 * Reading the counts a network keeps of the library's account and posts.
 * Every method throws ChannelError (transient / permanent) like publishing
 * does, and spends from the account's shared rate budget.
 */
export interface MetricsCapability {
  /** The connected account's followers, following and posts. */
  accountMetrics(credentials: ChannelCredentials): Promise<AccountCounts>
  /**
   * The library's own posts by their remote ids, in as few requests as the
   * network allows. Answers every id it could ask about; an id left out was
   * not asked (the budget ran out or the network failed part-way) and is
   * asked again later. Throws when nothing could be asked.
   */
  postMetrics(
    credentials: ChannelCredentials,
    remoteIds: readonly string[],
  ): Promise<Map<string, PostMetricsResult>>
}
