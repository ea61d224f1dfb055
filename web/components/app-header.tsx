import { AppShell, Burger, Divider, Group } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionView } from '../../core/schemas/index.js'
import { BrandLink } from './brand-link.js'
import { LibrarySwitcher } from './library-switcher.js'
import { NotificationBell } from './notification-bell.js'
import { UserMenu } from './user-menu.js'

type Props = {
  session: SessionView
  libraryId?: string
  navigation?: { opened: boolean; toggle: () => void; controls: string }
}

export function AppHeader({ session, libraryId, navigation }: Props): ReactNode {
  const { t } = useTranslation()
  return (
    <AppShell.Header>
      <Group h="100%" px="md" justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" miw={0}>
          {navigation && (
            <Burger
              opened={navigation.opened}
              onClick={navigation.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
              aria-expanded={navigation.opened}
              aria-controls={navigation.controls}
            />
          )}
          <BrandLink compact />
          <Divider orientation="vertical" visibleFrom="xs" />
          <LibrarySwitcher session={session} libraryId={libraryId} />
        </Group>
        {/* The library's name gives way on a phone; the bell's count and the menu do not. */}
        <Group gap="xs" wrap="nowrap" flex="none">
          {libraryId && <NotificationBell />}
          <UserMenu session={session} />
        </Group>
      </Group>
    </AppShell.Header>
  )
}
