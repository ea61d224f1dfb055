export interface PolicyReadsTable {
  library_id: string
  version_id: string
  user_id: string
  read_at: string
}
