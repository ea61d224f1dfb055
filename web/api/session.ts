import { queryOptions, type QueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type { SessionView, User, setupStatusSchema } from '../../core/schemas/index.js'
import { currentLocale, languageChosenThisVisit } from '../i18n/index.js'
import { api, isApiError } from './client.js'

export type SetupStatus = z.infer<typeof setupStatusSchema>

export const sessionQuery = queryOptions({
  queryKey: ['session'],
  // Signed out is a normal state, not an error: the query answers null.
  queryFn: async (): Promise<SessionView | null> => {
    try {
      return await api<SessionView>('GET', '/auth/session')
    } catch (error) {
      if (isApiError(error, 'unauthenticated')) return null
      throw error
    }
  },
  staleTime: 60_000,
})

export const setupStatusQuery = queryOptions({
  queryKey: ['setup'],
  queryFn: () => api<SetupStatus>('GET', '/setup'),
  staleTime: Infinity,
})

export function signIn(input: { email: string; password: string }): Promise<SessionView> {
  return api<SessionView>('POST', '/auth/sign-in', input)
}

export function signOut(): Promise<void> {
  return api<void>('POST', '/auth/sign-out')
}

export type SetupForm = {
  name: string
  email: string
  password: string
  libraryName: string
  timeZone: string
  locale: 'sv' | 'en'
  setupCode: string
}

export function runSetup(input: SetupForm): Promise<SessionView> {
  return api<SessionView>('POST', '/setup', input)
}

export function requestPasswordReset(email: string): Promise<void> {
  return api<void>('POST', '/auth/password-reset/request', { email })
}

export function confirmPasswordReset(token: string, password: string): Promise<void> {
  return api<void>('POST', '/auth/password-reset/confirm', { token, password })
}

export function updateMe(input: { name?: string; locale?: 'sv' | 'en' }): Promise<User> {
  return api<User>('PATCH', '/me', input)
}

let endedOnPurpose = false

/**
 * Stores a fresh session (after setup, sign-in or joining) and forgets the
 * rest. A language the person picked on the way in (or `keepLanguage`, for an
 * account just created on this page) wins over the one saved on the account,
 * and is saved there.
 */
export function startSession(
  queryClient: QueryClient,
  session: SessionView,
  { keepLanguage = false } = {},
): void {
  endedOnPurpose = false
  // Only what no page shows now: the page that signed in (an invitation) stays put.
  queryClient.removeQueries({
    type: 'inactive',
    predicate: (query) => query.queryKey[0] !== 'session',
  })
  const locale = currentLocale()
  const relocale = (keepLanguage || languageChosenThisVisit()) && session.user.locale !== locale
  const next: SessionView = relocale ? { ...session, user: { ...session.user, locale } } : session
  queryClient.setQueryData(sessionQuery.queryKey, next)
  queryClient.setQueryData(setupStatusQuery.queryKey, (old) => old && { ...old, needed: false })
  // Not awaited: should saving fail, the account keeps its old language and nothing else breaks.
  if (relocale) void updateMe({ locale }).catch(() => undefined)
}

/**
 * Forgets everything the signed-in person could see. `onPurpose` tells a
 * sign-out from an expired session, after which sign-in leads back here.
 */
export function endSession(queryClient: QueryClient, { onPurpose = false } = {}): void {
  endedOnPurpose = onPurpose
  // The session query stays (pages observe it) and turns null; the rest go.
  queryClient.removeQueries({
    predicate: (query) => !['setup', 'session'].includes(String(query.queryKey[0])),
  })
  queryClient.setQueryData(sessionQuery.queryKey, null)
}

export function sessionEndedOnPurpose(): boolean {
  return endedOnPurpose
}
