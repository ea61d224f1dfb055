import { Alert, Group, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useParams, useSearch } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { InvitationPreview } from '../../../core/schemas/index.js'
import { ApiError } from '../../api/client.js'
import { invitationPreviewQuery } from '../../api/members.js'
import { useSession } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { PageHeading } from '../../components/page-heading.js'
import { PublicLayout } from '../../components/public-layout.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'
import { AddressForm } from './address-form.js'
import { ConfirmAccountForm } from './confirm-account-form.js'
import { JoinAsMember } from './join-as-member.js'
import { NewAccountForm } from './new-account-form.js'
import { ButtonLink } from '../../components/links/button-link.js'
import { isOneOf } from '../../../core/one-of.js'

const UNUSABLE = [
  'invitation_not_found',
  'invitation_expired',
  'invitation_used',
  'invitation_revoked',
] as const

export function InvitationPage() {
  const { t } = useTranslation()
  const { token } = useParams({ from: '/inbjudan/$token' })
  const { code } = useSearch({ from: '/inbjudan/$token' })
  const preview = useQuery(invitationPreviewQuery(token))
  const session = useSession()

  if (preview.isPending) {
    return (
      <PublicLayout>
        <PageHeading>{t('invitation.loadingTitle')}</PageHeading>
        <Loading />
      </PublicLayout>
    )
  }

  if (preview.isError) {
    const error = preview.error
    const code = error instanceof ApiError ? error.code : ''
    return (
      <PublicLayout>
        <Stack gap="md">
          <PageHeading>
            {isOneOf(UNUSABLE, code) ? t(`invitation.unusable.${code}`) : t('errors.pageTitle')}
          </PageHeading>
          <ErrorAlert error={error} />
          <Text>{t('invitation.askForNew')}</Text>
          <Group>
            <ButtonLink to="/">{t('notFound.home')}</ButtonLink>
          </Group>
        </Stack>
      </PublicLayout>
    )
  }

  return (
    <PublicLayout wide>
      <Stack gap="lg">
        <PageHeading>{t('invitation.title', { library: preview.data.libraryName })}</PageHeading>
        <InvitationDetails preview={preview.data} />
        {session === undefined ? (
          <Loading />
        ) : session ? (
          <JoinAsMember token={token} preview={preview.data} session={session} />
        ) : preview.data.email ? (
          <NewAccountForm token={token} preview={preview.data} />
        ) : code ? (
          <ConfirmAccountForm token={token} code={code} preview={preview.data} />
        ) : (
          <AddressForm token={token} preview={preview.data} />
        )}
      </Stack>
    </PublicLayout>
  )
}

function InvitationDetails({ preview }: { preview: InvitationPreview }) {
  const { t } = useTranslation()
  // The preview carries no time zone; the reader's own clock is the useful one here.
  const format = useFormat(Intl.DateTimeFormat().resolvedOptions().timeZone)
  return (
    <Stack gap="sm">
      <dl className="details">
        <dt>{t('invitation.library')}</dt>
        <dd>{preview.libraryName}</dd>
        <dt>{t('invitation.role')}</dt>
        <dd>
          <strong>{format.role(preview.role)}</strong> – {t(`roleInfo.${preview.role}`)}
        </dd>
        <dt>{t('invitation.invitedBy')}</dt>
        <dd>{preview.invitedBy}</dd>
        <dt>{t('invitation.expires')}</dt>
        <dd>{format.dateTime(preview.expiresAt)}</dd>
        {preview.email && (
          <>
            <dt>{t('invitation.forEmail')}</dt>
            <dd>{preview.email}</dd>
          </>
        )}
      </dl>
      <Alert role="note" variant="light" color="torget">
        {t('invitation.whatTorgetIs')}
      </Alert>
    </Stack>
  )
}
