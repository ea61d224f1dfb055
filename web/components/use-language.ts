import { notifications } from '@mantine/notifications'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Locale } from '../../core/locale.js'
import { sessionQuery, updateMe } from '../api/session.js'
import { applyLocale, currentLocale } from '../i18n/index.js'
import { useErrorMessage } from './error-alert.js'

/**
 * The UI language and a way to change it. The choice is kept on this device at
 * once and, when someone is signed in, saved to their account too.
 */
export function useLanguage(): [Locale, (locale: Locale) => void] {
  const { i18n } = useTranslation()
  const queryClient = useQueryClient()
  const errorMessage = useErrorMessage()
  void i18n.language // re-render on change

  const change = (locale: Locale) => {
    applyLocale(locale)
    const session = queryClient.getQueryData(sessionQuery.queryKey)
    if (!session || session.user.locale === locale) return
    updateMe({ locale }).then(
      (user) => queryClient.setQueryData(sessionQuery.queryKey, (old) => old && { ...old, user }),
      (error: unknown) =>
        notifications.show({ color: 'red', message: errorMessage(error), autoClose: 8000 }),
    )
  }
  return [currentLocale(), change]
}
