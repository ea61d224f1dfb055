/** One entry in a post's history: who did what, when. */
export interface PostEventsTable {
  id: string
  library_id: string
  post_id: string
  /** Null for what Torget did itself (a publication's outcome). */
  actor_id: string | null
  kind: string
  /** JSON with what the kind needs: the fields edited, the time scheduled, the assignee. */
  details: string
  created_at: string
}
