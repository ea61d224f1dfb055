import { Badge, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core'
import { useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import type { Section } from '../../../core/schemas/index.js'
import { useMembership } from '../../api/use-session.js'
import { SectionIcon } from '../../components/icons.js'
import { PageHeading } from '../../components/page-heading.js'
import { AnchorLink } from '../../components/links/anchor-link.js'

/**
 * An honest empty state for a section that is not built yet: what will come
 * here and why it matters to the library. No sample data, no made-up numbers.
 */
function ComingSoon({ section }: { section: Section }) {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  return (
    <Stack gap="lg">
      <PageHeading>{t(`sections.${section}.title`)}</PageHeading>
      <Paper withBorder p="xl" radius="lg">
        <Stack gap="md" className="prose">
          <Group gap="sm">
            <ThemeIcon variant="light" size="xl" radius="md" aria-hidden="true">
              <SectionIcon section={section} size={26} />
            </ThemeIcon>
            <Badge variant="light" color="gray" size="lg" tt="none">
              {t('comingSoon.badge')}
            </Badge>
          </Group>
          <Text size="lg">{t(`sections.${section}.what`)}</Text>
          <Text>{t(`sections.${section}.why`)}</Text>
          <Text size="sm">
            {t('comingSoon.meanwhile')}{' '}
            <AnchorLink to="/bibliotek/$libraryId/medlemmar" params={{ libraryId }}>
              {can(membership.role, 'invitations.manage')
                ? t('comingSoon.inviteColleagues')
                : t('comingSoon.seeMembers')}
            </AnchorLink>
          </Text>
        </Stack>
      </Paper>
    </Stack>
  )
}

export function StatisticsPage() {
  return <ComingSoon section="statistics" />
}
