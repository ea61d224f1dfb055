import type { Locale } from '../locale.js'
import { PYRAMID_LABELS, type PyramidStep } from './levels.js'
import type { LadderRules } from './rules.js'

export interface StepExplanation {
  step: PyramidStep
  label: string
  text: string
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * The rules in plain words, one sentence per step, as the Stegen page and
 * the monthly report show them: what puts someone on each step, with the
 * library's own numbers.
 */
export function explainLadder(rules: LadderRules, locale: Locale): StepExplanation[] {
  const days = rules.windowDays
  const texts: Record<PyramidStep, string> =
    locale === 'sv'
      ? {
          observe:
            'De som läser utan att synas. Bluesky och Mastodon berättar inte hur många som ser inläggen, så steget går inte att räkna per person – bara nätverkens egna följarantal visas, som helhet.',
          follow:
            'Har börjat följa något av bibliotekets konton. Nätverken säger inte till när någon slutar följa, så en följning räknas så länge personen finns kvar i stegen.',
          endorse: `Minst ${plural(rules.endorseMin, 'gillning eller delning', 'gillningar eller delningar')} de senaste ${days} dagarna.`,
          contribute: `Minst ${plural(rules.contributeMin, 'svar, kommentar, citat eller omnämnande', 'svar, kommentarer, citat eller omnämnanden')} de senaste ${days} dagarna.`,
          own: `Har på eget initiativ nämnt eller citerat biblioteket – inte som svar på bibliotekets inlägg – under minst ${rules.ownWeeks} olika veckor de senaste ${days} dagarna.`,
          lead: 'Personer som personalen har markerat, till exempel de som engagerar andra för bibliotekets räkning. Det syns inte i nätverkens data, så någon med behörighet att se personer sätter det.',
        }
      : {
          observe:
            'People who read without being seen. Bluesky and Mastodon do not say how many see the posts, so this step cannot be counted per person – only the networks’ own follower counts are shown, as a whole.',
          follow:
            'Started following one of the library’s accounts. The networks do not say when someone stops following, so a follow counts for as long as the person stays on the ladder.',
          endorse: `At least ${plural(rules.endorseMin, 'like or repost', 'likes or reposts')} in the last ${days} days.`,
          contribute: `At least ${plural(rules.contributeMin, 'reply, comment, quote or mention', 'replies, comments, quotes or mentions')} in the last ${days} days.`,
          own: `Mentioned or quoted the library on their own initiative – not as an answer to the library’s posts – in at least ${rules.ownWeeks} different weeks of the last ${days} days.`,
          lead: 'People the staff have marked, for example those who engage others on the library’s behalf. The networks’ data cannot show it, so someone allowed to see people sets it.',
        }
  return (Object.keys(texts) as PyramidStep[]).map((step) => ({
    step,
    label: PYRAMID_LABELS[step][locale],
    text: texts[step],
  }))
}

/** What holds for every step: how a person is counted and how long they are kept. */
export function explainCounting(rules: LadderRules, locale: Locale): string[] {
  return locale === 'sv'
    ? [
        'Varje person placeras på det högsta steget som deras egna handlingar visar.',
        'En person räknas per konto: den som följer både på Bluesky och på Mastodon räknas två gånger, eftersom nätverken inte säger att det är samma person.',
        `Den som inte har setts på ${plural(rules.retentionMonths, 'månad', 'månader')} tas bort ur stegen, även de som personalen markerat att leda.`,
        'Personerna visas med en kod i stället för namn. Bara Ansvarig och Redaktör kan öppna en person, och varje gång det görs skrivs det i granskningsloggen.',
      ]
    : [
        'Each person is placed on the highest step their own actions show.',
        'A person is counted per account: someone following on both Bluesky and Mastodon counts twice, since the networks do not say it is the same person.',
        `Someone not seen for ${plural(rules.retentionMonths, 'month', 'months')} is removed from the ladder, including those the staff marked as leading.`,
        'People are shown by a code instead of a name. Only a Manager or an Editor can open a person, and each time it is written in the audit log.',
      ]
}
