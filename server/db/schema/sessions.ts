export interface SessionsTable {
  /** SHA-256 of the cookie value: a leaked table does not leak live sessions. */
  id_hash: string
  user_id: string
  csrf_token: string
  created_at: string
  expires_at: string
  last_seen_at: string
}
