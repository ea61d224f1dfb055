import { Group, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { policyMetaLine, policyTitle } from '../../../core/strategy/policy-outline.js'
import { publicPolicyQuery } from '../../api/strategy.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { ButtonLink } from '../../components/links/button-link.js'
import { PageHeading } from '../../components/page-heading.js'
import { PublicLayout } from '../../components/public-layout.js'
import { Loading } from '../../components/route-states.js'
import { PolicyDocument } from './policy-document.js'

/** A library's approved policy at its public link: no sign-in, only the policy's text. */
export function PublicPolicyPage() {
  const { t } = useTranslation()
  const { token } = useParams({ from: '/policy/$token' })
  const policy = useQuery(publicPolicyQuery(token))

  if (policy.isPending) {
    return (
      <PublicLayout wide>
        <PageHeading>{t('strategy.public.loading')}</PageHeading>
        <Loading />
      </PublicLayout>
    )
  }
  if (policy.isError) {
    return (
      <PublicLayout wide>
        <Stack gap="md">
          <PageHeading>{t('strategy.public.missingTitle')}</PageHeading>
          <ErrorAlert error={policy.error} />
          <Group>
            <ButtonLink to="/">{t('notFound.home')}</ButtonLink>
          </Group>
        </Stack>
      </PublicLayout>
    )
  }
  const p = policy.data
  const meta = {
    libraryName: p.libraryName,
    versionNumber: p.versionNumber,
    approvedAt: p.approvedAt,
  }
  return (
    <PublicLayout wide>
      <Stack gap="lg" lang={p.locale}>
        <Stack gap="xs">
          <PageHeading>{policyTitle(meta, p.locale)}</PageHeading>
          <Text size="sm">{policyMetaLine(meta, p.locale)}</Text>
        </Stack>
        <PolicyDocument document={p.document} locale={p.locale} />
      </Stack>
    </PublicLayout>
  )
}
