import { useQuery } from '@tanstack/react-query'
import type { SessionView } from '../../core/schemas/index.js'
import { sessionQuery } from './session.js'

export function useSession(): SessionView | null | undefined {
  return useQuery(sessionQuery).data
}

/** For pages under the signed-in layout, which renders them only with a session. */
export function useRequiredSession(): SessionView {
  const session = useSession()
  if (!session) throw new Error('useRequiredSession used outside the signed-in layout')
  return session
}

export function useMembership(libraryId: string) {
  const session = useRequiredSession()
  const membership = session.memberships.find((m) => m.libraryId === libraryId)
  if (!membership) throw new Error(`Not a member of library ${libraryId}`)
  return membership
}
