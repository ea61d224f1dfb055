import { Stack } from '@mantine/core'
import { useLocation } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { SectionIcon } from '../../components/icons.js'
import { NavLinkRouter } from '../../components/links/nav-link.js'
import { SECTION_ORDER, SECTION_PATHS, sectionOfPath } from './sections.js'

export function WorkspaceNav({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const current = useLocation({ select: (location) => sectionOfPath(location.pathname) })
  return (
    <Stack gap={2} component="ul" className="nav-list">
      {SECTION_ORDER.map((section) => (
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
    </Stack>
  )
}
