import { occurrenceKey, type IcsImport, type IcsOccurrence } from './occurrence.js'

const COMPARED = [
  'summary',
  'description',
  'location',
  'url',
  'start',
  'end',
  'allDay',
  'startDate',
  'endDate',
  'status',
  'classification',
  'sequence',
  'lastModified',
] as const satisfies readonly (keyof IcsOccurrence)[]

export type IcsChangedField = (typeof COMPARED)[number]

export interface IcsChange {
  previous: IcsOccurrence
  current: IcsOccurrence
  /** What differs, e.g. ['start', 'end', 'sequence'] for a moved event. */
  fields: IcsChangedField[]
}

export interface IcsDiff {
  /** Not seen before. */
  added: IcsOccurrence[]
  /** Seen before, and something about it differs (other than being cancelled now). */
  changed: IcsChange[]
  /** Seen before as going ahead, now marked STATUS:CANCELLED. */
  cancelled: IcsChange[]
  /**
   * Seen before, and now gone from the feed (deleted, or an instance taken out
   * by EXDATE). Only judged inside what the new import covers: occurrences
   * that slid out of its window, lie past its cap, or belong to an event it
   * could not fully read are never reported as removed.
   */
  removed: IcsOccurrence[]
  unchanged: IcsOccurrence[]
}

/**
 * Compares the occurrences stored from an earlier import of a feed with a
 * new import of it, keyed by UID and recurrence id.
 */
export function diffOccurrences(
  previous: readonly IcsOccurrence[],
  current: Pick<IcsImport, 'occurrences' | 'coverage'>,
): IcsDiff {
  const before = new Map(previous.map((o) => [occurrenceKey(o), o]))
  const diff: IcsDiff = { added: [], changed: [], cancelled: [], removed: [], unchanged: [] }
  const seen = new Set<string>()
  for (const o of current.occurrences) {
    const key = occurrenceKey(o)
    seen.add(key)
    const old = before.get(key)
    if (!old) {
      diff.added.push(o)
      continue
    }
    const fields = COMPARED.filter((field) => old[field] !== o[field])
    if (fields.length === 0) diff.unchanged.push(o)
    else if (o.status === 'cancelled' && old.status !== 'cancelled') {
      diff.cancelled.push({ previous: old, current: o, fields })
    } else diff.changed.push({ previous: old, current: o, fields })
  }
  const from = Date.parse(current.coverage.from)
  const until = Date.parse(current.coverage.until)
  const incomplete = new Set(current.coverage.incompleteUids)
  for (const [key, old] of before) {
    if (seen.has(key) || incomplete.has(old.uid)) continue
    if (Date.parse(old.end) > from && Date.parse(old.start) < until) diff.removed.push(old)
  }
  return diff
}
