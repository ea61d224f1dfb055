import { AppShell, Container } from '@mantine/core'
import type { ReactNode } from 'react'
import type { SessionView } from '../../core/schemas/index.js'
import { AppHeader } from './app-header.js'
import { MAIN_ID } from './skip-link.js'

/** The frame for pages outside any one library: account, new library. */
export function AccountShell({ session, children }: { session: SessionView; children: ReactNode }) {
  return (
    <AppShell header={{ height: 64 }} padding="md">
      <AppHeader session={session} />
      <AppShell.Main id={MAIN_ID} tabIndex={-1} className="app-main">
        <Container size="sm" py="lg">
          {children}
        </Container>
      </AppShell.Main>
    </AppShell>
  )
}
