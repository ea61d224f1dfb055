import { Group } from '@mantine/core'
import { useLocation } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { AnchorLink } from '../../components/links/anchor-link.js'

/**
 * The parts of Statistik: the figures (Översikt) and the engagement ladder
 * (Stegen, web/pages/statistics/ladder-page.tsx, which adds its own route).
 */
const PAGES = [
  { key: 'overview', to: '/bibliotek/$libraryId/statistik' },
  // Typed loosely until the ladder's route is in the route tree.
  {
    key: 'ladder',
    to: '/bibliotek/$libraryId/statistik/stegen' as '/bibliotek/$libraryId/statistik',
  },
] as const

/** Links between the figures and the ladder, at the top of each. */
export function StatisticsSubnav({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const pathname = useLocation({ select: (location) => location.pathname })
  const current = pathname.endsWith('/statistik/stegen') ? 'ladder' : 'overview'
  return (
    <nav aria-label={t('statistics.nav.label')}>
      <Group gap="lg" component="ul" className="plain-list">
        {PAGES.map((page) => (
          <li key={page.key}>
            <AnchorLink
              to={page.to}
              params={{ libraryId }}
              fw={page.key === current ? 700 : 500}
              aria-current={page.key === current ? 'page' : undefined}
              underline={page.key === current ? 'always' : 'hover'}
            >
              {t(`statistics.nav.${page.key}`)}
            </AnchorLink>
          </li>
        ))}
      </Group>
    </nav>
  )
}
