import { Divider, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import { membersQuery } from '../../api/members.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'
import { InvitationList } from './invitation-list.js'
import { InviteForm } from './invite-form.js'
import { MemberTable } from './member-table.js'
import { RoleGuide } from './role-guide.js'

export function MembersPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const members = useQuery(membersQuery(libraryId))
  const format = useFormat(membership.timeZone)
  const manage = can(membership.role, 'invitations.manage')

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <PageHeading>{t('members.title')}</PageHeading>
        <Text className="prose">{t('members.intro')}</Text>
      </Stack>
      {members.isPending ? (
        <Loading />
      ) : members.isError ? (
        <ErrorAlert error={members.error} />
      ) : (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('members.count', {
              count: members.data.length,
              formatted: format.number(members.data.length),
            })}
          </Text>
          <MemberTable key={libraryId} libraryId={libraryId} members={members.data} />
        </Stack>
      )}
      {manage && (
        // Keyed by library: the form and dialogs start afresh after switching library.
        <Fragment key={libraryId}>
          <Divider />
          <InviteForm libraryId={libraryId} timeZone={membership.timeZone} />
          <InvitationList libraryId={libraryId} timeZone={membership.timeZone} />
        </Fragment>
      )}
      <Divider />
      <RoleGuide />
    </Stack>
  )
}
