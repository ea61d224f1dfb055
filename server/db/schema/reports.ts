/** A library that lets its figures count in the installation's medians (migration 026). */
export interface StatsConsentTable {
  library_id: string
  opted_in_at: string
  opted_in_by: string
}

/** Who gets the monthly report; `scope` is the library's id or 'instance'. */
export interface ReportRecipientsTable {
  id: string
  scope: string
  library_id: string | null
  email: string
  name: string
  created_by: string
  created_at: string
  last_sent_at: string | null
  bounced_at: string | null
  bounce_reason: string | null
}

/** A month's report, sent: the run is made once per scope and month. */
export interface ReportRunsTable {
  scope: string
  month: string
  library_id: string | null
  recipients: number
  created_at: string
}

export interface ReportDeliveriesTable {
  scope: string
  month: string
  recipient_id: string
  email: string
  /** 'queued' | 'sent' | 'refused' */
  state: string
  reason: string | null
  queued_at: string
  settled_at: string | null
}

/** A library's month in figures (JSON of core's MonthFigures). */
export interface MonthlyFiguresTable {
  library_id: string
  month: string
  figures: string
  computed_at: string
}
