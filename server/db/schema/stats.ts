/** Interactions per library, channel and kind on one of the library's days (migration 024). */
export interface StatsDailyTable {
  library_id: string
  day: string
  channel_id: string
  kind: string
  count: number
}

/** The same per hour (the hour's start in UTC). */
export interface StatsHourlyTable {
  library_id: string
  hour: string
  channel_id: string
  kind: string
  count: number
}

/** Interactions with one published post (publication) per day and kind. */
export interface StatsPostDailyTable {
  library_id: string
  publication_id: string
  day: string
  kind: string
  count: number
}

/** Interactions with one published post so far, per kind. */
export interface StatsPostTotalsTable {
  library_id: string
  publication_id: string
  kind: string
  count: number
}

/** How far a statistics consumer has read its outbox. */
export interface StatsPositionsTable {
  consumer: string
  seq: number
  updated_at: string
}

/** Bumped with every change to what the Statistik page reads of a library (migration 036). */
export interface StatsGenerationsTable {
  library_id: string
  value: number
}
