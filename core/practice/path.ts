import { PRACTICE_LESSONS, type PracticeLesson } from './personas.js'

/** The staff path (prova → utbilda → bli trygga), in order. */
export const PATH_STEPS = [
  'policy',
  'practice_post',
  'answers',
  'approved_post',
  'real_post',
] as const
export type PathStep = (typeof PATH_STEPS)[number]

/** What a member has done in Torget, as read from its tables: nothing here is ticked by hand. */
export interface PathFacts {
  /** A policy is approved; the member confirmed the version in force; or only an older one. */
  policy: { approved: boolean; confirmedAt: string | null; confirmedOlder: boolean }
  /** When the member's first practice post was published (the guidelines were checked then). */
  firstPracticePostAt: string | null
  /** When the member first answered each kind of practice comment (the personal one moved out of view). */
  answered: Record<PracticeLesson, string | null>
  /** A personal matter answered in public without moving it to e-mail or phone. */
  personalAnsweredInPublic: boolean
  /** When a colleague first approved a post the member wrote. */
  approvedByColleagueAt: string | null
  /** When the member's first post on a real channel was published with a colleague's approval. */
  realPostAt: string | null
}

export interface PathStepState {
  step: PathStep
  doneAt: string | null
}

export function pathSteps(facts: PathFacts): PathStepState[] {
  const answers = PRACTICE_LESSONS.map((l) => facts.answered[l])
  const answersDone = answers.every(Boolean) ? answers.sort().at(-1)! : null
  return [
    { step: 'policy', doneAt: facts.policy.confirmedAt },
    { step: 'practice_post', doneAt: facts.firstPracticePostAt },
    { step: 'answers', doneAt: answersDone },
    { step: 'approved_post', doneAt: facts.approvedByColleagueAt },
    { step: 'real_post', doneAt: facts.realPostAt },
  ]
}

/** The first step not done yet, or null when the path is walked. */
export function nextStep(steps: readonly PathStepState[]): PathStep | null {
  return steps.find((s) => !s.doneAt)?.step ?? null
}

/** Each step's name, as the reminders and the digest say it. */
export const PATH_STEP_TITLES: Record<PathStep, { sv: string; en: string }> = {
  policy: { sv: 'Läs och bekräfta policyn', en: 'Read and confirm the policy' },
  practice_post: { sv: 'Ett första övningsinlägg', en: 'A first practice post' },
  answers: { sv: 'Svara på tre övningskommentarer', en: 'Answer three practice comments' },
  approved_post: { sv: 'Få ett inlägg godkänt', en: 'Have a post approved' },
  real_post: { sv: 'Publicera på riktigt', en: 'Publish for real' },
}

/** A member invited onto the path who has not moved on for this long is reminded (once per step). */
export const PATH_STUCK_DAYS = 7

/**
 * When a member last moved on the path: their newest step done, or the
 * invitation if that came later (being invited starts the clock).
 */
export function lastMoveAt(steps: readonly PathStepState[], invitedAt: string): string {
  return steps.reduce(
    (latest, s) => (s.doneAt && Date.parse(s.doneAt) > Date.parse(latest) ? s.doneAt : latest),
    invitedAt,
  )
}
