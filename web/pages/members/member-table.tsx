import { Button, NativeSelect, Table, Text } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ROLES, can, type Role } from '../../../core/roles.js'
import type { Member } from '../../../core/schemas/index.js'
import { changeMemberRole, removeMember } from '../../api/members.js'
import { sessionQuery } from '../../api/session.js'
import { useMembership, useRequiredSession } from '../../api/use-session.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { useErrorMessage } from '../../components/error-alert.js'
import { useFormat } from '../../i18n/format.js'
import { notify } from '../../components/notify.js'
import { ScrollTable } from '../../components/scroll-table.js'

type Props = { libraryId: string; members: Member[] }

export function MemberTable({ libraryId, members }: Props) {
  const { t } = useTranslation()
  const session = useRequiredSession()
  const membership = useMembership(libraryId)
  const format = useFormat(membership.timeZone)
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const errorMessage = useErrorMessage()
  const [leaving, setLeaving] = useState<Member>()
  const manage = can(membership.role, 'members.manage')
  const me = session.user.id

  const refresh = async (userId: string) => {
    await queryClient.invalidateQueries({ queryKey: ['library', libraryId] })
    // My own role or membership lives in the session too.
    if (userId === me) await queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey })
  }

  const roleChange = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      changeMemberRole(libraryId, userId, role),
    onSuccess: async (member) => {
      await refresh(member.userId)
      notify(t('members.roleChanged', { name: member.name, role: format.role(member.role) }))
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  })

  const removal = useMutation({
    mutationFn: (member: Member) => removeMember(libraryId, member.userId),
    onSuccess: async (_, member) => {
      setLeaving(undefined)
      if (member.userId === me) {
        // Leave the library's pages before the session forgets the membership.
        const next = session.memberships.find((m) => m.libraryId !== libraryId)
        if (next) {
          await navigate({
            to: '/bibliotek/$libraryId/planering',
            params: { libraryId: next.libraryId },
          })
        } else {
          await navigate({ to: '/konto' })
        }
        const library = membership.libraryName
        notify(t('members.left', { library }))
        await queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey })
        return
      }
      await refresh(member.userId)
      notify(t('members.removed', { name: member.name }))
    },
  })

  const askRemove = (member: Member) => {
    removal.reset()
    setLeaving(member)
  }
  const self = leaving?.userId === me

  return (
    <>
      <ScrollTable
        minWidth={640}
        label={t('members.tableCaption', { library: membership.libraryName })}
      >
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Caption className="visually-hidden">
            {t('members.tableCaption', { library: membership.libraryName })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('fields.name')}</Table.Th>
              <Table.Th scope="col">{t('fields.email')}</Table.Th>
              <Table.Th scope="col">{t('fields.role')}</Table.Th>
              <Table.Th scope="col">{t('members.joined')}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t('members.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((member) => (
              <Table.Tr key={member.userId}>
                <Table.Th scope="row" fw={500}>
                  {member.name}
                  {member.userId === me && (
                    <Text component="span" size="sm" c="dimmed">
                      {' '}
                      {t('members.you')}
                    </Text>
                  )}
                </Table.Th>
                <Table.Td>{member.email}</Table.Td>
                <Table.Td>
                  {manage ? (
                    <NativeSelect
                      aria-label={t('members.roleOf', { name: member.name })}
                      value={member.role}
                      data={ROLES.map((role) => ({ value: role, label: format.role(role) }))}
                      onChange={(event) =>
                        roleChange.mutate({
                          userId: member.userId,
                          role: event.currentTarget.value as Role,
                        })
                      }
                      disabled={roleChange.isPending}
                      size="sm"
                      w={150}
                    />
                  ) : (
                    format.role(member.role)
                  )}
                </Table.Td>
                <Table.Td>{format.date(member.joinedAt)}</Table.Td>
                <Table.Td ta="right">
                  {member.userId === me ? (
                    <Button
                      variant="subtle"
                      color="red"
                      size="xs"
                      onClick={() => askRemove(member)}
                    >
                      {t('members.leave')}
                    </Button>
                  ) : (
                    manage && (
                      <Button
                        variant="subtle"
                        color="red"
                        size="xs"
                        aria-label={t('members.removeNamed', { name: member.name })}
                        onClick={() => askRemove(member)}
                      >
                        {t('members.remove')}
                      </Button>
                    )
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <ConfirmDialog
        opened={leaving !== undefined}
        onClose={() => setLeaving(undefined)}
        title={self ? t('members.leaveTitle') : t('members.removeTitle', { name: leaving?.name })}
        body={
          self
            ? t('members.leaveBody', { library: membership.libraryName })
            : t('members.removeBody', { name: leaving?.name, library: membership.libraryName })
        }
        confirmLabel={self ? t('members.leave') : t('members.remove')}
        onConfirm={() => leaving && removal.mutate(leaving)}
        pending={removal.isPending}
        error={removal.error}
        fallbackFocus={() => document.querySelector<HTMLElement>('main h1')}
      />
    </>
  )
}
