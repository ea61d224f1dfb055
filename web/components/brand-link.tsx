import { Group, Text } from '@mantine/core'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { BrandMark } from './icons.js'

/** `compact` keeps only the mark on small screens, where the header is crowded. */
export function BrandLink({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation()
  return (
    <Link to="/" className="brand-link" aria-label={t('app.homeLink')}>
      <Group gap="xs" wrap="nowrap">
        <BrandMark />
        <Text component="span" fw={700} size="lg" visibleFrom={compact ? 'sm' : undefined}>
          {t('app.name')}
        </Text>
      </Group>
    </Link>
  )
}
