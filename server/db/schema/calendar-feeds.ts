/** A member's secret calendar feed of one library's publishing plan; only the token's keyed hash is kept. */
export interface CalendarFeedsTable {
  id: string
  library_id: string
  user_id: string
  token_hash: string
  created_at: string
  last_used_at: string | null
}
