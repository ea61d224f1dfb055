import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { InvitationPreview } from '../../../core/schemas/index.js'
import { fieldErrors } from '../../api/client.js'
import { requestInvitationConfirmation } from '../../api/members.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { checkEmail, focusFirstInvalid } from '../../components/form.js'
import { AnchorLink } from '../../components/links/anchor-link.js'

type Props = { token: string; preview: InvitationPreview }

/**
 * A link-only invitation, signed out: the first step is the address. The account is made only
 * from the e-mailed link, so whoever holds the invitation cannot take someone else's address.
 */
export function AddressForm({ token, preview }: Props) {
  const { t } = useTranslation()
  const formRef = useRef<HTMLFormElement>(null)
  const [email, setEmail] = useState('')
  const [error, setError] = useState<string>()
  const mutation = useMutation({
    mutationFn: (address: string) => requestInvitationConfirmation(token, address),
    onError: () => focusFirstInvalid(formRef.current),
  })
  const server = fieldErrors(mutation.error)
  const signInPath = `/inbjudan/${token}`

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const problem = checkEmail(t, email)
    setError(problem)
    if (problem) return focusFirstInvalid(formRef.current)
    mutation.mutate(email.trim())
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
      {mutation.isSuccess ? (
        // The same answer whether or not the address has an account: nothing to learn about who has one.
        <Stack gap="sm">
          <Alert role="status" color="teal" variant="light" title={t('invitation.linkSentTitle')}>
            <Stack gap="xs">
              <Text size="sm">
                {t('invitation.linkSent', {
                  email: mutation.data.confirmationSentTo,
                  library: preview.libraryName,
                })}
              </Text>
              <Text size="sm">{t('invitation.linkSentHasAccount')}</Text>
            </Stack>
          </Alert>
          <Button variant="default" onClick={() => mutation.reset()}>
            {t('invitation.otherAddress')}
          </Button>
        </Stack>
      ) : (
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <Text>{t('invitation.addressIntro')}</Text>
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
            <Button type="submit" loading={mutation.isPending}>
              {t('invitation.sendLink')}
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  )
}
