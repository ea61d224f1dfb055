import { Group, Radio } from '@mantine/core'
import type { Locale } from '../../core/locale.js'
import { LANGUAGE_NAMES } from './language-switch.js'

type Props = {
  label: string
  description?: string
  value: Locale
  onChange: (locale: Locale) => void
}

export function LocaleRadio({ label, description, value, onChange }: Props) {
  return (
    <Radio.Group
      label={label}
      description={description}
      value={value}
      onChange={(next) => onChange(next === 'en' ? 'en' : 'sv')}
    >
      <Group mt="xs">
        <Radio value="sv" label={LANGUAGE_NAMES.sv} lang="sv" />
        <Radio value="en" label={LANGUAGE_NAMES.en} lang="en" />
      </Group>
    </Radio.Group>
  )
}
