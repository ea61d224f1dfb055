import { Button, Group, Stack, Text } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { InvitationPreview, SessionView } from '../../../core/schemas/index.js'
import { isApiError } from '../../api/client.js'
import { acceptInvitation } from '../../api/members.js'
import { endSession, signOut } from '../../api/session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { joined } from './join.js'
import { ButtonLink } from '../../components/links/button-link.js'

type Props = { token: string; preview: InvitationPreview; session: SessionView }

export function JoinAsMember({ token, preview, session }: Props) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const navigate = useNavigate()

  const join = useMutation({
    mutationFn: () => acceptInvitation(token),
    onSuccess: async (next) => {
      const libraryId = joined(queryClient, session, next)
      if (libraryId)
        await navigate({ to: '/bibliotek/$libraryId/planering', params: { libraryId } })
      else await navigate({ to: '/' })
    },
  })

  const switchAccount = async () => {
    // Another person at this computer: sign out and stay on the invitation.
    await signOut().catch(() => undefined)
    endSession(queryClient, { onPurpose: true })
  }

  return (
    <Stack gap="md">
      <Text>
        {t('invitation.signedInAs', { name: session.user.name, email: session.user.email })}
      </Text>
      <ErrorAlert error={join.error} />
      {isApiError(join.error, 'already_member') ? (
        <Group>
          <ButtonLink to="/">{t('invitation.openTorget')}</ButtonLink>
        </Group>
      ) : (
        <Group>
          <Button onClick={() => join.mutate()} loading={join.isPending}>
            {t('invitation.join', { library: preview.libraryName })}
          </Button>
          <Button variant="default" onClick={() => void switchAccount()}>
            {t('invitation.notYou')}
          </Button>
        </Group>
      )}
    </Stack>
  )
}
