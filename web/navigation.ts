import type { SessionView } from '../core/schemas/index.js'

const LAST_LIBRARY_KEY = 'torget.library'

/** Only same-site paths are followed after sign-in; anything else goes home. */
export function safeRedirect(target: unknown): string | undefined {
  if (typeof target !== 'string') return undefined
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\'))
    return undefined
  return target
}

export function rememberLibrary(libraryId: string): void {
  try {
    window.localStorage.setItem(LAST_LIBRARY_KEY, libraryId)
  } catch {
    // Storage may be refused; the first library is a fine default then.
  }
}

/** The library to open after sign-in: the one used last on this device, else the first. */
export function startLibrary(session: SessionView): string | undefined {
  let last: string | null = null
  try {
    last = window.localStorage.getItem(LAST_LIBRARY_KEY)
  } catch {
    last = null
  }
  const found = session.memberships.find((m) => m.libraryId === last)
  return (found ?? session.memberships[0])?.libraryId
}

/**
 * The parts of Planering, in the order the sub-navigation shows them. Their
 * pages live under /planering/, so the main navigation marks Planering.
 */
export const PLANNING_PAGES = [
  { key: 'calendar', to: '/bibliotek/$libraryId/planering' },
  { key: 'campaigns', to: '/bibliotek/$libraryId/planering/kampanjer' },
  { key: 'events', to: '/bibliotek/$libraryId/planering/evenemang' },
  { key: 'recurring', to: '/bibliotek/$libraryId/planering/veckans-postning' },
] as const
