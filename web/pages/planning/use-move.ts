import { useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { Calendar, Post } from '../../../core/schemas/index.js'
import { moveToDate } from '../../../core/time/move.js'
import { utcToZoned, zonedToUtc } from '../../../core/time/zoned.js'
import { ApiError, api } from '../../api/client.js'
import { schedulePost } from '../../api/posts.js'
import { notify } from '../../components/notify.js'
import type { AnyItem } from './calendar-item.js'

/** Where a draft with no time lands when it is dropped on a day. */
export const DEFAULT_TIME = '09:00'

/** The instant a move lands on: the same local time on the new day, or a time chosen in the dialog. */
export function targetInstant(
  item: AnyItem,
  date: string,
  time: string | undefined,
  timeZone: string,
) {
  if (time) return zonedToUtc(date, time, timeZone)
  if ('at' in item) return moveToDate(item.at, date, timeZone)
  return zonedToUtc(date, DEFAULT_TIME, timeZone)
}

export function useMoveItem(libraryId: string, timeZone: string, queryKey: readonly unknown[]) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()

  return useCallback(
    async (item: AnyItem, date: string, time?: string): Promise<boolean> => {
      const at = targetInstant(item, date, time, timeZone)
      if (item.state === 'scheduled' && at.getTime() < Date.now()) {
        notify(t('calendar.move.past'), 'error')
        return false
      }
      const local = utcToZoned(at, timeZone)
      // Shown at once where it lands; the answer (or a refusal) follows.
      const previous = queryClient.getQueryData<Calendar>(queryKey)
      if (previous) {
        const moved = {
          ...item,
          at: at.toISOString(),
          date: local.date,
          time: local.time,
          kind: item.state === 'scheduled' ? ('scheduled' as const) : ('planned' as const),
        }
        const counts = { ...previous.counts }
        if ('date' in item && counts[item.date]) counts[item.date]! -= 1
        counts[local.date] = (counts[local.date] ?? 0) + 1
        queryClient.setQueryData<Calendar>(queryKey, {
          ...previous,
          counts,
          items: [...previous.items.filter((i) => i.id !== item.id), moved].sort((a, b) =>
            a.at < b.at ? -1 : a.at > b.at ? 1 : 0,
          ),
          unplanned: {
            items: previous.unplanned.items.filter((i) => i.id !== item.id),
            total:
              previous.unplanned.total -
              (previous.unplanned.items.some((i) => i.id === item.id) ? 1 : 0),
          },
        })
      }
      try {
        const post =
          item.state === 'scheduled'
            ? await schedulePost(libraryId, item.id, {
                at: at.toISOString(),
                version: item.version,
              })
            : await api<Post>(
                'PATCH',
                `/libraries/${encodeURIComponent(libraryId)}/posts/${encodeURIComponent(item.id)}`,
                { version: item.version, plannedAt: at.toISOString() },
              )
        queryClient.setQueryData(['library', libraryId, 'post', item.id], post)
        const when = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', {
          dateStyle: 'full',
          timeStyle: 'short',
          timeZone,
        }).format(at)
        notify(t('calendar.move.moved', { when }))
        return true
      } catch (error) {
        if (previous) queryClient.setQueryData(queryKey, previous)
        notify(error instanceof ApiError ? error.message : t('calendar.move.failed'), 'error')
        return false
      } finally {
        void queryClient.invalidateQueries({ queryKey: ['library', libraryId, 'calendar'] })
        void queryClient.invalidateQueries({ queryKey: ['library', libraryId, 'posts'] })
      }
    },
    [libraryId, timeZone, queryKey, queryClient, t, i18n.language],
  )
}
