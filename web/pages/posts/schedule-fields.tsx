import { Fieldset, Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import {
  addDays,
  isLocalDate,
  isLocalTime,
  resolveZoned,
  utcToZoned,
  type ZonedDateTime,
} from '../../../core/time/zoned.js'
import { DateInput, TimeInput } from '../../components/date-time-inputs.js'
import { useFormat } from '../../i18n/format.js'
import type { TFunction } from 'i18next'

/** The default for a new time: tomorrow at 10:00 in the library's time zone. */
export function defaultPublishTime(timeZone: string, now = new Date()): ZonedDateTime {
  return { date: addDays(utcToZoned(now, timeZone).date, 1), time: '10:00' }
}

// Publishing "now" and a clock a little behind are fine; the server allows a minute too.
const SLACK_MS = 30_000

export type ScheduleCheck =
  { ok: true; at: string } | { ok: false; field: 'date' | 'time'; message: string }

/** The chosen local time as an instant, or what is wrong with it. */
export function checkSchedule(
  t: TFunction,
  value: ZonedDateTime,
  timeZone: string,
  now = Date.now(),
): ScheduleCheck {
  if (!isLocalDate(value.date))
    return { ok: false, field: 'date', message: t('schedule.dateInvalid') }
  if (!isLocalTime(value.time))
    return { ok: false, field: 'time', message: t('schedule.timeInvalid') }
  const { instant } = resolveZoned(value.date, value.time, timeZone)
  if (instant.getTime() < now - SLACK_MS)
    return { ok: false, field: 'time', message: t('schedule.inPast') }
  return { ok: true, at: instant.toISOString() }
}

type Props = {
  idPrefix: string
  timeZone: string
  value: ZonedDateTime
  onChange: (value: ZonedDateTime) => void
  error?: { field: 'date' | 'time'; message: string } | undefined
}

/**
 * A date and a time, always in the library's time zone (whatever the
 * browser's), with the chosen moment written out in words under them.
 */
export function ScheduleFields({ idPrefix, timeZone, value, onChange, error }: Props) {
  const { t } = useTranslation()
  const format = useFormat(timeZone)
  const valid = isLocalDate(value.date) && isLocalTime(value.time)
  const resolved = valid ? resolveZoned(value.date, value.time, timeZone) : undefined
  const zoneName = timeZone.replaceAll('_', ' ')

  return (
    <Fieldset
      legend={t('schedule.legend', { zone: zoneName })}
      variant="unstyled"
      styles={{ legend: { fontSize: 'var(--mantine-font-size-sm)', fontWeight: 600 } }}
    >
      <Group gap="sm" align="flex-start" mt={4}>
        <DateInput
          id={`${idPrefix}-date`}
          label={t('schedule.date')}
          value={value.date}
          onChange={(date) => onChange({ ...value, date })}
          error={error?.field === 'date' ? error.message : undefined}
        />
        <TimeInput
          id={`${idPrefix}-time`}
          label={t('schedule.time')}
          value={value.time}
          onChange={(time) => onChange({ ...value, time })}
          error={error?.field === 'time' ? error.message : undefined}
        />
      </Group>
      {resolved && (
        <Text size="sm" mt="xs">
          {t('schedule.resolved', { when: format.fullDateTime(resolved.instant.toISOString()) })}
        </Text>
      )}
      {resolved?.shifted && (
        <Text size="sm" fw={600}>
          {t('schedule.shifted', { time: value.time })}
        </Text>
      )}
      {resolved?.ambiguous && (
        <Text size="sm" fw={600}>
          {t('schedule.ambiguous', { time: value.time })}
        </Text>
      )}
    </Fieldset>
  )
}
