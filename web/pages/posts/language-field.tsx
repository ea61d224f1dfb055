import { NativeSelect } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { POST_LANGUAGES, languageLabel } from '../../../core/languages.js'

export const LANGUAGE_FIELD_ID = 'post-language'

type Props = {
  value: string
  onChange: (code: string) => void
}

/**
 * The language the post is written in, sent to the networks with it: each
 * language by its own name and, where that differs, its name in the
 * person's language.
 */
export function LanguageField({ value, onChange }: Props) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language === 'en' ? 'en' : 'sv'
  return (
    <NativeSelect
      id={LANGUAGE_FIELD_ID}
      label={t('postLanguage.label')}
      description={t('postLanguage.hint')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={POST_LANGUAGES.map((language) => ({
        value: language.code,
        label: languageLabel(language, locale),
      }))}
      maw={360}
    />
  )
}
