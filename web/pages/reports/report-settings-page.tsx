import { Alert, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import { reportSettingsQuery } from '../../api/reports.js'
import { useMembership, useRequiredSession } from '../../api/use-session.js'
import { ButtonLink } from '../../components/links/button-link.js'
import { PageHeading } from '../../components/page-heading.js'
import { ComparisonSection } from './comparison-section.js'
import { RecipientsSection } from './recipients-section.js'

/**
 * Inställningar → Månadsrapport: who gets the report by e-mail, whether the
 * library takes part in the comparison, and for Torget's administrator the
 * installation's own report.
 */
export function ReportSettingsPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const session = useRequiredSession()
  const allowed = can(membership.role, 'reports.manage')
  const settings = useQuery({ ...reportSettingsQuery(libraryId), enabled: allowed })

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading>{t('reports.title')}</PageHeading>
        <Text className="prose">{t('reports.intro')}</Text>
      </Stack>
      {!allowed ? (
        <Stack gap="md" align="flex-start">
          <Alert role="note" variant="light" color="gray" className="prose">
            {t('reports.notAllowed')}
          </Alert>
          <ButtonLink
            variant="default"
            to="/bibliotek/$libraryId/installningar"
            params={{ libraryId }}
          >
            {t('reports.backToSettings')}
          </ButtonLink>
        </Stack>
      ) : (
        <>
          <RecipientsSection
            libraryId={libraryId}
            timeZone={membership.timeZone}
            title={t('reports.recipients.title')}
            intro={t('reports.recipients.intro')}
            idPrefix="recipients"
          />
          {settings.data?.comparison && (
            <ComparisonSection
              libraryId={libraryId}
              timeZone={membership.timeZone}
              consent={settings.data.comparison}
            />
          )}
          {session.user.isInstanceAdmin && (
            <RecipientsSection
              libraryId={null}
              timeZone="Europe/Stockholm"
              title={t('reports.instance.title')}
              intro={t('reports.instance.intro')}
              idPrefix="instance-recipients"
            />
          )}
        </>
      )}
    </Stack>
  )
}
