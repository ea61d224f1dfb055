/** One post on one channel: its own state machine and identity. */
export interface PublicationsTable {
  id: string
  library_id: string
  post_id: string
  channel_id: string
  state: string
  due_at: string
  attempts: number
  remote_id: string | null
  remote_url: string | null
  error_kind: string | null
  error_code: string | null
  error_message: string | null
  /** When the current attempt began; a publication in flight for too long is presumed stuck. */
  attempt_started_at: string | null
  published_at: string | null
  /** When the first attempt began: a retry within the network's idempotency window repeats instead of looking up. */
  first_attempt_at: string | null
  /** Since when the attempts have failed, transiently or with an unknown outcome; null otherwise. */
  retrying_since: string | null
  updated_at: string
}
