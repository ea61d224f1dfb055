import { Alert, Group, Stack } from '@mantine/core'
import { useLocation } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { type Permission, can } from '../../../core/roles.js'
import { useMembership } from '../../api/use-session.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { PageHeading } from '../../components/page-heading.js'

const PAGES = [
  { key: 'search', to: '/bibliotek/$libraryId/arkiv', segment: '', permission: 'archive.read' },
  {
    key: 'requests',
    to: '/bibliotek/$libraryId/arkiv/utlamnanden',
    segment: '/arkiv/utlamnanden',
    permission: 'archive.read',
  },
  {
    key: 'weeding',
    to: '/bibliotek/$libraryId/arkiv/gallring',
    segment: '/arkiv/gallring',
    permission: 'archive.read',
  },
  {
    key: 'report',
    to: '/bibliotek/$libraryId/arkiv/rapport',
    segment: '/arkiv/rapport',
    permission: 'archive.read',
  },
  {
    key: 'personal',
    to: '/bibliotek/$libraryId/arkiv/personuppgifter',
    segment: '/arkiv/personuppgifter',
    permission: 'archive.manage',
  },
] as const satisfies readonly { key: string; to: string; segment: string; permission: Permission }[]

/** Links between the archive's parts: search, requests, weeding, the report and personal data. */
export function ArchiveSubnav({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const membership = useMembership(libraryId)
  const pathname = useLocation({ select: (location) => location.pathname })
  const current =
    PAGES.find((page) => page.segment && pathname.includes(page.segment))?.key ?? 'search'
  return (
    <nav aria-label={t('archive.nav.label')}>
      <Group gap="lg" component="ul" className="plain-list">
        {PAGES.filter((page) => can(membership.role, page.permission)).map((page) => (
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
