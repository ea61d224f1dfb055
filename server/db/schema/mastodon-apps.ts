/** Torget's app registration on each Mastodon instance (instance-wide, not per library). */
export interface MastodonAppsTable {
  instance_url: string
  redirect_uri: string
  client_id: string
  /** Sealed; the instance URL is the sealing context. */
  client_secret: string
  created_at: string
}
