import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { InboxItemDetail } from '../../../core/schemas/inbox.js'
import { inboxItemQuery, inboxKey, presenceKey, subscribeToInbox } from '../../api/inbox.js'
import { useAnnounce } from './announcer.js'

/**
 * Keeps the list and the open item current while the page is open: a
 * colleague's change arrives as an event and the affected queries are read
 * again. Changes to the open item made by someone else are said aloud.
 */
export function useInboxStream(libraryId: string, openId: string | undefined, meId: string) {
  const queryClient = useQueryClient()
  const { t } = useTranslation()
  const announce = useAnnounce()
  const open = useRef(openId)
  open.current = openId
  const say = useRef({ t, announce })
  say.current = { t, announce }

  useEffect(() => {
    if (typeof EventSource === 'undefined') return
    return subscribeToInbox(libraryId, {
      onOpen: () => void queryClient.invalidateQueries({ queryKey: inboxKey(libraryId) }),
      onChange: (event) => {
        void queryClient.invalidateQueries({ queryKey: [...inboxKey(libraryId), 'items'] })
        const key = inboxItemQuery(libraryId, event.itemId).queryKey
        const cached = queryClient.getQueryData<InboxItemDetail>(key)
        // A person's change raises the version; what the system learns (an answer out) does not.
        if (cached && (cached.item.version < event.version || event.actor === null))
          void queryClient.invalidateQueries({ queryKey: key })
        if (event.itemId === open.current && event.actor && event.actor.id !== meId) {
          const { t, announce } = say.current
          announce(
            t('inbox.live.changed', {
              name: event.actor.name,
              state: t(`inbox.state.${event.state}`),
            }),
          )
        }
      },
      onPresence: ({ itemId, presence }) =>
        queryClient.setQueryData(presenceKey(libraryId, itemId), presence),
    })
  }, [libraryId, meId, queryClient])
}
