export interface InvitationsTable {
  id: string
  library_id: string
  token_hash: string
  email: string | null
  role: string
  invited_by: string
  created_at: string
  expires_at: string
  accepted_at: string | null
  accepted_by: string | null
  revoked_at: string | null
}
