/**
 * Figures kept in the process while the data they were made from stands: an entry holds
 * while its library's generation (migration 036) is the one it was made under, until the
 * time the maker said the figures change by themselves, and at most `ttlMs` (for what no
 * trigger sees). Readers that come while an entry is being made wait for that one.
 */
export interface FiguresCache<V> {
  get(key: string, generation: string, make: () => Promise<{ value: V; until: number }>): Promise<V>
}

export function figuresCache<V>({
  ttlMs,
  maxEntries,
  now = Date.now,
}: {
  ttlMs: number
  maxEntries: number
  now?: () => number
}): FiguresCache<V> {
  type Entry = { generation: string; until: number; value: Promise<V> }
  const entries = new Map<string, Entry>()
  return {
    get(key, generation, make) {
      const hit = entries.get(key)
      if (hit && hit.generation === generation && hit.until > now()) {
        // Most recently used last: the first is the one to drop.
        entries.delete(key)
        entries.set(key, hit)
        return hit.value
      }
      const started = now()
      const entry: Entry = { generation, until: started + ttlMs, value: Promise.resolve(null!) }
      entry.value = make().then(
        (made) => {
          entry.until = Math.min(started + ttlMs, made.until)
          return made.value
        },
        (error: unknown) => {
          if (entries.get(key) === entry) entries.delete(key)
          throw error
        },
      )
      entries.delete(key)
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!)
      entries.set(key, entry)
      return entry.value
    },
  }
}
