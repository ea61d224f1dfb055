import { Alert } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ApiError, NetworkError } from '../api/client.js'

/** The message a person should read for a failed request, in their language. */
export function useErrorMessage() {
  const { t } = useTranslation()
  return (error: unknown): string => {
    if (error instanceof ApiError && error.message) return error.message
    if (error instanceof NetworkError) return t('errors.network')
    return t('errors.unknown')
  }
}

/** Announces a failed request (role=alert) and shows what the server said. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const message = useErrorMessage()
  if (!error) return null
  return (
    <Alert color="red" variant="light" title={title} role="alert" className="error-alert">
      {message(error)}
    </Alert>
  )
}
