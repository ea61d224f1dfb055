import type { ArchiveEntryKind, RecordClass } from './entry.js'

/**
 * Which retention rule governs an archive entry. A rule may be narrowed to a
 * channel, an inbox tag, a record class and a kind; one with no narrowing
 * covers every entry. Where several cover an entry the longest wins and a
 * permanent rule (months = null) beats all, as a gallringsbeslut may only
 * remove what every applicable rule lets go.
 */
export interface RetentionRule {
  id: string
  name: string
  channelId: string | null
  tagId: string | null
  recordClass: RecordClass | null
  kind: ArchiveEntryKind | null
  /** Null: permanent (bevaras). */
  months: number | null
}

/** What the rules look at in an entry. */
export interface RetentionFacts {
  channelId: string | null
  /** The inbox tags of the received item the entry is about. */
  tagIds: readonly string[]
  recordClass: RecordClass
  kind: ArchiveEntryKind
  occurredAt: string
}

export function ruleCovers(rule: RetentionRule, entry: RetentionFacts): boolean {
  return (
    (rule.channelId === null || rule.channelId === entry.channelId) &&
    (rule.tagId === null || entry.tagIds.includes(rule.tagId)) &&
    (rule.recordClass === null || rule.recordClass === entry.recordClass) &&
    (rule.kind === null || rule.kind === entry.kind)
  )
}

/** The rule that governs the entry: permanent over any period, else the longest; null if none covers it. */
export function governingRule(
  rules: readonly RetentionRule[],
  entry: RetentionFacts,
): RetentionRule | null {
  let best: RetentionRule | null = null
  for (const rule of rules) {
    if (!ruleCovers(rule, entry)) continue
    if (rule.months === null) return rule
    if (!best || (best.months !== null && rule.months > best.months)) best = rule
  }
  return best
}

/**
 * The first instant the entry may be weeded under a rule of `months`: the
 * same day of the month that many months later, clamped to the month's end
 * (31 January + 1 month = 28/29 February), in UTC.
 */
export function retainedUntil(occurredAt: string, months: number): string {
  const at = new Date(occurredAt)
  const target = new Date(at)
  target.setUTCDate(1)
  target.setUTCMonth(at.getUTCMonth() + months)
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate()
  target.setUTCDate(Math.min(at.getUTCDate(), lastDay))
  return target.toISOString()
}
