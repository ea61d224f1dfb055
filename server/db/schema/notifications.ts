/** Something a member should know about, shown in the app and in the daily digest. */
export interface NotificationsTable {
  id: string
  user_id: string
  library_id: string
  post_id: string | null
  actor_id: string | null
  kind: string
  /** A short quote: the post's first line, or the comment that mentioned the person. */
  excerpt: string
  created_at: string
  read_at: string | null
  /** When it went out in a daily digest; each notification is e-mailed at most once. */
  emailed_at: string | null
}
