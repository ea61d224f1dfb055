export interface StrategyVersionsTable {
  id: string
  library_id: string
  /** 1, 2, 3 … per library. */
  number: number
  /** JSON snapshot of the draft; never changed after it is made. */
  document: string
  note: string
  created_by: string
  created_at: string
  approved_by: string | null
  /** The approved version with the latest approval is the one in force. */
  approved_at: string | null
}
