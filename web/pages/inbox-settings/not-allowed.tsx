import { Alert, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ButtonLink } from '../../components/links/button-link.js'
import { PageHeading } from '../../components/page-heading.js'

/** What a member without the permission sees at one of these addresses: who may, and a way back. */
export function NotAllowed({
  title,
  body,
  libraryId,
}: {
  title: string
  body: string
  libraryId: string
}) {
  const { t } = useTranslation()
  return (
    <Stack gap="lg" align="flex-start">
      <PageHeading>{title}</PageHeading>
      <Alert role="note" variant="light" color="gray" className="prose">
        {body}
      </Alert>
      <ButtonLink variant="default" to="/bibliotek/$libraryId/inkorg" params={{ libraryId }}>
        {t('inboxSettings.backToInbox')}
      </ButtonLink>
    </Stack>
  )
}
