/** One row (id 1): bumped by triggers whenever what the request caches hold changes (migration 015). */
export interface CacheGenerationTable {
  id: number
  value: number
}
