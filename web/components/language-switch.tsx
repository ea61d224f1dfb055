import { Button, Group } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { LOCALES } from '../../core/locale.js'
import { useLanguage } from './use-language.js'

const NAMES = { sv: 'Svenska', en: 'English' } as const

/** Two buttons, each language named in itself, for pages before sign-in. */
export function LanguageSwitch() {
  const { t } = useTranslation()
  const [locale, setLocale] = useLanguage()
  return (
    <Group gap={4} role="group" aria-label={t('language.label')}>
      {LOCALES.map((option) => (
        <Button
          key={option}
          lang={option}
          size="compact-sm"
          variant={option === locale ? 'light' : 'subtle'}
          color={option === locale ? undefined : 'dark'}
          aria-pressed={option === locale}
          onClick={() => setLocale(option)}
        >
          {NAMES[option]}
        </Button>
      ))}
    </Group>
  )
}

export { NAMES as LANGUAGE_NAMES }
