import { Group } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ButtonLink } from '../../components/links/button-link.js'

type Page = 'policy' | 'draft' | 'versions'

const PATHS = {
  policy: '/bibliotek/$libraryId/strategi',
  draft: '/bibliotek/$libraryId/strategi/utkast',
  versions: '/bibliotek/$libraryId/strategi/versioner',
} as const

/** The three pages of Strategi och policy: what is in force, the draft, its history. */
export function StrategyNav({ libraryId, current }: { libraryId: string; current: Page }) {
  const { t } = useTranslation()
  return (
    <nav aria-label={t('strategy.nav.label')}>
      <Group gap="xs">
        {(Object.keys(PATHS) as Page[]).map((page) => (
          <ButtonLink
            key={page}
            to={PATHS[page]}
            params={{ libraryId }}
            variant={page === current ? 'filled' : 'default'}
            aria-current={page === current ? 'page' : undefined}
          >
            {t(`strategy.nav.${page}`)}
          </ButtonLink>
        ))}
      </Group>
    </nav>
  )
}
