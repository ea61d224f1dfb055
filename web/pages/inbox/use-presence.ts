import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { presenceKey, sendPresence } from '../../api/inbox.js'

const REFRESH_MS = 20_000

/**
 * Tells colleagues this person has the item open, and whether they are
 * writing a reply: said on open and every 20 seconds (the server forgets
 * whoever stops saying it), and 'gone' on leaving.
 */
export function usePresence(libraryId: string, itemId: string, writing: boolean): void {
  const queryClient = useQueryClient()
  const mode = writing ? 'writing' : 'viewing'

  useEffect(() => {
    let live = true
    const say = () =>
      sendPresence(libraryId, itemId, mode).then(
        (presence) => {
          if (live) queryClient.setQueryData(presenceKey(libraryId, itemId), presence)
        },
        // Presence is a courtesy: a failed call must not disturb the person.
        () => undefined,
      )
    void say()
    const timer = setInterval(() => void say(), REFRESH_MS)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [libraryId, itemId, mode, queryClient])

  useEffect(() => {
    const leave = () => void sendPresence(libraryId, itemId, 'gone').catch(() => undefined)
    window.addEventListener('pagehide', leave)
    return () => {
      window.removeEventListener('pagehide', leave)
      leave()
    }
  }, [libraryId, itemId])
}
