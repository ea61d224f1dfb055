import { Button, Checkbox, Group, NativeSelect, Paper, Stack } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Channel } from '../../../core/schemas/index.js'
import { addDays, isLocalDate } from '../../../core/time/zoned.js'
import type { StatsFilters } from '../../api/stats.js'
import { networkName } from '../../components/network.js'
import { DateInput } from '../../components/date-time-inputs.js'

const PRESETS = ['30', '90', 'thisMonth', 'lastMonth', 'thisYear', 'custom'] as const
type Preset = (typeof PRESETS)[number]

/** The period a preset names, ending today (the library's day). */
export function presetPeriod(preset: Exclude<Preset, 'custom'>, today: string) {
  const month = today.slice(0, 7)
  switch (preset) {
    case '30':
      return { from: addDays(today, -29), to: today }
    case '90':
      return { from: addDays(today, -89), to: today }
    case 'thisMonth':
      return { from: `${month}-01`, to: today }
    case 'lastMonth': {
      const lastDay = addDays(`${month}-01`, -1)
      return { from: `${lastDay.slice(0, 7)}-01`, to: lastDay }
    }
    case 'thisYear':
      return { from: `${today.slice(0, 4)}-01-01`, to: today }
  }
}

/** Period and channels; nothing is asked of the server until they are applied. */
export function PeriodFilter({
  filters,
  today,
  channels,
  onApply,
}: {
  filters: StatsFilters
  today: string
  channels: Channel[]
  onApply: (filters: StatsFilters) => void
}) {
  const { t } = useTranslation()
  const [preset, setPreset] = useState<Preset>('30')
  const [from, setFrom] = useState(filters.from)
  const [to, setTo] = useState(filters.to)
  const [chosen, setChosen] = useState<string[]>(filters.channels)
  const wrong = (value: string) => (isLocalDate(value) ? null : t('dateTime.dateInvalid'))
  const backwards = isLocalDate(from) && isLocalDate(to) && to < from

  const choose = (value: Preset) => {
    setPreset(value)
    if (value === 'custom') return
    const period = presetPeriod(value, today)
    setFrom(period.from)
    setTo(period.to)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (wrong(from) || wrong(to) || backwards) return
    onApply({ from, to, channels: chosen })
  }

  return (
    <Paper
      withBorder
      p="md"
      radius="lg"
      component="form"
      onSubmit={submit}
      aria-label={t('statistics.filters.label')}
    >
      <Stack gap="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <NativeSelect
            id="stats-preset"
            label={t('statistics.filters.period')}
            value={preset}
            onChange={(event) => choose(event.currentTarget.value as Preset)}
            data={PRESETS.map((p) => ({ value: p, label: t(`statistics.filters.presets.${p}`) }))}
            w={220}
            maw="100%"
          />
          <DateInput
            id="stats-from"
            label={t('statistics.filters.from')}
            value={from}
            onChange={(value) => {
              setPreset('custom')
              setFrom(value.trim())
            }}
            error={wrong(from)}
          />
          <DateInput
            id="stats-to"
            label={t('statistics.filters.to')}
            value={to}
            onChange={(value) => {
              setPreset('custom')
              setTo(value.trim())
            }}
            error={wrong(to) ?? (backwards ? t('statistics.filters.backwards') : null)}
          />
        </Group>
        {channels.length > 1 && (
          <Checkbox.Group
            label={t('statistics.filters.channels')}
            description={t('statistics.filters.allChannels')}
            value={chosen}
            onChange={setChosen}
          >
            <Group gap="lg" mt="xs">
              {channels.map((c) => (
                <Checkbox
                  key={c.id}
                  value={c.id}
                  label={t('statistics.channelName', {
                    handle: c.handle,
                    network: networkName(c.network),
                  })}
                />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        <Group>
          <Button type="submit">{t('statistics.filters.apply')}</Button>
        </Group>
      </Stack>
    </Paper>
  )
}
