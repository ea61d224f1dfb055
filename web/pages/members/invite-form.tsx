import { Button, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ROLES, type Role } from '../../../core/roles.js'
import { fieldErrors } from '../../api/client.js'
import { createInvitation } from '../../api/members.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { checkEmail, focusFirstInvalid } from '../../components/form.js'
import { useFormat } from '../../i18n/format.js'
import { CreatedInvitationNotice } from './created-invitation.js'

type Props = { libraryId: string; timeZone: string }

export function InviteForm({ libraryId, timeZone }: Props) {
  const { t } = useTranslation()
  const format = useFormat(timeZone)
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const [role, setRole] = useState<Role>('writer')
  const [email, setEmail] = useState('')
  const [emailError, setEmailError] = useState<string>()

  const mutation = useMutation({
    mutationFn: () =>
      createInvitation(libraryId, email.trim() ? { role, email: email.trim() } : { role }),
    onSuccess: async () => {
      setEmail('')
      await queryClient.invalidateQueries({ queryKey: ['library', libraryId] })
    },
    onError: () => focusFirstInvalid(formRef.current),
  })
  const server = fieldErrors(mutation.error)

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const problem = email.trim() ? checkEmail(t, email) : undefined
    setEmailError(problem)
    if (problem) return focusFirstInvalid(formRef.current)
    mutation.mutate()
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="invite-heading">
      <Title order={2} size="h3" id="invite-heading">
        {t('invite.title')}
      </Title>
      <Text size="sm">{t('invite.intro')}</Text>
      {mutation.data ? (
        <CreatedInvitationNotice
          invitation={mutation.data}
          timeZone={timeZone}
          onDone={() => mutation.reset()}
        />
      ) : (
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <Group align="flex-start" grow preventGrowOverflow={false}>
              <NativeSelect
                label={t('fields.role')}
                value={role}
                data={ROLES.map((value) => ({ value, label: format.role(value) }))}
                onChange={(event) => setRole(event.currentTarget.value as Role)}
                error={server.role}
              />
              <TextInput
                label={t('invite.email')}
                description={t('invite.emailHint')}
                type="email"
                autoComplete="off"
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={emailError ?? server.email}
              />
            </Group>
            <ErrorAlert error={mutation.error} />
            <Group>
              <Button type="submit" loading={mutation.isPending}>
                {t('invite.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  )
}
