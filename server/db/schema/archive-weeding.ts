/** Weeding, holds, settings and kept counts of the archive (migration 020). */
export interface ArchiveRetentionRulesTable {
  id: string
  library_id: string
  name: string
  channel_id: string | null
  tag_id: string | null
  record_class: string | null
  kind: string | null
  /** Null: permanent. */
  months: number | null
  created_by: string | null
  created_at: string
  retired_at: string | null
}

export interface ArchiveHoldsTable {
  id: string
  library_id: string
  reason: string
  from_at: string | null
  to_at: string | null
  channel_id: string | null
  person: string | null
  tag_id: string | null
  placed_by: string | null
  placed_by_name: string
  placed_at: string
  lifted_by: string | null
  lifted_by_name: string | null
  lifted_at: string | null
}

export interface ArchiveWeedingDecisionsTable {
  id: string
  library_id: string
  reference: string
  /** JSON: [{ id, name, months }] as decided. */
  rules: string
  period_from: string
  period_to: string
  note: string
  decided_by: string | null
  decided_by_name: string
  decided_at: string
  entry_count: number
}

export interface ArchiveDecisionEntriesTable {
  decision_id: string
  library_id: string
  entry_id: string
  seq: number
  kind: string
  occurred_at: string
  content_hash: string
  hash: string
}

export interface ArchiveSettingsTable {
  library_id: string
  interaction_retention_days: number | null
  updated_at: string
}

export interface InteractionCountsTable {
  library_id: string
  channel_id: string
  day: string
  kind: string
  subject_remote_id: string
  count: number
}
