import { Alert, Button, Stack, Text, TextInput } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { fieldErrors } from '../../api/client.js'
import { requestPasswordReset } from '../../api/session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { checkEmail, focusFirstInvalid } from '../../components/form.js'
import { PageHeading } from '../../components/page-heading.js'
import { PublicLayout } from '../../components/public-layout.js'
import { AnchorLink } from '../../components/links/anchor-link.js'

export function RequestResetPage() {
  const { t } = useTranslation()
  const formRef = useRef<HTMLFormElement>(null)
  const [email, setEmail] = useState('')
  const [error, setError] = useState<string>()
  const mutation = useMutation({ mutationFn: requestPasswordReset })
  const server = fieldErrors(mutation.error)

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const problem = checkEmail(t, email)
    setError(problem)
    if (problem) return focusFirstInvalid(formRef.current)
    mutation.mutate(email.trim())
  }

  return (
    <PublicLayout>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{t('resetRequest.title')}</PageHeading>
          <Text>{t('resetRequest.intro')}</Text>
        </Stack>
        {mutation.isSuccess ? (
          // The same answer whether or not the account exists: nothing to learn about who has one.
          <Alert role="status" color="teal" variant="light" title={t('resetRequest.sentTitle')}>
            {t('resetRequest.sentBody', { email: email.trim() })}
          </Alert>
        ) : (
          <form ref={formRef} onSubmit={onSubmit} noValidate>
            <Stack gap="md">
              <TextInput
                label={t('fields.email')}
                type="email"
                autoComplete="email"
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={error ?? server.email}
                required
              />
              <ErrorAlert error={mutation.error} />
              <Button type="submit" loading={mutation.isPending} fullWidth>
                {t('resetRequest.submit')}
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
