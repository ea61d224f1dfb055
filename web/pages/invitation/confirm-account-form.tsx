import { Button, Group, Stack, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { InvitationPreview } from '../../../core/schemas/index.js'
import { fieldErrors } from '../../api/client.js'
import { confirmInvitation, invitationConfirmationQuery } from '../../api/members.js'
import { ErrorAlert } from '../../components/error-alert.js'
import {
  PASSWORD_MIN,
  checkNewPassword,
  checkRequired,
  focusFirstInvalid,
  problems,
  type FieldErrors,
} from '../../components/form.js'
import { ButtonLink } from '../../components/links/button-link.js'
import { PasswordField } from '../../components/password-field.js'
import { Loading } from '../../components/route-states.js'
import { joined } from './join.js'

type Props = { token: string; code: string; preview: InvitationPreview }
type Field = 'name' | 'password'

/** The e-mailed link proved the address: the person chooses name and password, and joins. */
export function ConfirmAccountForm({ token, code, preview }: Props) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const formRef = useRef<HTMLFormElement>(null)
  const confirmation = useQuery(invitationConfirmationQuery(token, code))
  const [form, setForm] = useState({ name: '', password: '' })
  const [errors, setErrors] = useState<FieldErrors<Field>>({})

  const mutation = useMutation({
    mutationFn: async () => {
      const session = await confirmInvitation(token, {
        code,
        name: form.name.trim(),
        password: form.password,
      })
      // The account was created in the language of this page: keep it.
      return joined(queryClient, null, session, { keepLanguage: true })
    },
    onSuccess: async (libraryId) => {
      if (libraryId)
        await navigate({ to: '/bibliotek/$libraryId/planering', params: { libraryId } })
      else await navigate({ to: '/' })
    },
    onError: () => focusFirstInvalid(formRef.current),
  })
  const server = fieldErrors(mutation.error)

  if (confirmation.isPending) return <Loading />
  if (confirmation.isError)
    return (
      <Stack gap="md">
        <ErrorAlert error={confirmation.error} />
        <Group>
          <ButtonLink to="/inbjudan/$token" params={{ token }}>
            {t('invitation.newLink')}
          </ButtonLink>
        </Group>
      </Stack>
    )

  const field = (key: Field) => ({
    value: form[key],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value
      setForm((old) => ({ ...old, [key]: value }))
    },
    error: errors[key] ?? server[key],
    required: true,
  })

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const found = problems<Field>({
      name: checkRequired(t, form.name),
      password: checkNewPassword(t, form.password),
    })
    setErrors(found)
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current)
    mutation.mutate()
  }

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('invitation.confirmTitle')}
      </Title>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('fields.email')}
            description={t('invitation.confirmFor')}
            value={confirmation.data.email}
            autoComplete="username"
            readOnly
          />
          <TextInput label={t('fields.name')} autoComplete="name" {...field('name')} />
          <PasswordField
            label={t('fields.password')}
            description={t('fields.passwordHint', { min: PASSWORD_MIN })}
            autoComplete="new-password"
            {...field('password')}
          />
          <ErrorAlert error={mutation.error} />
          <Button type="submit" loading={mutation.isPending}>
            {t('invitation.createAndJoin', { library: preview.libraryName })}
          </Button>
        </Stack>
      </form>
    </Stack>
  )
}
