export interface EventSourcesTable {
  id: string
  library_id: string
  /** 'url': fetched every few hours; 'file': an uploaded .ics, replaced by uploading again. */
  kind: string
  name: string
  url: string | null
  /** Validators of the last fetch, sent back for a conditional GET. */
  etag: string | null
  last_modified: string | null
  last_fetched_at: string | null
  last_success_at: string | null
  /** An ErrorCode (fetch_* or ics_*) when the last refresh failed; null after a success. */
  error_code: string | null
  error_at: string | null
  created_by: string | null
  created_at: string
  updated_at: string
}
