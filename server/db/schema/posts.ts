export interface PostsTable {
  id: string
  library_id: string
  author_id: string
  text: string
  /** JSON: { [channelId]: text } where a channel's text differs from the main text. */
  variants: string
  state: string
  scheduled_at: string | null
  /** Bumped on every change: a write based on an older version is refused, not silently applied. */
  version: number
  created_at: string
  updated_at: string
}
