export interface MembershipsTable {
  library_id: string
  user_id: string
  role: string
  created_at: string
}
