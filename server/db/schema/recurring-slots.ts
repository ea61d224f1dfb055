export interface RecurringSlotsTable {
  id: string
  library_id: string
  name: string
  /** 1 Monday … 7 Sunday. */
  weekday: number
  /** HH:MM in the library's time zone. */
  time: string
  /** JSON array of channel ids. */
  channel_ids: string
  prompt: string
  audience: string | null
  /** JSON array of user ids, in the order they take turns. */
  member_ids: string
  /** Index into member_ids of whose turn comes next. */
  next_turn: number
  active: number
  /** ISO week ("2027-W13") of the latest draft made; a week is drafted once. */
  last_week: string | null
  last_post_id: string | null
  created_by: string | null
  created_at: string
  updated_at: string
}
