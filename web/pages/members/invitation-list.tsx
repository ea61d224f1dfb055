import { Button, Stack, Table, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Invitation } from '../../../core/schemas/index.js'
import { invitationsQuery, revokeInvitation } from '../../api/members.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'
import { notify } from '../../components/notify.js'
import { ScrollTable } from '../../components/scroll-table.js'

type Props = { libraryId: string; timeZone: string }

export function InvitationList({ libraryId, timeZone }: Props) {
  const { t } = useTranslation()
  const format = useFormat(timeZone)
  const queryClient = useQueryClient()
  const invitations = useQuery(invitationsQuery(libraryId))
  const [revoking, setRevoking] = useState<Invitation>()

  const revoke = useMutation({
    mutationFn: (invitation: Invitation) => revokeInvitation(libraryId, invitation.id),
    onSuccess: async () => {
      setRevoking(undefined)
      await queryClient.invalidateQueries({ queryKey: ['library', libraryId] })
      notify(t('invitations.revoked'))
    },
  })

  const recipient = (invitation: Invitation) => invitation.email ?? t('invitations.anyone')

  return (
    <Stack gap="sm" component="section" aria-labelledby="invitations-heading">
      <Title order={2} size="h3" id="invitations-heading" tabIndex={-1}>
        {t('invitations.title')}
      </Title>
      {invitations.isPending ? (
        <Loading />
      ) : invitations.isError ? (
        <ErrorAlert error={invitations.error} />
      ) : invitations.data.length === 0 ? (
        <Text size="sm">{t('invitations.none')}</Text>
      ) : (
        <ScrollTable minWidth={640} labelledBy="invitations-heading">
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('invitations.recipient')}</Table.Th>
                <Table.Th scope="col">{t('fields.role')}</Table.Th>
                <Table.Th scope="col">{t('invitations.invitedBy')}</Table.Th>
                <Table.Th scope="col">{t('invitations.expires')}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('members.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invitations.data.map((invitation) => (
                <Table.Tr key={invitation.id}>
                  <Table.Td>{recipient(invitation)}</Table.Td>
                  <Table.Td>{format.role(invitation.role)}</Table.Td>
                  <Table.Td>{invitation.invitedBy}</Table.Td>
                  <Table.Td>{format.dateTime(invitation.expiresAt)}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      variant="subtle"
                      color="red"
                      size="xs"
                      aria-label={t('invitations.revokeNamed', {
                        recipient: recipient(invitation),
                      })}
                      onClick={() => {
                        revoke.reset()
                        setRevoking(invitation)
                      }}
                    >
                      {t('invitations.revoke')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <ConfirmDialog
        opened={revoking !== undefined}
        onClose={() => setRevoking(undefined)}
        title={t('invitations.revokeTitle')}
        body={t('invitations.revokeBody', { recipient: revoking ? recipient(revoking) : '' })}
        confirmLabel={t('invitations.revoke')}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        pending={revoke.isPending}
        error={revoke.error}
        fallbackFocus={() => document.getElementById('invitations-heading')}
      />
    </Stack>
  )
}
