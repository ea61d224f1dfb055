export interface ChannelsTable {
  id: string
  library_id: string
  network: string
  /** The account on the network: a DID on Bluesky, an account id on Mastodon. */
  account_remote_id: string
  handle: string
  display_name: string
  profile_url: string
  /** Sealed with the encryption key (server/security/secret-box.ts); never leaves the server. */
  credentials: string
  limits: string
  health: string
  health_code: string | null
  checked_at: string
  created_by: string
  created_at: string
  deleted_at: string | null
  /** When Meta's access ends; null for networks whose access does not run out. */
  access_expires_at?: string | null
  /** The access expiry the Ansvariga were e-mailed about (each expiry is warned of once). */
  access_warned_for?: string | null
  /** What a working channel cannot do (e.g. comments_permission_missing); null when nothing. */
  health_warning?: string | null
}
