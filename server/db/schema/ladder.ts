/** A library's ladder rules and the state of its last rebuild (migration 025). */
export interface LadderSettingsTable {
  library_id: string
  /** JSON: core/ladder/rules.ts. */
  rules: string
  pseudonym_key: string
  month: string | null
  rebuilt_at: string | null
  generation: number
  /** The activity consumer's position the last rebuild had seen (migration 049). */
  placed_seq: number | null
  /** The rules (JSON) the last rebuild placed people by. */
  placed_rules: string | null
  updated_by: string | null
  updated_at: string
}

/** One network account seen interacting with the library, under its pseudonym. */
export interface AudienceMembersTable {
  library_id: string
  /** The pseudonym: what leaves the server about the person unless someone allowed opens them. */
  id: string
  channel_id: string
  author_remote_id: string
  handle: string
  level: string | null
  earned_level: string | null
  month_start_level: string | null
  lead: number
  lead_since: string | null
  followed_at: string | null
  first_seen_at: string
  last_seen_at: string
  updated_at: string
}

export interface LadderMovementsTable {
  library_id: string
  month: string
  member_id: string
  from_level: string | null
  to_level: string | null
}

export interface LadderMonthsTable {
  library_id: string
  month: string
  /** '' for on no step. */
  from_level: string
  to_level: string
  members: number
  computed_at: string
}

/** An erased account's pseudonym: never placed on the ladder again. */
export interface LadderErasedTable {
  library_id: string
  member_id: string
  erased_at: string
}

/** One account's acts on one day (the library's), as the ladder counts them. */
export interface LadderActivityTable {
  library_id: string
  channel_id: string
  author_remote_id: string
  day: string
  handle: string
  follows: number
  endorsements: number
  contributions: number
  unprompted: number
  first_at: string
  last_at: string
  /** The activity consumer's position when it last added to the row (migration 049). */
  seq: number
}
