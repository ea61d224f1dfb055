import { Avatar, Menu, UnstyledButton, Group, Text } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Locale } from '../../core/locale.js'
import type { SessionView } from '../../core/schemas/index.js'
import { endSession, signOut } from '../api/session.js'
import { ChevronDown, PersonIcon } from './icons.js'
import { LANGUAGE_NAMES } from './language-switch.js'
import { useLanguage } from './use-language.js'
import { MenuItemLink } from './links/menu-item-link.js'

export function UserMenu({ session }: { session: SessionView }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [locale, setLocale] = useLanguage()
  const { user } = session

  const onSignOut = async () => {
    // Whatever the server answers, this browser forgets the session.
    // The signed-in layout then leads to the sign-in page.
    await signOut().catch(() => undefined)
    endSession(queryClient, { onPurpose: true })
  }

  return (
    <Menu
      position="bottom-end"
      width={240}
      shadow="md"
      withinPortal={false}
      withInitialFocusPlaceholder={false}
    >
      <Menu.Target>
        <UnstyledButton
          className="header-button"
          aria-label={t('userMenu.label', { name: user.name })}
        >
          <Group gap="xs" wrap="nowrap">
            <Avatar size={32} color="torget" radius="xl" aria-hidden="true">
              <PersonIcon />
            </Avatar>
            <Text component="span" size="sm" fw={500} visibleFrom="sm" truncate maw={180}>
              {user.name}
            </Text>
            <ChevronDown />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <MenuItemLink to="/konto">{t('userMenu.account')}</MenuItemLink>
        {user.isInstanceAdmin && (
          <MenuItemLink to="/nytt-bibliotek">{t('userMenu.newLibrary')}</MenuItemLink>
        )}
        <Menu.Divider />
        <Menu.Label>{t('language.label')}</Menu.Label>
        <Menu.RadioGroup value={locale} onChange={(value) => setLocale(value as Locale)}>
          {(['sv', 'en'] as const).map((option) => (
            <Menu.RadioItem key={option} value={option} lang={option}>
              {LANGUAGE_NAMES[option]}
            </Menu.RadioItem>
          ))}
        </Menu.RadioGroup>
        <Menu.Divider />
        <Menu.Item onClick={() => void onSignOut()}>{t('userMenu.signOut')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
