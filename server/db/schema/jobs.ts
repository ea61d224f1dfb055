/** The SQLite job queue (server/jobs/sqlite-queue.ts). Absent on PostgreSQL, where pg-boss keeps jobs. */
export interface JobsTable {
  id: string
  name: string
  /** Idempotency key, unique per name. */
  key: string
  /** JSON of the payload as sent (the schema's input), parsed again at run. */
  payload: string
  state: 'pending' | 'active' | 'completed' | 'failed'
  /** Runs started so far; also fences a worker's result to its own run. */
  attempts: number
  max_attempts: number
  run_at: string
  lease_expires_at: string | null
  worker_id: string | null
  last_error: string | null
  created_at: string
  updated_at: string
  finished_at: string | null
}
