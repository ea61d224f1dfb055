import { notifications } from '@mantine/notifications'
import i18next from 'i18next'

/** A short confirmation or problem after an action; the close button is named. */
export function notify(message: string, tone: 'success' | 'error' = 'success'): void {
  notifications.show({
    message,
    color: tone === 'success' ? 'teal' : 'red',
    autoClose: tone === 'success' ? 5000 : 10000,
    closeButtonProps: { 'aria-label': i18next.t('common.close') },
  })
}
