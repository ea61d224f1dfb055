import { Stack } from '@mantine/core'
import { useLocation } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { Section } from '../../../core/schemas/index.js'
import { type Permission, can } from '../../../core/roles.js'
import { useMembership } from '../../api/use-session.js'
import { PathIcon, SectionIcon } from '../../components/icons.js'
import { NavLinkRouter } from '../../components/links/nav-link.js'
import { SECTION_ORDER, SECTION_PATHS, sectionOfPath } from './sections.js'

/** Sections only some roles may open; the rest are every member's. */
const SECTION_PERMISSIONS: Partial<Record<Section, Permission>> = { archive: 'archive.read' }

export function WorkspaceNav({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const { role } = useMembership(libraryId)
  const current = useLocation({ select: (location) => sectionOfPath(location.pathname) })
  // Min väg is every member's own page, beside the sections rather than one of them.
  const onPath = useLocation({ select: (location) => location.pathname.endsWith('/min-vag') })
  return (
    <Stack gap={2} component="ul" className="nav-list">
      {SECTION_ORDER.filter((section) => {
        const needs = SECTION_PERMISSIONS[section]
        return !needs || can(role, needs)
      }).map((section) => (
        <li key={section}>
          <NavLinkRouter
            to={SECTION_PATHS[section]}
            params={{ libraryId }}
            label={t(`sections.${section}.nav`)}
            leftSection={<SectionIcon section={section} />}
            active={current === section}
            variant="light"
          />
        </li>
      ))}
      <li>
        <NavLinkRouter
          to="/bibliotek/$libraryId/min-vag"
          params={{ libraryId }}
          label={t('path.nav')}
          leftSection={<PathIcon />}
          active={onPath}
          variant="light"
        />
      </li>
    </Stack>
  )
}
