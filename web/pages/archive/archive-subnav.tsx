import { Alert, Group, Stack } from '@mantine/core'
import { useLocation } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { PageHeading } from '../../components/page-heading.js'

const PAGES = [
  { key: 'search', to: '/bibliotek/$libraryId/arkiv' },
  { key: 'requests', to: '/bibliotek/$libraryId/arkiv/utlamnanden' },
] as const

/** Links between searching the archive and the requests for public records. */
export function ArchiveSubnav({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const pathname = useLocation({ select: (location) => location.pathname })
  const current = pathname.includes('/arkiv/utlamnanden') ? 'requests' : 'search'
  return (
    <nav aria-label={t('archive.nav.label')}>
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
              {t(`archive.nav.${page.key}`)}
            </AnchorLink>
          </li>
        ))}
      </Group>
    </nav>
  )
}

export function NotAllowed() {
  const { t } = useTranslation()
  return (
    <Stack gap="lg">
      <PageHeading>{t('archive.title')}</PageHeading>
      <Alert role="note" variant="light" color="gray">
        {t('archive.notAllowed')}
      </Alert>
    </Stack>
  )
}
