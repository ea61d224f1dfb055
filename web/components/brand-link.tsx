import { Group, Text } from '@mantine/core'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { BrandMark } from './icons.js'

export function BrandLink() {
  const { t } = useTranslation()
  return (
    <Link to="/" className="brand-link" aria-label={t('app.homeLink')}>
      <Group gap="xs" wrap="nowrap">
        <BrandMark />
        <Text component="span" fw={700} size="lg">
          {t('app.name')}
        </Text>
      </Group>
    </Link>
  )
}
