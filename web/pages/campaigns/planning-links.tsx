import { Group } from '@mantine/core'
import { useLocation } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { PLANNING_PAGES } from '../../navigation.js'
import { AnchorLink } from '../../components/links/anchor-link.js'

/** The parts of Planering, so the calendar, campaigns, events and weekly slots are a click apart. */
export function PlanningLinks({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const pathname = useLocation({ select: (location) => location.pathname })
  const current = PLANNING_PAGES.findLast((page) =>
    pathname.startsWith(page.to.replace('$libraryId', libraryId)),
  )
  return (
    <nav aria-label={t('campaigns.nav.label')}>
      <Group gap="lg" component="ul" className="plain-list">
        {PLANNING_PAGES.map((page) => (
          <li key={page.key}>
            <AnchorLink
              to={page.to}
              params={{ libraryId }}
              fw={page === current ? 700 : 500}
              aria-current={page === current ? 'page' : undefined}
              underline={page === current ? 'always' : 'hover'}
            >
              {t(`campaigns.nav.${page.key}`)}
            </AnchorLink>
          </li>
        ))}
      </Group>
    </nav>
  )
}
