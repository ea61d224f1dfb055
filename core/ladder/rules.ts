import { z } from 'zod'
import type { InteractionKind } from '../channels/networks.js'
import { isoWeekOf } from '../time/iso-week.js'
import { addDays } from '../time/zoned.js'
import type { LadderLevel } from './levels.js'

/**
 * How a library places people on the ladder. Every number is the library's
 * to change; the defaults are a quarter's window, one act per step, and
 * three separate weeks of speaking about the library unprompted to own it.
 */
export const ladderRulesObject = z.strictObject({
  /** Likes, answers and mentions count when made within this many days. */
  windowDays: z.number().int().min(7).max(365),
  /** Likes and reposts within the window that make someone endorse. */
  endorseMin: z.number().int().min(1).max(100),
  /** Replies, comments, quotes and mentions within the window that make someone contribute. */
  contributeMin: z.number().int().min(1).max(100),
  /** Distinct weeks within the window with an unprompted mention or quote, to own. */
  ownWeeks: z.number().int().min(2).max(53),
  /** People not seen for this many months are removed from the ladder. */
  retentionMonths: z.number().int().min(1).max(36),
})
export const ladderRulesSchema = ladderRulesObject
  .refine((r) => r.ownWeeks <= Math.ceil(r.windowDays / 7), {
    path: ['ownWeeks'],
    message: 'More weeks than the window holds',
  })
  // A person still within the window must not be removed for not being seen.
  .refine((r) => r.retentionMonths * 31 >= r.windowDays, {
    path: ['retentionMonths'],
    message: 'Shorter than the window',
  })
export type LadderRules = z.infer<typeof ladderRulesObject>

export const DEFAULT_LADDER_RULES: LadderRules = Object.freeze({
  windowDays: 90,
  endorseMin: 1,
  contributeMin: 1,
  ownWeeks: 3,
  retentionMonths: 13,
})

/** Stored rules read leniently: what no longer validates falls back to the default. */
export function rulesOrDefault(stored: unknown): LadderRules {
  const parsed = ladderRulesSchema.safeParse(stored)
  return parsed.success ? parsed.data : { ...DEFAULT_LADDER_RULES }
}

/** Which step an interaction of each kind shows. */
export const KIND_STEP: Record<InteractionKind, 'follow' | 'endorse' | 'contribute'> = {
  follow: 'follow',
  like: 'endorse',
  repost: 'endorse',
  reply: 'contribute',
  comment: 'contribute',
  quote: 'contribute',
  mention: 'contribute',
}

export const ENDORSING_KINDS = kindsOf('endorse')
export const CONTRIBUTING_KINDS = kindsOf('contribute')

function kindsOf(step: 'follow' | 'endorse' | 'contribute'): InteractionKind[] {
  return (Object.keys(KIND_STEP) as InteractionKind[]).filter((k) => KIND_STEP[k] === step)
}

/**
 * Speaking about the library on one's own initiative: a mention or a quote
 * that is not an answer to one of the library's posts. (Ingest already calls
 * a mention under the library's post a reply; a quote posted as an answer
 * under it is told by its parent.)
 */
export function isUnprompted(kind: InteractionKind, answersLibrary: boolean): boolean {
  return (kind === 'mention' || kind === 'quote') && !answersLibrary
}

/** What was observed of one person, within the window ending at the moment asked about. */
export interface LadderFacts {
  follows: boolean
  endorsements: number
  contributions: number
  unpromptedWeeks: number
}

/** The highest step a person's own actions show, or null when they show none in the window. */
export function earnedLevel(facts: LadderFacts, rules: LadderRules): LadderLevel | null {
  if (facts.unpromptedWeeks >= rules.ownWeeks) return 'own'
  if (facts.contributions >= rules.contributeMin) return 'contribute'
  if (facts.endorsements >= rules.endorseMin) return 'endorse'
  if (facts.follows) return 'follow'
  return null
}

/** Leading is not observable on the networks: staff set it, and it sits above what was earned. */
export function placeOnLadder(
  facts: LadderFacts,
  lead: boolean,
  rules: LadderRules,
): LadderLevel | null {
  return lead ? 'lead' : earnedLevel(facts, rules)
}

/** How many ISO weeks (Monday to Sunday) the days (the library's, YYYY-MM-DD) fall in. */
export function distinctWeeks(days: Iterable<string>): number {
  const weeks = new Set<string>()
  for (const day of days) weeks.add(isoWeekOf(day))
  return weeks.size
}

/** The days a window covers when it ends on `lastDay`: that day and the ones before it. */
export function windowDays(lastDay: string, rules: Pick<LadderRules, 'windowDays'>) {
  return { from: addDays(lastDay, -(rules.windowDays - 1)), to: lastDay }
}
