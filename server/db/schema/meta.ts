/** An image Meta fetches by URL, behind a signed link; only the link token's hash is kept. */
export interface MetaMediaTable {
  token_hash: string
  mime_type: string
  data: Uint8Array
  expires_at: string
}

/** The media container made for a publication on Instagram or Threads, stored before publishing it. */
export interface MetaContainersTable {
  publication_id: string
  container_id: string
  created_at: string
}
