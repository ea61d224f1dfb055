/** One entry in the audit log (append-only; see migration 013). */
export interface AuditLogTable {
  id: string
  /** Null in the instance log (key rotation, administrators). */
  library_id: string | null
  at: string
  /** Null for the command line. */
  actor_id: string | null
  /** The actor's name when it happened. */
  actor_name: string | null
  action: string
  target_type: string | null
  target_id: string | null
  target_label: string | null
  /** JSON object of small facts; never a secret. */
  details: string
  request_id: string | null
}
