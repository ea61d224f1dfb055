import { Button, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { InvitationPreview } from '../../../core/schemas/index.js'
import { fieldErrors, isApiError } from '../../api/client.js'
import { acceptInvitation, type NewAccount } from '../../api/members.js'
import { ErrorAlert } from '../../components/error-alert.js'
import {
  PASSWORD_MIN,
  checkEmail,
  checkNewPassword,
  checkRequired,
  focusFirstInvalid,
  problems,
  type FieldErrors,
} from '../../components/form.js'
import { PasswordField } from '../../components/password-field.js'
import { joined } from './join.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { ButtonLink } from '../../components/links/button-link.js'

type Props = { token: string; preview: InvitationPreview }

export function NewAccountForm({ token, preview }: Props) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const formRef = useRef<HTMLFormElement>(null)
  const [form, setForm] = useState<NewAccount>({
    name: '',
    email: preview.email ?? '',
    password: '',
  })
  const [errors, setErrors] = useState<FieldErrors<keyof NewAccount>>({})

  const mutation = useMutation({
    mutationFn: async (account: NewAccount) => {
      const session = await acceptInvitation(token, account)
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
  const signInPath = `/inbjudan/${token}`

  const field = (key: keyof NewAccount) => ({
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
    const found = problems<keyof NewAccount>({
      name: checkRequired(t, form.name),
      email: checkEmail(t, form.email),
      password: checkNewPassword(t, form.password),
    })
    setErrors(found)
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current)
    mutation.mutate({ name: form.name.trim(), email: form.email.trim(), password: form.password })
  }

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('invitation.newAccountTitle')}
      </Title>
      <Text>
        {t('invitation.haveAccount')}{' '}
        <AnchorLink to="/logga-in" search={{ redirect: signInPath }}>
          {t('invitation.signInFirst')}
        </AnchorLink>
      </Text>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <TextInput label={t('fields.name')} autoComplete="name" {...field('name')} />
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            {...field('email')}
          />
          <PasswordField
            label={t('fields.password')}
            description={t('fields.passwordHint', { min: PASSWORD_MIN })}
            autoComplete="new-password"
            {...field('password')}
          />
          <ErrorAlert error={mutation.error} />
          {isApiError(mutation.error, 'email_taken') && (
            <ButtonLink to="/logga-in" search={{ redirect: signInPath }} variant="default">
              {t('invitation.signInFirst')}
            </ButtonLink>
          )}
          <Button type="submit" loading={mutation.isPending}>
            {t('invitation.createAndJoin', { library: preview.libraryName })}
          </Button>
        </Stack>
      </form>
    </Stack>
  )
}
