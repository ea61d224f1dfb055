import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Granularity } from '../../../core/schemas/stats.js'
import { isoWeekOf } from '../../../core/time/iso-week.js'
import { intlLocale } from '../../i18n/format.js'

/** Numbers and the period's buckets as a Swedish or British reader writes them. */
export function useStatsFormat() {
  const { t, i18n } = useTranslation()
  const locale = intlLocale(i18n.language)
  return useMemo(() => {
    const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
    const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
    const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
    const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' })
    const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })
    const month = new Intl.DateTimeFormat(locale, {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    })
    const longDay = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })
    const none = t('statistics.none')
    return {
      whole: (n: number) => whole.format(n),
      decimal: (n: number | null) => (n === null ? none : decimal.format(n)),
      percent: (n: number | null) => (n === null ? none : `${percent.format(n)} %`),
      signed: (n: number | null) => (n === null ? none : signed.format(n)),
      minutes: (n: number | null) =>
        n === null
          ? none
          : n < 120
            ? t('statistics.minutes', { count: Math.round(n) })
            : t('statistics.hours', { count: Math.round(n / 60) }),
      date: (iso: string) => longDay.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
      hour: (h: number) => `${String(h).padStart(2, '0')}:00`,
      /** A bucket's start as its axis label: a day, a week number, a month. */
      bucket: (start: string, granularity: Granularity) => {
        const at = new Date(`${start}T00:00:00Z`)
        if (granularity === 'day') return day.format(at)
        if (granularity === 'week')
          return t('statistics.week', { week: Number(isoWeekOf(start).slice(6)) })
        return month.format(at)
      },
    }
  }, [locale, t])
}
export type StatsFormat = ReturnType<typeof useStatsFormat>
