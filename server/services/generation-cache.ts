/**
 * An in-process cache whose entries hold only while the database's cache generation
 * (migration 015) is the one they were filled under, and at most `ttlMs`: the generation
 * makes a change anywhere visible to every process at its next request; the age bounds what
 * no trigger sees, such as a session running out or an invitation expiring.
 */
export interface GenerationCache<V> {
  get(key: string, generation: number, load: () => Promise<V | undefined>): Promise<V | undefined>
}

export function generationCache<V>({
  ttlMs,
  maxEntries,
  now = Date.now,
}: {
  ttlMs: number
  maxEntries: number
  now?: () => number
}): GenerationCache<V> {
  const entries = new Map<string, { value: V; generation: number; until: number }>()
  let newest = 0
  return {
    async get(key, generation, load) {
      // Entries of an older generation can never match again: drop them all at once.
      if (generation > newest) {
        newest = generation
        entries.clear()
      }
      const hit = entries.get(key)
      if (hit && hit.generation === generation && hit.until > now()) return hit.value
      const value = await load()
      if (value === undefined) {
        entries.delete(key)
        return value
      }
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!)
      entries.set(key, { value, generation, until: now() + ttlMs })
      return value
    },
  }
}
