import { AppShell, Container } from '@mantine/core'
import { useDisclosure, useMediaQuery } from '@mantine/hooks'
import { Outlet, useLocation, useParams } from '@tanstack/react-router'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useRequiredSession } from '../../api/use-session.js'
import { AppHeader } from '../../components/app-header.js'
import { InsideMain, NotFoundPage } from '../../components/route-states.js'
import { MAIN_ID } from '../../components/skip-link.js'
import { AccessExpiryBanner } from './access-expiry-banner.js'
import { WorkspaceNav } from './workspace-nav.js'

const NAV_ID = 'workspace-navigation'

/** The frame of a library: header with switchers, section navigation, the section's page. */
export function WorkspaceShell() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const session = useRequiredSession()
  const [opened, { toggle, close }] = useDisclosure(false)
  const mobile = useMediaQuery('(max-width: 47.99em)') ?? false
  const pathname = useLocation({ select: (location) => location.pathname })

  useEffect(() => close(), [pathname, close])

  const membership = session.memberships.find((m) => m.libraryId === libraryId)
  // Removed from the library while looking at it (the session was refreshed).
  if (!membership) return <NotFoundPage />

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppHeader
        session={session}
        libraryId={libraryId}
        navigation={{ opened, toggle, controls: NAV_ID }}
      />
      <AppShell.Navbar
        id={NAV_ID}
        aria-label={t('nav.label')}
        p="sm"
        // Off-screen on small screens: keep its links out of the tab order too.
        inert={mobile && !opened}
      >
        <WorkspaceNav libraryId={libraryId} />
      </AppShell.Navbar>
      <AppShell.Main id={MAIN_ID} tabIndex={-1} className="app-main">
        <InsideMain value={true}>
          <Container size="lg" px={0} py="md">
            <AccessExpiryBanner libraryId={libraryId} timeZone={membership.timeZone} />
            <Outlet />
          </Container>
        </InsideMain>
      </AppShell.Main>
    </AppShell>
  )
}
