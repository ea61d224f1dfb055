/** An internal comment on a post; never published. */
export interface PostCommentsTable {
  id: string
  library_id: string
  post_id: string
  author_id: string
  text: string
  /** JSON array of the user ids mentioned with @Name. */
  mentions: string
  created_at: string
}
