import { z } from 'zod'

/**
 * The engagement pyramid (Rosenblatt, Groundwire) as the workshop uses it,
 * bottom to top. Observing is seen only in aggregate, never per person; the
 * five others are the levels a person can be placed on.
 */
export const LADDER_LEVELS = ['follow', 'endorse', 'contribute', 'own', 'lead'] as const
export const ladderLevelSchema = z.enum(LADDER_LEVELS)
export type LadderLevel = z.infer<typeof ladderLevelSchema>

export const PYRAMID_STEPS = ['observe', ...LADDER_LEVELS] as const
export type PyramidStep = (typeof PYRAMID_STEPS)[number]

/** The workshop's Swedish names first; the UI, reports and CSV use these. */
export const PYRAMID_LABELS: Record<PyramidStep, { sv: string; en: string }> = {
  observe: { sv: 'Observera', en: 'Observing' },
  follow: { sv: 'Följa', en: 'Following' },
  endorse: { sv: 'Gilla och stödja', en: 'Endorsing' },
  contribute: { sv: 'Bidra', en: 'Contributing' },
  own: { sv: 'Äga', en: 'Owning' },
  lead: { sv: 'Leda', en: 'Leading' },
}

/** Ambassadors, in the workshop's sense: those who own and those who lead. */
export const AMBASSADOR_LEVELS = ['own', 'lead'] as const satisfies readonly LadderLevel[]

/** A stored level read back; anything else (an old or hand-edited value) is no step. */
export function asLevel(value: string | null | undefined): LadderLevel | null {
  return value && (LADDER_LEVELS as readonly string[]).includes(value)
    ? (value as LadderLevel)
    : null
}

/** 0 for someone on no level (not seen within the window), 1 for following … 5 for leading. */
export function levelRank(level: LadderLevel | null): number {
  return level === null ? 0 : LADDER_LEVELS.indexOf(level) + 1
}

export type Movement = 'up' | 'down' | 'same'

export function movementOf(from: LadderLevel | null, to: LadderLevel | null): Movement {
  const d = levelRank(to) - levelRank(from)
  return d > 0 ? 'up' : d < 0 ? 'down' : 'same'
}
