import { Group } from '@mantine/core'
import { useLocation } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { can, type Permission } from '../../../core/roles.js'
import { useMembership } from '../../api/use-session.js'
import { AnchorLink } from '../../components/links/anchor-link.js'

/** The parts of Inkorg; the last two only for those who may use them. */
const INBOX_PAGES = [
  { key: 'inbox', to: '/bibliotek/$libraryId/inkorg', permission: 'inbox.read' },
  {
    key: 'responseTimes',
    to: '/bibliotek/$libraryId/inkorg/svarstider',
    permission: 'inbox.stats',
  },
  { key: 'settings', to: '/bibliotek/$libraryId/inkorg/installningar', permission: 'inbox.manage' },
] as const satisfies readonly { key: string; to: string; permission: Permission }[]

/**
 * Links between the inbox, its response times and its settings, for the top of each of those
 * pages. A member who may open neither of the other two sees nothing: one link would be noise.
 */
export function InboxSubnav({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const { role } = useMembership(libraryId)
  const pathname = useLocation({ select: (location) => location.pathname })
  const pages = INBOX_PAGES.filter((page) => can(role, page.permission))
  if (pages.length < 2) return null
  const current = pages.findLast((page) =>
    pathname.startsWith(page.to.replace('$libraryId', libraryId)),
  )
  return (
    <nav aria-label={t('inboxSettings.nav.label')}>
      <Group gap="lg" component="ul" className="plain-list">
        {pages.map((page) => (
          <li key={page.key}>
            <AnchorLink
              to={page.to}
              params={{ libraryId }}
              fw={page === current ? 700 : 500}
              aria-current={page === current ? 'page' : undefined}
              underline={page === current ? 'always' : 'hover'}
            >
              {t(`inboxSettings.nav.${page.key}`)}
            </AnchorLink>
          </li>
        ))}
      </Group>
    </nav>
  )
}
