import { Select } from '@mantine/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'

function zones(current: string): string[] {
  const all = Intl.supportedValuesOf('timeZone')
  return all.includes(current) ? all : [current, ...all]
}

type Props = {
  value: string
  onChange: (zone: string) => void
  error?: string | undefined
  description?: string
}

/** Every IANA time zone the browser knows, searchable ("Stockholm" finds Europe/Stockholm). */
export function TimeZoneSelect({ value, onChange, error, description }: Props) {
  const { t } = useTranslation()
  const data = useMemo(
    () => zones(value).map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') })),
    [value],
  )
  return (
    <Select
      label={t('fields.timeZone')}
      description={description}
      data={data}
      value={value}
      onChange={(zone) => zone && onChange(zone)}
      searchable
      allowDeselect={false}
      nothingFoundMessage={t('fields.timeZoneNone')}
      maxDropdownHeight={280}
      error={error}
      required
    />
  )
}
