export interface StrategyDraftsTable {
  library_id: string
  /** JSON, validated by core/schemas/strategy.ts on the way in and out. */
  document: string
  /** Bumped on every save: a save based on an older version is refused, not silently applied. */
  version: number
  updated_by: string
  updated_at: string
}
