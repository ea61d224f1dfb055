import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Locale } from '../../core/locale.js'
import { sessionQuery, updateMe } from '../api/session.js'
import { chooseLocale, currentLocale } from '../i18n/index.js'
import { useErrorMessage } from './error-alert.js'

/**
 * The UI language and a way to change it. The choice is kept on this device at
 * once and, when someone is signed in, saved to their account too.
 */
export function useLanguage(): [Locale, (locale: Locale) => void] {
  useTranslation() // subscribes: the caller re-renders when the language changes
  const queryClient = useQueryClient()
  const errorMessage = useErrorMessage()

  const change = (locale: Locale) => {
    chooseLocale(locale)
    const session = queryClient.getQueryData(sessionQuery.queryKey)
    if (!session || session.user.locale === locale) return
    updateMe({ locale }).then(
      (user) => queryClient.setQueryData(sessionQuery.queryKey, (old) => old && { ...old, user }),
      (error: unknown) =>
        // Loaded only on failure: this hook is part of the very first page.
        void import('./notify.js').then(({ notify }) => notify(errorMessage(error), 'error')),
    )
  }
  return [currentLocale(), change]
}
