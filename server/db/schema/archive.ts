/** The public-records archive (migration 017; core/archive/entry.ts). */
export interface ArchiveEntriesTable {
  id: string
  library_id: string
  seq: number
  kind: string
  record_class: string
  subject: string
  refers_to: string | null
  capture_key: string
  channel_id: string | null
  network: string | null
  remote_id: string | null
  url: string | null
  thread_root: string | null
  occurred_at: string
  captured_at: string
  person_remote_id: string | null
  person_handle: string | null
  person_name: string | null
  /** JSON; null once weeded. */
  content: string | null
  content_hash: string
  prev_hash: string
  hash: string
  weeded_by: string | null
}

export interface ArchiveHeadsTable {
  library_id: string
  seq: number
  hash: string
}

export interface ArchiveMediaTable {
  library_id: string
  sha256: string
  mime_type: string
  byte_size: number
  data: Uint8Array
  stored_at: string
}

export interface ArchivePositionsTable {
  consumer: string
  seq: number
  updated_at: string
}

/** SQLite only (migrations 018, 054): the FTS5 index, contentless, its rowid a time key negated. */
export interface ArchiveSearchTable {
  rowid: number
  body: string
  facets: string
}

/** SQLite only (migration 054): the index's words, one row per occurrence (fts5vocab 'instance'). */
export interface ArchiveSearchTermsTable {
  term: string
  doc: number
  col: string
  offset: number
}

/** SQLite only: which entry each search rowid stands for. */
export interface ArchiveSearchKeysTable {
  key: number
  entry_id: string
}
