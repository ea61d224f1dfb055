import { useEffect, useRef } from 'react'
import { isTyping } from './item-facts.js'

type Actions = {
  /** j and k: the next (older) and the previous (newer) item. */
  move: (step: 1 | -1) => void
  /** r: to the reply field. */
  reply: () => void
  /** e: mark the open item done. */
  done: () => void
}

/** The inbox's single-key shortcuts; never while typing, in a dialog, or with a modifier held. */
export function useInboxKeys(actions: Actions): void {
  const latest = useRef(actions)
  latest.current = actions
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return
      if (isTyping(event.target)) return
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return
      const act = latest.current
      switch (event.key) {
        case 'j':
          act.move(1)
          break
        case 'k':
          act.move(-1)
          break
        case 'r':
          act.reply()
          break
        case 'e':
          act.done()
          break
        default:
          return
      }
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
