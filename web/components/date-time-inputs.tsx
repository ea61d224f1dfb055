import { TextInput, type TextInputProps } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { typedDate, typedTime } from '../../core/time/typed.js'

type Props = Omit<TextInputProps, 'type' | 'value' | 'onChange' | 'min' | 'max'> & {
  value: string
  onChange: (value: string) => void
}

/*
 * Date and time fields in the library's format (2026-12-03, 10:00) whatever
 * the browser's language: a native date or time input shows month/day/year
 * and AM/PM in an English browser. Plain text fields that say the format,
 * tidied when the person leaves them ("20261203", "10.00").
 */

export function DateInput({ value, onChange, onBlur, ...props }: Props) {
  const { t } = useTranslation()
  return (
    <TextInput
      description={t('dateTime.dateHint')}
      placeholder={t('dateTime.datePlaceholder')}
      inputMode="numeric"
      autoComplete="off"
      maxLength={10}
      w={210}
      {...props}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onBlur={(event) => {
        const tidy = typedDate(value)
        if (tidy !== value) onChange(tidy)
        onBlur?.(event)
      }}
    />
  )
}

export function TimeInput({ value, onChange, onBlur, ...props }: Props) {
  const { t } = useTranslation()
  return (
    <TextInput
      description={t('dateTime.timeHint')}
      placeholder={t('dateTime.timePlaceholder')}
      inputMode="numeric"
      autoComplete="off"
      maxLength={5}
      w={140}
      {...props}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onBlur={(event) => {
        const tidy = typedTime(value)
        if (tidy !== value) onChange(tidy)
        onBlur?.(event)
      }}
    />
  )
}
