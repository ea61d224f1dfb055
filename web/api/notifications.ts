import { queryOptions } from '@tanstack/react-query'
import type { NotificationList, NotificationSettings } from '../../core/schemas/index.js'
import { api } from './client.js'

export const notificationsQuery = queryOptions({
  queryKey: ['notifications'],
  queryFn: () => api<NotificationList>('GET', '/notifications'),
  refetchInterval: 60_000,
})

export function markNotificationRead(id: string): Promise<void> {
  return api<void>('POST', `/notifications/${encodeURIComponent(id)}/read`)
}

export function markAllNotificationsRead(): Promise<void> {
  return api<void>('POST', '/notifications/read-all')
}

export const notificationSettingsQuery = queryOptions({
  queryKey: ['notifications', 'settings'],
  queryFn: () => api<NotificationSettings>('GET', '/notifications/settings'),
})

export function updateNotificationSettings(dailyDigest: boolean): Promise<NotificationSettings> {
  return api<NotificationSettings>('PATCH', '/notifications/settings', { dailyDigest })
}
