export interface EventsTable {
  id: string
  library_id: string
  source_id: string
  uid: string
  /** The occurrence's recurrence id, or '' for a single event: part of the unique key, so never null. */
  recurrence_key: string
  overridden: number
  summary: string
  description: string
  location: string | null
  url: string | null
  starts_at: string
  ends_at: string
  all_day: number
  start_date: string | null
  end_date: string | null
  /** 'confirmed' | 'tentative' | 'cancelled': a cancelled instance stays, marked, until the feed drops it. */
  status: string
  classification: string
  sequence: number
  last_modified: string | null
  created_at: string
  updated_at: string
}
