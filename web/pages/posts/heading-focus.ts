import { useEffect } from 'react'

let requested = false

/**
 * Asks for focus on the page's heading after the next change of the post
 * (scheduled, unscheduled, moved): the form the person used is gone, and the
 * heading says what the page is now.
 */
export function focusHeadingAfterChange(): void {
  requested = true
}

/** Moves focus when `key` changes and a change asked for it; polling alone never does. */
export function useHeadingFocus(key: string): void {
  useEffect(() => {
    if (!requested) return
    requested = false
    document.querySelector<HTMLElement>('main h1')?.focus()
  }, [key])
}

/** Focuses an element that the next render brings (after a server answer), trying a few frames. */
export function focusWhenReady(id: string, frames = 10): void {
  const element = document.getElementById(id)
  if (element) element.focus()
  else if (frames > 0) requestAnimationFrame(() => focusWhenReady(id, frames - 1))
}
