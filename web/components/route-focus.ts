import type { AnyRouter } from '@tanstack/react-router'

let ready = false
let navigated = false

/**
 * Remembers whether the person has moved between pages. The first page keeps
 * the browser's own focus (so the skip link comes first); after a navigation
 * focus moves to the new page's heading so screen readers announce it.
 */
export function trackNavigation(router: AnyRouter): void {
  router.subscribe('onResolved', () => {
    ready = true
  })
  router.subscribe('onBeforeNavigate', () => {
    if (ready) navigated = true
  })
}

export function hasNavigated(): boolean {
  return navigated
}
