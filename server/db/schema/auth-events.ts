/** Sign-ins, failures and resets: the audit trail and the rate limiter's memory. */
export interface AuthEventsTable {
  id: string
  kind: string
  email: string | null
  user_id: string | null
  ip: string | null
  created_at: string
}
