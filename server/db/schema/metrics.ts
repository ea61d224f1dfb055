/** An account's own counts, once a day (the library's day). Null: the network did not say. */
export interface AccountMetricsTable {
  channel_id: string
  library_id: string
  day: string
  sampled_at: string
  followers: number | null
  following: number | null
  posts: number | null
}

/** One sample of a published post's counts. */
export interface PostMetricsTable {
  publication_id: string
  library_id: string
  channel_id: string
  sampled_at: string
  likes: number | null
  reposts: number | null
  replies: number | null
  quotes: number | null
  views: number | null
  /** Accounts that saw the post at least once (Facebook, Instagram); null elsewhere. */
  reach: number | null
  /** Saves of the post (Instagram); null elsewhere. */
  saves: number | null
}

/** A published post's latest counts and when they are read next. */
export interface PostMetricStateTable {
  publication_id: string
  library_id: string
  channel_id: string
  published_at: string
  next_at: string | null
  stage: number
  sampled_at: string | null
  likes: number | null
  reposts: number | null
  replies: number | null
  quotes: number | null
  views: number | null
  reach: number | null
  saves: number | null
  gone_at: string | null
  failures: number
  leased_until: string | null
}
