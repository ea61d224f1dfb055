/** Requests for public records and their review (migration 019; core/schemas/archive-request.ts). */
export interface ArchiveRequestsTable {
  id: string
  library_id: string
  diarienummer: string
  requester: string | null
  received_at: string
  description: string
  state: string
  decision_note: string | null
  created_by: string | null
  created_by_name: string
  created_at: string
  updated_at: string
}

export interface ArchiveRequestItemsTable {
  request_id: string
  entry_id: string
  added_at: string
}

export interface ArchiveMasksTable {
  id: string
  request_id: string
  entry_id: string
  field: string
  media_index: number | null
  /** JSON [{start, end}]; null for the whole field. */
  ranges: string | null
  ground: string
  created_by: string | null
  created_by_name: string
  created_at: string
}

export interface ArchiveReleasesTable {
  id: string
  request_id: string
  format: string
  released_at: string
  released_by: string | null
  released_by_name: string
  /** JSON [{id, hash}]. */
  entries: string
  /** JSON [maskId]. */
  mask_ids: string
  file_sha256: string
  byte_size: number
}
