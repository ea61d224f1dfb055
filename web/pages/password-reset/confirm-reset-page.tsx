import { Alert, Button, Stack, Text } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useSearch } from '@tanstack/react-router'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { fieldErrors, isApiError } from '../../api/client.js'
import { confirmPasswordReset } from '../../api/session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { PASSWORD_MIN, checkNewPassword, focusFirstInvalid } from '../../components/form.js'
import { PageHeading } from '../../components/page-heading.js'
import { PasswordField } from '../../components/password-field.js'
import { PublicLayout } from '../../components/public-layout.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { ButtonLink } from '../../components/links/button-link.js'

export function ConfirmResetPage() {
  const { t } = useTranslation()
  const { token } = useSearch({ from: '/aterstall-losenord' })
  const formRef = useRef<HTMLFormElement>(null)
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({})
  const mutation = useMutation({
    mutationFn: (next: string) => confirmPasswordReset(token ?? '', next),
  })
  const server = fieldErrors(mutation.error)
  const tokenInvalid = !token || isApiError(mutation.error, 'reset_token_invalid')

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const found = {
      password: checkNewPassword(t, password),
      repeat: repeat === password ? undefined : t('validation.passwordsDiffer'),
    }
    setErrors(found)
    if (found.password || found.repeat) return focusFirstInvalid(formRef.current)
    mutation.mutate(password)
  }

  return (
    <PublicLayout>
      <Stack gap="lg">
        <PageHeading>{t('resetConfirm.title')}</PageHeading>
        {mutation.isSuccess ? (
          <Stack gap="md">
            <Alert role="status" color="teal" variant="light" title={t('resetConfirm.doneTitle')}>
              {t('resetConfirm.doneBody')}
            </Alert>
            <ButtonLink to="/logga-in">{t('resetConfirm.signIn')}</ButtonLink>
          </Stack>
        ) : tokenInvalid ? (
          <Stack gap="md">
            {token ? (
              <ErrorAlert error={mutation.error} />
            ) : (
              <Alert role="alert" color="red" variant="light">
                {t('resetConfirm.missingToken')}
              </Alert>
            )}
            <ButtonLink to="/glomt-losenord">{t('resetConfirm.requestNew')}</ButtonLink>
          </Stack>
        ) : (
          <form ref={formRef} onSubmit={onSubmit} noValidate>
            <Stack gap="md">
              <Text>{t('resetConfirm.intro')}</Text>
              <PasswordField
                label={t('fields.newPassword')}
                description={t('fields.passwordHint', { min: PASSWORD_MIN })}
                autoComplete="new-password"
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                error={errors.password ?? server.password}
                required
              />
              <PasswordField
                label={t('fields.repeatPassword')}
                autoComplete="new-password"
                value={repeat}
                onChange={(event) => setRepeat(event.currentTarget.value)}
                error={errors.repeat}
                required
              />
              <ErrorAlert error={mutation.error} />
              <Button type="submit" loading={mutation.isPending} fullWidth>
                {t('resetConfirm.submit')}
              </Button>
            </Stack>
          </form>
        )}
        <AnchorLink to="/logga-in" size="sm">
          {t('resetRequest.back')}
        </AnchorLink>
      </Stack>
    </PublicLayout>
  )
}
