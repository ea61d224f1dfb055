import { useQuery } from '@tanstack/react-query'
import { Outlet, useNavigate } from '@tanstack/react-router'
import { useEffect } from 'react'
import { sessionEndedOnPurpose, sessionQuery } from './api/session.js'
import { SkipLink } from './components/skip-link.js'
import { applyLocale } from './i18n/index.js'

export function RootLayout() {
  const session = useQuery(sessionQuery).data
  const savedLocale = session?.user.locale
  // The account's language (already updated if one was picked on the way in)
  // wins over this device's last choice.
  useEffect(() => {
    if (savedLocale) applyLocale(savedLocale)
  }, [savedLocale])

  return (
    <>
      <SkipLink />
      <Outlet />
    </>
  )
}

/** Renders its pages only with a session; losing it (sign-out, expiry) leads to sign-in. */
export function SignedInLayout() {
  const session = useQuery(sessionQuery).data
  const navigate = useNavigate()
  const lost = session === null

  useEffect(() => {
    if (!lost) return
    const here = window.location.pathname + window.location.search
    const search = sessionEndedOnPurpose() ? {} : { redirect: here }
    void navigate({ to: '/logga-in', search, replace: true })
  }, [lost, navigate])

  return session ? <Outlet /> : null
}
