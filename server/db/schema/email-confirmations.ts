/** A link-only invitation waiting for its new member to prove the e-mail address they gave. */
export interface EmailConfirmationsTable {
  /** Keyed hash of the token in the e-mailed link. */
  token_hash: string
  invitation_id: string
  email: string
  created_at: string
  expires_at: string
  used_at: string | null
}
