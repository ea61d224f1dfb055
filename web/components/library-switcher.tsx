import { Menu, Text, UnstyledButton, Group } from '@mantine/core'
import { useLocation } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { SessionView } from '../../core/schemas/index.js'
import { SECTION_PATHS, sectionOfPath } from '../pages/workspace/sections.js'
import { ChevronDown } from './icons.js'
import { MenuItemLink } from './links/menu-item-link.js'

type Props = { session: SessionView; libraryId?: string }

/** Names the current library; with several memberships it also moves between them. */
export function LibrarySwitcher({ session, libraryId }: Props) {
  const { t } = useTranslation()
  const pathname = useLocation({ select: (location) => location.pathname })
  const current = session.memberships.find((m) => m.libraryId === libraryId)
  const others = session.memberships.filter((m) => m.libraryId !== libraryId)
  // Stay in the same section when moving to another library.
  const to = SECTION_PATHS[sectionOfPath(pathname) ?? 'planning']

  if (others.length === 0) {
    if (!current) return null
    return (
      <Text component="span" fw={600} truncate maw={{ base: 140, sm: 320 }}>
        {current.libraryName}
      </Text>
    )
  }

  return (
    <Menu
      position="bottom-start"
      width={280}
      shadow="md"
      withinPortal={false}
      withInitialFocusPlaceholder={false}
    >
      <Menu.Target>
        <UnstyledButton
          className="header-button"
          aria-label={
            current ? t('librarySwitcher.labelCurrent', { name: current.libraryName }) : undefined
          }
        >
          <Group gap={6} wrap="nowrap">
            <Text component="span" fw={600} truncate maw={{ base: 140, sm: 320 }}>
              {current?.libraryName ?? t('librarySwitcher.choose')}
            </Text>
            <ChevronDown />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('librarySwitcher.heading')}</Menu.Label>
        {session.memberships.map((membership) => (
          <MenuItemLink
            key={membership.libraryId}
            to={to}
            params={{ libraryId: membership.libraryId }}
            aria-current={membership.libraryId === libraryId ? 'page' : undefined}
            fw={membership.libraryId === libraryId ? 700 : undefined}
          >
            {membership.libraryName}
          </MenuItemLink>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}
