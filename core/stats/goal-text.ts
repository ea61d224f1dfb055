import type { Locale } from '../locale.js'
import type { MetricShape } from '../strategy/goal-measure.js'
import type { GoalProgress } from './goal-progress.js'

/*
 * A goal's progress in one plain sentence, the same on the policy page, the
 * Statistik page and the monthly report:
 * "1 000 följare på Bluesky till juni: 640, i takt".
 */

const INTL: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' }

const WORDS = {
  sv: {
    by: 'till',
    onTrack: 'i takt',
    behind: (f: string) => `efter (i den här takten ${f})`,
    reached: 'målet är nått',
    reachedThen: 'målet nåddes',
    missed: 'målet nåddes inte',
    ofTarget: (p: string) => `${p} av målet`,
    tooLittle: 'för lite historik för en prognos ännu',
    noData: 'inga siffror ännu',
    notMeasurable: 'Inget mått är kopplat till målet, så Torget kan inte följa det.',
  },
  en: {
    by: 'by',
    onTrack: 'on track',
    behind: (f: string) => `behind (at this pace ${f})`,
    reached: 'reached',
    reachedThen: 'reached',
    missed: 'not reached',
    ofTarget: (p: string) => `${p} of the target`,
    tooLittle: 'too little history for a forecast yet',
    noData: 'no figures yet',
    notMeasurable: 'No measure is linked to this goal, so Torget cannot follow it.',
  },
} as const

/** A figure as the reader expects it: "1 000" in Swedish, "1,000" in English, "87 %" for a share. */
export function formatFigure(value: number, shape: MetricShape, locale: Locale): string {
  const n = new Intl.NumberFormat(INTL[locale], { maximumFractionDigits: 0 }).format(value)
  if (shape !== 'share') return n
  return locale === 'sv' ? `${n}\u00a0%` : `${n}%`
}

/** "till juni", "till 15 juni", "till juni 2027" (the year only when it is not this year's). */
export function deadlinePhrase(deadline: string, today: string, locale: Locale): string {
  const date = new Date(`${deadline}T12:00:00Z`)
  const lastOfMonth = new Date(date.getTime() + 86_400_000).getUTCDate() === 1
  const sameYear = deadline.slice(0, 4) === today.slice(0, 4)
  const format = new Intl.DateTimeFormat(INTL[locale], {
    timeZone: 'UTC',
    month: 'long',
    ...(!lastOfMonth && { day: 'numeric' }),
    ...(!sameYear && { year: 'numeric' }),
  })
  return `${WORDS[locale].by} ${format.format(date)}`
}

export function describeGoalProgress(
  progress: GoalProgress,
  o: { measure: string | null; shape: MetricShape | null; today: string; locale: Locale },
): string {
  const w = WORDS[o.locale]
  if (progress.status === 'not_measurable' || o.shape === null || o.measure === null)
    return w.notMeasurable
  const fmt = (v: number) => formatFigure(v, o.shape!, o.locale)
  const { target, deadline, current } = progress
  if (target === null) {
    const noun = o.measure.charAt(0).toLocaleUpperCase(INTL[o.locale]) + o.measure.slice(1)
    return `${noun}: ${current === null ? w.noData : fmt(current)}`
  }
  const head = [fmt(target), o.measure, deadline ? deadlinePhrase(deadline, o.today, o.locale) : '']
    .filter(Boolean)
    .join(' ')
  const now = current === null ? '' : fmt(current)
  switch (progress.status) {
    case 'no_data':
      return `${head}: ${w.noData}`
    case 'on_track':
      return `${head}: ${now}, ${w.onTrack}`
    case 'behind':
      return `${head}: ${now}, ${w.behind(fmt(progress.forecast ?? 0))}`
    case 'reached':
      return `${head}: ${now}, ${deadline && deadline < o.today ? w.reachedThen : w.reached}`
    case 'missed':
      return `${head}: ${now}, ${w.missed}`
    case 'too_little_history':
      return `${head}: ${now}, ${w.tooLittle}`
    case 'no_deadline':
    case 'no_target': {
      const pct = new Intl.NumberFormat(INTL[o.locale], {
        style: 'percent',
        maximumFractionDigits: 0,
      }).format(progress.share ?? 0)
      return `${head}: ${now} (${w.ofTarget(pct)})`
    }
  }
}
