import { Alert, Paper, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import type { Library } from '../../../core/schemas/index.js'
import { workspaceQuery } from '../../api/library.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { LANGUAGE_NAMES } from '../../components/language-switch.js'
import { ButtonLink } from '../../components/links/button-link.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'
import { LibrarySettingsForm } from './library-settings-form.js'

export function SettingsPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const workspace = useQuery(workspaceQuery(libraryId))
  const editable = can(membership.role, 'library.update')

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading>{t('settings.title')}</PageHeading>
        <Text className="prose">{t('settings.intro')}</Text>
      </Stack>
      <Paper withBorder p="xl" radius="lg">
        {workspace.isPending ? (
          <Loading />
        ) : workspace.isError ? (
          <ErrorAlert error={workspace.error} />
        ) : editable ? (
          <LibrarySettingsForm key={workspace.data.library.id} library={workspace.data.library} />
        ) : (
          <ReadOnlySettings library={workspace.data.library} />
        )}
      </Paper>
      {can(membership.role, 'reports.manage') && (
        <Stack gap={4} align="flex-start">
          <ButtonLink
            variant="default"
            to="/bibliotek/$libraryId/installningar/rapporter"
            params={{ libraryId }}
          >
            {t('reports.link')}
          </ButtonLink>
          <Text size="sm" c="dimmed">
            {t('reports.linkHint')}
          </Text>
        </Stack>
      )}
      {can(membership.role, 'audit.read') && (
        <Stack gap={4} align="flex-start">
          <ButtonLink
            variant="default"
            to="/bibliotek/$libraryId/installningar/granskningslogg"
            params={{ libraryId }}
          >
            {t('audit.link')}
          </ButtonLink>
          <Text size="sm" c="dimmed">
            {t('audit.linkHint')}
          </Text>
        </Stack>
      )}
    </Stack>
  )
}

function ReadOnlySettings({ library }: { library: Library }) {
  const { t } = useTranslation()
  const format = useFormat(library.timeZone)
  return (
    <Stack gap="md">
      <dl className="details">
        <dt>{t('fields.libraryName')}</dt>
        <dd>{library.name}</dd>
        <dt>{t('fields.timeZone')}</dt>
        <dd>{library.timeZone.replaceAll('_', ' ')}</dd>
        <dt>{t('fields.libraryLocale')}</dt>
        <dd lang={library.locale}>{LANGUAGE_NAMES[library.locale]}</dd>
        <dt>{t('approval.settings.requireSecond')}</dt>
        <dd>
          {t(library.requireSecondApprover ? 'approval.settings.yes' : 'approval.settings.no')}
        </dd>
        <dt>{t('settings.created')}</dt>
        <dd>{format.date(library.createdAt)}</dd>
      </dl>
      <Alert role="note" variant="light" color="gray">
        {t('settings.readOnly')}
      </Alert>
    </Stack>
  )
}
