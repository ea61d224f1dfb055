/** When a channel's own counts are read next (migration 023). */
export interface AccountMetricStateTable {
  channel_id: string
  library_id: string
  next_at: string
  sampled_at: string | null
  failures: number
  error_code: string | null
  leased_until: string | null
}
