import { Alert, Button, Stack, Text, TextInput } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRouter, useSearch } from '@tanstack/react-router'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { fieldErrors } from '../../api/client.js'
import { setupStatusQuery, signIn, startSession } from '../../api/session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import {
  checkEmail,
  checkRequired,
  focusFirstInvalid,
  problems,
  type FieldErrors,
} from '../../components/form.js'
import { PasswordField } from '../../components/password-field.js'
import { PageHeading } from '../../components/page-heading.js'
import { PublicLayout } from '../../components/public-layout.js'
import { AnchorLink } from '../../components/links/anchor-link.js'

export function SignInPage() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const router = useRouter()
  const { redirect } = useSearch({ from: '/logga-in' })
  const demo = useQuery(setupStatusQuery).data?.demo ?? false
  const formRef = useRef<HTMLFormElement>(null)
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<FieldErrors<'email' | 'password'>>({})

  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: (session) => {
      startSession(queryClient, session)
      router.history.push(redirect ?? '/')
    },
    onError: () => focusFirstInvalid(formRef.current),
  })
  const server = fieldErrors(mutation.error)

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const found = problems({
      email: checkEmail(t, email),
      password: checkRequired(t, password),
    })
    setErrors(found)
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current)
    mutation.mutate({ email: email.trim(), password })
  }

  return (
    <PublicLayout>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{t('signIn.title')}</PageHeading>
          <Text>{t('signIn.intro')}</Text>
        </Stack>
        {demo && (
          <Alert role="note" color="torget" variant="light" title={t('signIn.demoTitle')}>
            {t('signIn.demoBody')}
          </Alert>
        )}
        {redirect && (
          <Text size="sm" c="dimmed">
            {t('signIn.afterRedirect')}
          </Text>
        )}
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <TextInput
              label={t('fields.email')}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={errors.email ?? server.email}
              required
            />
            <PasswordField
              label={t('fields.password')}
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={errors.password ?? server.password}
              required
            />
            <ErrorAlert error={mutation.error} />
            <Button type="submit" loading={mutation.isPending} fullWidth>
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
        <AnchorLink to="/glomt-losenord" size="sm">
          {t('signIn.forgot')}
        </AnchorLink>
      </Stack>
    </PublicLayout>
  )
}
