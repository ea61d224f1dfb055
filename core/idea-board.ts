/**
 * The idea board's constants, without zod: the web page imports them, and
 * importing a schema module there would bring zod into the first bundle.
 */

/** ny, på gång, använd, inte nu. */
export const IDEA_STATES = ['new', 'in_progress', 'used', 'not_now'] as const
export type IdeaState = (typeof IDEA_STATES)[number]

/** Longest an idea's line may be: a thought caught in passing, not a post. */
export const IDEA_TEXT_MAX = 500
/** Alt text is read aloud; networks take about this much (Bluesky: 2000 graphemes). */
export const IDEA_ALT_MAX = 1500
