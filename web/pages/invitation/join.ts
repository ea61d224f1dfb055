import type { QueryClient } from '@tanstack/react-query'
import type { SessionView } from '../../../core/schemas/index.js'
import { startSession } from '../../api/session.js'

/** Starts the session the invitation answered with; returns the library just joined. */
export function joined(
  queryClient: QueryClient,
  before: SessionView | null,
  after: SessionView,
  { keepLanguage = false } = {},
): string | undefined {
  const known = new Set(before?.memberships.map((m) => m.libraryId))
  startSession(queryClient, after, { keepLanguage })
  const added = after.memberships.find((m) => !known.has(m.libraryId))
  return added?.libraryId
}
